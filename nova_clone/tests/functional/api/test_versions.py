"""The version documents, microversion headers and framework faults."""

from nova_clone.api.openstack import api_version_request
from nova_clone.tests.functional.api import base

MAX = api_version_request._MAX_API_VERSION
PROJECT = '9f8c4b5e2d1a4c3b8e7f6a5b4c3d2e1f'


class VersionDocumentsTest(base.ApiTestCase):

    def test_root_lists_both_versions(self):
        resp = self.api('GET', '/', user=None)
        self.assertEqual(200, resp.status)
        v20, v21 = resp.body['versions']
        self.assertEqual({
            'id': 'v2.0', 'status': 'SUPPORTED', 'version': '',
            'min_version': '', 'updated': '2011-01-21T11:33:21Z',
            'links': [{'rel': 'self', 'href': 'http://localhost/v2/'}],
        }, v20)
        self.assertEqual({
            'id': 'v2.1', 'status': 'CURRENT', 'version': MAX,
            'min_version': '2.1', 'updated': '2013-07-23T11:33:21Z',
            'links': [{'rel': 'self', 'href': 'http://localhost/v2.1/'}],
        }, v21)

    def test_v21_document_needs_no_token(self):
        for path in ('/v2.1', '/v2.1/'):
            resp = self.api('GET', path, user=None)
            self.assertEqual(200, resp.status, path)
            doc = resp.body['version']
            self.assertEqual('v2.1', doc['id'])
            self.assertEqual('CURRENT', doc['status'])
            self.assertEqual(MAX, doc['version'])
            self.assertEqual('2.1', doc['min_version'])
            self.assertEqual(
                [{'rel': 'self', 'href': 'http://localhost/v2.1/'},
                 {'rel': 'describedby', 'type': 'text/html',
                  'href': 'http://docs.openstack.org/'}], doc['links'])
            self.assertEqual(
                [{'base': 'application/json',
                  'type': 'application/vnd.openstack.compute+json;'
                          'version=2.1'}], doc['media-types'])

    def test_legacy_v2_document_and_api(self):
        for path in ('/v2', '/v2/'):
            resp = self.api('GET', path, user=None)
            self.assertEqual(200, resp.status, path)
            self.assertEqual('v2.0', resp.body['version']['id'])
            self.assertEqual('SUPPORTED', resp.body['version']['status'])
        # /v2 serves the API at 2.1 whatever the client asks, and names
        # no microversion in its answer.
        resp = self.api('GET', '/v2/flavors', version='2.50')
        self.assertEqual(200, resp.status, resp.text)
        self.assertNotIn('OpenStack-API-Version', resp.headers)
        self.assertEqual(404, self.api('GET', '/v2/os-server-groups/x',
                                       version='2.50').status)

    def test_project_root_shows_version(self):
        resp = self.api('GET', '/v2.1/' + PROJECT, user='bob',
                        project=PROJECT)
        self.assertEqual(200, resp.status)
        self.assertEqual('v2.1', resp.body['version']['id'])

    def test_unknown_top_path_is_multiple_choices(self):
        resp = self.api('GET', '/foo', user=None)
        self.assertEqual(300, resp.status)
        self.assertEqual(['v2.0', 'v2.1'],
                         [c['id'] for c in resp.body['choices']])


class MicroversionHeadersTest(base.ApiTestCase):

    def _check_version(self, resp, version):
        self.assertEqual('compute %s' % version,
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual(version,
                         resp.headers['X-OpenStack-Nova-API-Version'])
        self.assertEqual(
            'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
            resp.headers['Vary'])

    def test_default_is_minimum(self):
        self._check_version(self.api('GET', '/v2.1/flavors'), '2.1')

    def test_latest_is_maximum(self):
        self._check_version(
            self.api('GET', '/v2.1/flavors', version='latest'), MAX)

    def test_legacy_header(self):
        self._check_version(
            self.api('GET', '/v2.1/flavors', version='2.10', legacy=True),
            '2.10')

    def test_new_header_wins_over_legacy(self):
        resp = self.api('GET', '/v2.1/flavors', version='2.20',
                        headers={'X-OpenStack-Nova-API-Version': '2.3'})
        self._check_version(resp, '2.20')

    def test_out_of_range_is_406(self):
        for version in ('2.0', '3.0', '2.%d' % (int(MAX.split('.')[1]) + 1)):
            resp = self.api('GET', '/v2.1/flavors', version=version)
            self.assertFault(
                resp, 406, 'notAcceptable',
                'Version %s is not supported by the API. Minimum is 2.1 '
                'and maximum is %s.' % (version, MAX))

    def test_bad_format_is_400(self):
        resp = self.api('GET', '/v2.1/flavors', version='2.a')
        self.assertFault(resp, 400, 'badRequest',
                         'API Version String 2.a is of invalid format.')

    def test_request_id_headers(self):
        resp = self.api('GET', '/v2.1/flavors')
        request_id = resp.headers['x-openstack-request-id']
        self.assertTrue(request_id.startswith('req-'))
        self.assertEqual(request_id, resp.headers['x-compute-request-id'])


class FrameworkFaultsTest(base.ApiTestCase):

    def test_unknown_path_is_404(self):
        resp = self.api('GET', '/v2.1/no-such-thing')
        self.assertFault(resp, 404, 'itemNotFound')

    def test_wrong_method_is_405_with_allow(self):
        resp = self.api('PUT', '/v2.1/os-keypairs', {})
        self.assertFault(resp, 405, 'badMethod')
        self.assertEqual('GET, POST', resp.headers['Allow'])

    def test_malformed_body(self):
        resp = self.raw('POST', '/v2.1/os-keypairs', b'{"keypair": ',
                        'application/json')
        self.assertFault(resp, 400, 'badRequest', 'Malformed request body')

    def test_unsupported_content_type(self):
        resp = self.raw('POST', '/v2.1/os-keypairs', b'<keypair/>',
                        'application/xml')
        self.assertFault(resp, 415, 'badMediaType',
                         'Unsupported Content-Type')

    def test_method_outside_its_microversions_is_404(self):
        self.create_flavor('f1')
        resp = self.api('PUT', '/v2.1/flavors/f1',
                        {'flavor': {'description': 'x'}}, version='2.54')
        self.assertFault(resp, 404, 'itemNotFound')

    def test_project_id_mismatch_is_400(self):
        resp = self.api('GET', '/v2.1/%s/flavors' % PROJECT, user='bob',
                        project='c0ffee')
        self.assertFault(resp, 400, 'badRequest', 'Malformed request URL')

    def test_project_prefixed_routes(self):
        self.create_flavor('f1')
        resp = self.api('GET', '/v2.1/%s/flavors/f1' % PROJECT, user='bob',
                        project=PROJECT)
        self.assertEqual(200, resp.status)
        self.assertEqual(
            'http://localhost/v2.1/%s/flavors/f1' % PROJECT,
            resp.body['flavor']['links'][0]['href'])
        self.assertEqual(
            'http://localhost/%s/flavors/f1' % PROJECT,
            resp.body['flavor']['links'][1]['href'])

    def test_noauth2_without_token_returns_credentials(self):
        resp = self.api('GET', '/v2.1/flavors', user=None)
        self.assertEqual(204, resp.status)
        self.assertEqual('admin:admin', resp.headers['X-Auth-Token'])
