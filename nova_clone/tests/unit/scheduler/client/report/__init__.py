"""Unit tests for the Placement report client."""
