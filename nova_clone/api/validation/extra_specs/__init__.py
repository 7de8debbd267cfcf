"""Validation of flavor extra specs (microversion 2.86 and later)."""
