"""Functional tests of the scheduler against real Placement."""
