"""Unit tests for the scheduler clients."""
