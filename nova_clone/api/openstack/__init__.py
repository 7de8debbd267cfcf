"""The OpenStack compute API: WSGI plumbing, versions, faults, helpers."""
