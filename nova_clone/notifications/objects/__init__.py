"""Versioned notification and payload objects (one module per subject)."""
