"""Service liveness: who is up, and the heartbeat that says so."""

from nova_clone.servicegroup.api import API  # noqa: F401
