"""The compute API v2.1: one controller module per resource.

``APIRouterV21`` (in :mod:`routes`) is the paste app factory; it is
re-exported here so ``api-paste.ini`` names it as nova does.
"""

from nova_clone.api.openstack.compute.routes import APIRouterV21  # noqa: F401
