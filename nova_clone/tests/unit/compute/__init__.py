"""Unit tests of nova-compute's flows."""
