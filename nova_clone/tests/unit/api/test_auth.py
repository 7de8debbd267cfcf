"""The keystone context middleware, noauth2 and the WSGI app loader."""

import os

import webob

from nova_clone.api import auth
from nova_clone.api.openstack import auth as noauth
from nova_clone.api.openstack import wsgi_app
from nova_clone import policy
from nova_clone.tests import base


def _app(req):
    return webob.Response(json_body={
        'user': req.environ['nova.context'].user_id,
        'project': req.environ['nova.context'].project_id,
        'admin': req.environ['nova.context'].is_admin,
        'roles': sorted(req.environ['nova.context'].roles)})


class KeystoneContextTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)
        self.app = auth.NovaKeystoneContext(webob.dec.wsgify(_app))

    def test_context_from_headers(self):
        req = webob.Request.blank('/', headers={
            'X-User-Id': 'u1', 'X-Project-Id': 'p1',
            'X-Roles': 'admin,member', 'X-Auth-Token': 'tok',
            'X-Service-Catalog': '[{"type": "image", "endpoints": []}]'})
        body = req.get_response(self.app).json
        self.assertEqual({'user': 'u1', 'project': 'p1', 'admin': True,
                          'roles': ['admin', 'member']}, body)

    def test_non_admin(self):
        req = webob.Request.blank('/', headers={
            'X-User-Id': 'u1', 'X-Project-Id': 'p1', 'X-Roles': 'reader'})
        self.assertFalse(req.get_response(self.app).json['admin'])

    def test_no_user_is_401(self):
        resp = webob.Request.blank('/').get_response(self.app)
        self.assertEqual(401, resp.status_int)


class NoAuthTest(base.NoDBTestCase):

    def test_token(self):
        app = noauth.NoAuthMiddleware(webob.dec.wsgify(_app))
        req = webob.Request.blank('/', headers={'X-Auth-Token': 'bob:p2'})
        self.assertEqual({'user': 'bob', 'project': 'p2', 'admin': False,
                          'roles': ['member', 'reader']},
                         req.get_response(app).json)
        req = webob.Request.blank('/', headers={'X-Auth-Token': 'admin'})
        body = req.get_response(app).json
        self.assertEqual(('admin', True), (body['project'], body['admin']))


class WsgiAppTest(base.NoDBTestCase):

    def test_config_files_from_environment(self):
        self.assertEqual(['/etc/nova/nova.conf'],
                         wsgi_app.get_config_files({}))
        self.assertEqual(['/x/a.conf', '/x/b.conf'],
                         wsgi_app.get_config_files({
                             'OS_NOVA_CONFIG_DIR': '/x',
                             'OS_NOVA_CONFIG_FILES': 'a.conf;b.conf'}))

    def test_paste_file_falls_back_to_shipped(self):
        path = wsgi_app.find_paste_config({'OS_NOVA_CONFIG_DIR': '/none'})
        self.assertTrue(path.endswith(os.path.join('etc', 'nova',
                                                   'api-paste.ini')))
