"""Versioned notifications: nova's payload shapes, emitted on our notifier."""
