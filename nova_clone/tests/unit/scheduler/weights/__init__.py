"""Unit tests of the scheduler weighers."""
