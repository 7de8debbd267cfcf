"""Functional tests of nova-conductor."""
