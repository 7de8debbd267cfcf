"""Functional tests of the compute REST API (paste app, real API DB)."""
