"""The wsgi decorators: microversion dispatch, codes, expected errors."""

import webob
import webob.exc

from nova_clone.api.openstack import api_version_request as avr
from nova_clone.api.openstack import wsgi
from nova_clone import exception
from nova_clone.tests import base


class _Controller(wsgi.Controller):

    @wsgi.api_version('2.1', '2.9')
    @wsgi.response(200)
    def show(self, req):
        return 'old'

    @wsgi.api_version('2.10')
    @wsgi.response(201)
    def show(self, req):  # noqa: F811
        return 'new'

    @wsgi.expected_errors(404)
    def fails(self, req, exc):
        raise exc


def _req(version):
    req = wsgi.Request(webob.Request.blank('/').environ)
    req.api_version_request = avr.APIVersionRequest(version)
    return req


class WsgiDecoratorsTest(base.NoDBTestCase):

    def test_dispatch_by_version(self):
        ctl = _Controller()
        self.assertEqual('old', ctl.show(_req('2.9')))
        self.assertEqual('new', ctl.show(_req('2.10')))
        func = wsgi.select_version(ctl.show, _req('2.10'))
        self.assertEqual(201, wsgi.response_code(func, _req('2.10')))
        func = wsgi.select_version(ctl.show, _req('2.2'))
        self.assertEqual(200, wsgi.response_code(func, _req('2.2')))

    def test_response_ranges(self):
        @wsgi.response(200, '2.1', '2.1')
        @wsgi.response(201, '2.2')
        def create(self, req):
            pass
        self.assertEqual(200, wsgi.response_code(create, _req('2.1')))
        self.assertEqual(201, wsgi.response_code(create, _req('2.50')))

    def test_expected_errors(self):
        ctl = _Controller()
        req = _req('2.1')
        self.assertRaises(webob.exc.HTTPNotFound, ctl.fails, req,
                          webob.exc.HTTPNotFound())
        self.assertRaises(exception.PolicyNotAuthorized, ctl.fails, req,
                          exception.PolicyNotAuthorized(action='x'))
        self.assertRaises(exception.ValidationError, ctl.fails, req,
                          exception.ValidationError(detail='x'))
        self.assertRaises(webob.exc.HTTPInternalServerError, ctl.fails, req,
                          webob.exc.HTTPConflict())
        self.assertRaises(webob.exc.HTTPInternalServerError, ctl.fails, req,
                          KeyError('boom'))
