"""JSON schemas of the compute API requests, one module per resource."""
