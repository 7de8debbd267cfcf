"""objects package."""
