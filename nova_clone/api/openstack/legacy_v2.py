"""The /v2 endpoint: the v2.1 API as a v2.0 client knows it.

Requests on /v2 are served by the same routes at microversion 2.1
whatever headers they carry, and responses name no microversion, as
nova's legacy v2 compatible pipeline does.
"""

import webob.dec

from nova_clone.api.openstack import wsgi


class LegacyV2CompatibleWrapper(object):
    """paste filter ``legacy_v2_compatible``."""

    def __init__(self, application):
        self.application = application

    @classmethod
    def factory(cls, global_config, **local_config):
        def _factory(app):
            return cls(app)
        return _factory

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        req.environ[wsgi.LEGACY_V2_KEY] = True
        return req.get_response(self.application)
