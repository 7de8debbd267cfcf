"""Console URLs and console tokens over HTTP, on the fake driver."""

import urllib.parse

from nova_clone.db.main.api import console_auth_tokens as db
from nova_clone.objects import console_auth_token as cat_obj
from nova_clone.tests.functional.api import servers_base

SERVERS = '/v2.1/servers'
TOKENS = '/v2.1/os-console-auth-tokens/'


def token_of(url):
    """:returns: the token in a console URL (``path=?token=`` or
    ``?token=``)."""
    query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
    if 'path' in query:
        query = urllib.parse.parse_qs(
            urllib.parse.urlparse(query['path'][0]).query)
    return query['token'][0]


class RemoteConsolesTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1')
        self.server_id = self.boot().body['server']['id']
        self.wait_for_server(self.server_id, 'ACTIVE')
        self.base = '%s/%s' % (SERVERS, self.server_id)

    def console(self, protocol, type_, version='2.6', **kw):
        return self.api('POST', self.base + '/remote-consoles',
                        {'remote_console': {'protocol': protocol,
                                            'type': type_}},
                        version=version, **kw)

    def test_novnc_url_and_token_lookup(self):
        self.flags(novncproxy_base_url='http://proxy:6080/vnc_lite.html',
                   group='vnc')
        resp = self.console('vnc', 'novnc')
        self.assertEqual(200, resp.status, resp.text)
        body = resp.body['remote_console']
        self.assertEqual(('vnc', 'novnc'), (body['protocol'], body['type']))
        self.assertTrue(body['url'].startswith(
            'http://proxy:6080/vnc_lite.html?path=%3Ftoken%3D'), body)
        token = token_of(body['url'])

        shown = self.api('GET', TOKENS + token, version='2.31')
        self.assertEqual(200, shown.status, shown.text)
        self.assertEqual({'instance_uuid': self.server_id,
                          'host': 'fakevncconsole.com', 'port': 6969,
                          'internal_access_path': 'FAKE'},
                         shown.body['console'])
        self.assertIn('tls_port', self.api('GET', TOKENS + token,
                                           version='2.99').body['console'])
        # Before 2.31 only RDP tokens could be looked up.
        self.assertFault(self.api('GET', TOKENS + token, version='2.30'),
                         400, 'badRequest', 'not accessible')
        self.assertFault(self.api('GET', TOKENS + 'nope', version='2.31'),
                         404, 'itemNotFound', 'Token not found')
        self.assertEqual(403, self.api('GET', TOKENS + token, user='bob',
                                       project='admin',
                                       version='2.31').status)
        # A token outlives no server.
        self.assertEqual(204, self.api('DELETE', self.base).status)
        self.wait_for_server_gone(self.server_id)
        self.assertEqual(404, self.api('GET', TOKENS + token,
                                       version='2.31').status)

    def test_serial_and_spice_follow_their_enabled_switches(self):
        self.assertFault(self.console('serial', 'serial'), 400, 'badRequest',
                         'Unavailable console type serial')
        self.flags(enabled=True, base_url='ws://proxy:6083/',
                   group='serial_console')
        url = self.console('serial', 'serial').body['remote_console']['url']
        self.assertTrue(url.startswith('ws://proxy:6083/?token='), url)
        self.assertEqual(400, self.console('spice', 'spice-html5').status)
        self.flags(enabled=True, group='spice')
        url = self.console('spice', 'spice-html5').body['remote_console'][
            'url']
        self.assertIn('spice_auto.html?token=', url)
        self.assertEqual(400, self.console('spice', 'spice-direct',
                                           version='2.98').status)
        resp = self.console('spice', 'spice-direct', version='2.99')
        self.assertEqual(200, resp.status, resp.text)
        shown = self.api('GET', TOKENS + token_of(
            resp.body['remote_console']['url']), version='2.99')
        self.assertEqual(6970, shown.body['console']['tls_port'])

    def test_bad_requests_change_nothing(self):
        # A type of another protocol, types no driver serves, schema limits.
        self.assertEqual(400, self.console('vnc', 'serial').status)
        self.assertEqual(400, self.console('vnc', 'xvpvnc').status)
        self.assertEqual(400, self.console('rdp', 'rdp-html5').status)
        self.assertEqual(400, self.console('mks', 'webmks').status)
        self.assertEqual(400, self.console('mks', 'webmks',
                                           version='2.8').status)
        self.assertEqual(400, self.api(
            'POST', self.base + '/remote-consoles',
            {'remote_console': {'protocol': 'vnc'}}, version='2.6').status)
        self.assertEqual(404, self.console('vnc', 'novnc',
                                           version='2.5').status)
        self.assertEqual(404, self.console('vnc', 'novnc',
                                           user='eve', project='p2').status)
        self.assertEqual(404, self.api(
            'POST', SERVERS + '/00000000-0000-0000-0000-000000000000'
            '/remote-consoles',
            {'remote_console': {'protocol': 'vnc', 'type': 'novnc'}},
            version='2.6').status)

    def test_legacy_actions_until_25(self):
        resp = self.api('POST', self.base + '/action',
                        {'os-getVNCConsole': {'type': 'novnc'}},
                        version='2.1')
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual('novnc', resp.body['console']['type'])
        self.assertIn('token', resp.body['console']['url'])
        self.assertEqual(400, self.api(
            'POST', self.base + '/action',
            {'os-getVNCConsole': {'type': 'spice-html5'}}).status)
        self.assertEqual(400, self.api(
            'POST', self.base + '/action',
            {'os-getRDPConsole': {'type': 'rdp-html5'}}).status)
        self.assertEqual(400, self.api(
            'POST', self.base + '/action',
            {'os-getSerialConsole': {'type': 'serial'}}).status)
        self.assertEqual(404, self.api(
            'POST', self.base + '/action',
            {'os-getVNCConsole': {'type': 'novnc'}}, version='2.6').status)

    def test_delete_removes_the_servers_token_rows(self):
        url = self.console('vnc', 'novnc').body['remote_console']['url']
        hashed = cat_obj.token_hash(token_of(url))
        self.assertIsNotNone(db.console_auth_token_get_valid(self.admin,
                                                             hashed))
        self.assertEqual(204, self.api('DELETE', self.base).status)
        self.wait_for_server_gone(self.server_id)
        # The compute host removed the rows; nothing is left to remove.
        self.assertEqual(0, db.console_auth_token_destroy_all_by_instance(
            self.admin, self.server_id))
