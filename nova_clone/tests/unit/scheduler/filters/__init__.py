"""Unit tests of the scheduler filters."""
