"""Functional tests of the Service shell."""
