"""The REST APIs (compute, later metadata) and their middleware."""
