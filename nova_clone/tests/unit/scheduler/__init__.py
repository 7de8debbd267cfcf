"""Unit tests for nova_clone.scheduler."""
