"""View builders: objects to response bodies, one module per resource."""
