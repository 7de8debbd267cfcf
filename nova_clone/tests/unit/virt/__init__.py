"""Unit tests of the virt driver interface and the fake driver."""
