"""ApiTestCase: the real paste app (noauth2) over a migrated API database.
"""

import os

from oslo_serialization import jsonutils
import webob

from nova_clone.api.openstack import wsgi_app
from nova_clone import objects
from nova_clone import policy
from nova_clone.tests import base
from nova_clone.tests.fixtures import database

PASTE = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..',
                     'etc', 'nova', 'api-paste.ini')


class Response(object):
    """A webob response with ``.body`` decoded from JSON when it is JSON."""

    def __init__(self, resp):
        self.resp = resp
        self.status = resp.status_int
        self.headers = resp.headers
        self.text = resp.text
        self.body = jsonutils.loads(resp.text) if resp.text and (
            resp.content_type or '').endswith('json') else None


def load_noauth_app(test):
    """:returns: the paste app with noauth2, policy reset for ``test``."""
    test.flags(auth_strategy='noauth2', group='api')
    policy.reset()
    test.addCleanup(policy.reset)
    return wsgi_app.load_app('osapi_compute', os.path.abspath(PASTE))


class ApiClientMixin(object):
    """Requests to ``self.app`` as admin or any user:project."""

    def api(self, method, path, body=None, user='admin', project=None,
            version=None, headers=None, legacy=False):
        """:returns: a Response of ``method path`` sent to the app.

        :param user: the noauth2 user ('admin' is an admin; None sends no
            token).
        :param version: a microversion for OpenStack-API-Version (or the
            legacy header with ``legacy=True``).
        """
        req = webob.Request.blank(path, method=method)
        if user is not None:
            req.headers['X-Auth-Token'] = '%s:%s' % (user, project or user)
        if version:
            if legacy:
                req.headers['X-OpenStack-Nova-API-Version'] = version
            else:
                req.headers['OpenStack-API-Version'] = 'compute ' + version
        if body is not None:
            req.body = jsonutils.dump_as_bytes(body)
            req.content_type = 'application/json'
        for key, value in (headers or {}).items():
            req.headers[key] = value
        return Response(req.get_response(self.app))

    def raw(self, method, path, body, content_type):
        """:returns: a Response to a request with a raw body."""
        req = webob.Request.blank(path, method=method)
        req.headers['X-Auth-Token'] = 'admin:admin'
        req.content_type = content_type
        req.body = body
        return Response(req.get_response(self.app))

    def assertFault(self, resp, code, name, message=None):
        """Check a fault body ``{name: {code, message}}``."""
        self.assertEqual(code, resp.status, resp.text)
        self.assertEqual([name], list(resp.body))
        self.assertEqual(code, resp.body[name]['code'])
        if message is not None:
            self.assertIn(message, resp.body[name]['message'])

    def create_flavor(self, flavorid, name=None, version=None, **values):
        flavor = {'name': name or 'flavor-%s' % flavorid, 'id': flavorid,
                  'ram': 512, 'vcpus': 1, 'disk': 1}
        flavor.update(values)
        resp = self.api('POST', '/v2.1/flavors', {'flavor': flavor},
                        version=version)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['flavor']


class ApiTestCase(ApiClientMixin, base.NoDBTestCase):
    """Drive ``osapi_compute`` in process over an API database only."""

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('api'))
        self.app = load_noauth_app(self)
