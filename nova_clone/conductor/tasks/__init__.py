"""The conductor's task flows, one module per operation."""
