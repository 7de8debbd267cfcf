"""Unit tests for nova_clone.conf."""
