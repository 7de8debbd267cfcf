"""Functional tests of the command-line programs."""
