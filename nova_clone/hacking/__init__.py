"""hacking package."""
