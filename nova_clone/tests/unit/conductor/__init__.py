"""Unit tests of the conductor client."""
