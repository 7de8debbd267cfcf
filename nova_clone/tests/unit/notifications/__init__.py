"""Unit tests of the versioned notification objects."""
