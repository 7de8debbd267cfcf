"""nova_clone: a faithful clone of OpenStack Compute (nova)."""
