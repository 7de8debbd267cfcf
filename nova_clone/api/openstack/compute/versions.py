"""The version documents: ``GET /`` (all versions), ``GET /v2.1``."""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack.compute.schemas import versions as schema
from nova_clone.api.openstack.compute.views import versions as views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation

LINKS = {
    'v2.0': {'html': 'http://docs.openstack.org/'},
    'v2.1': {'html': 'http://docs.openstack.org/'},
}

VERSIONS = {
    'v2.0': {
        'id': 'v2.0',
        'status': 'SUPPORTED',
        'version': '',
        'min_version': '',
        'updated': '2011-01-21T11:33:21Z',
        'links': [{'rel': 'describedby', 'type': 'text/html',
                   'href': LINKS['v2.0']['html']}],
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2',
        }],
    },
    'v2.1': {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': api_version_request._MAX_API_VERSION,
        'min_version': api_version_request._MIN_API_VERSION,
        'updated': '2013-07-23T11:33:21Z',
        'links': [{'rel': 'describedby', 'type': 'text/html',
                   'href': LINKS['v2.1']['html']}],
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2.1',
        }],
    },
}


class Versions(wsgi.Resource):
    """The app at ``/``: the list of versions (300 for unknown paths)."""

    def __init__(self):
        super().__init__(VersionsController())

    @classmethod
    def factory(cls, global_config, **local_config):
        return cls()

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '/') or '/'
        action = 'index' if path == '/' else 'multi'
        allowed = ['GET']
        if environ['REQUEST_METHOD'] not in ('GET', 'HEAD'):
            action = '_method_not_allowed'
        environ['wsgiorg.routing_args'] = ((), {
            'action': action, 'allowed_methods': allowed})
        return super().__call__(environ, start_response)


class VersionsController(wsgi.Controller):

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        builder = views.get_view_builder(req)
        return builder.build_versions(VERSIONS)

    @wsgi.response(300)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def multi(self, req):
        builder = views.get_view_builder(req)
        return builder.build_choices(VERSIONS, req)


class VersionsV2(wsgi.Resource):
    """The app at ``/v2.1`` (or, with ``version = v2.0``, ``/v2``): that
    version's document, no auth.
    """

    def __init__(self, version='v2.1'):
        super().__init__(VersionController(version))

    @classmethod
    def factory(cls, global_config, **local_config):
        return cls(local_config.get('version', 'v2.1'))

    def __call__(self, environ, start_response):
        action = 'show'
        if environ['REQUEST_METHOD'] not in ('GET', 'HEAD'):
            action = '_method_not_allowed'
        environ['wsgiorg.routing_args'] = ((), {
            'action': action, 'allowed_methods': ['GET']})
        return super().__call__(environ, start_response)


class VersionController(wsgi.Controller):
    """``GET /v2.1``; also routed from the authenticated API root."""

    def __init__(self, version='v2.1'):
        self._version = version

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id='v2.1'):
        builder = views.get_view_builder(req)
        version = 'v2.0' if req.is_legacy_v2() else self._version
        return builder.build_version(VERSIONS[version])
