"""nova-novncproxy's handler end to end: a token from the API, a websocket
client, the proxy on a local port and a fake VNC server behind it.
"""

import struct
import threading
import urllib.parse

from oslo_utils import timeutils
import websocket

from nova_clone.console.securityproxy import rfb
from nova_clone.console import websocketproxy
from nova_clone.tests.functional.api import servers_base
from nova_clone.tests.functional.console import fake_rfb
from nova_clone.virt import driver as virt_driver


class ProxyTestBase(servers_base.ServersApiTestBase):

    SECURITY_PROXY = None

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1')
        self.vnc = fake_rfb.FakeRFBServer(security_types=(2, 1))
        self.vnc.start()
        self.addCleanup(self.vnc.stop)
        self.point_consoles_at(self.vnc.port)
        self.proxy = websocketproxy.ThreadedConsoleProxy(
            RequestHandlerClass=websocketproxy.ConsoleProxyRequestHandler,
            security_proxy=self.SECURITY_PROXY,
            listen_host='127.0.0.1', listen_port=0)
        threading.Thread(target=self.proxy.serve_forever,
                         daemon=True).start()
        self.addCleanup(self.proxy.server_close)
        self.addCleanup(self.proxy.shutdown)
        self.server_id = self.boot().body['server']['id']
        self.wait_for_server(self.server_id, 'ACTIVE')

    def point_consoles_at(self, port):
        """Make every fake hypervisor's VNC console listen on ``port``."""
        def get_vnc_console(context, instance):
            return virt_driver.ConsoleVNC(host='127.0.0.1', port=port)
        for svc in self.services.values():
            if svc.binary == 'nova-compute':
                svc.manager.driver.get_vnc_console = get_vnc_console

    def console_token(self):
        resp = self.api('POST', '/v2.1/servers/%s/remote-consoles'
                        % self.server_id,
                        {'remote_console': {'protocol': 'vnc',
                                            'type': 'novnc'}},
                        version='2.6')
        self.assertEqual(200, resp.status, resp.text)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(
            resp.body['remote_console']['url']).query)
        return urllib.parse.urlparse(query['path'][0]).query.split('=')[1]

    def connect(self, token, **kwargs):
        ws = websocket.create_connection(
            'ws://127.0.0.1:%d/?token=%s' % (self.proxy.server_address[1],
                                            token),
            subprotocols=['binary'], timeout=10, **kwargs)
        self.addCleanup(ws.close)
        return ws

    def handshake(self, token, **kwargs):
        ws = self.connect(token, **kwargs)
        return fake_rfb.client_handshake(ws.recv, ws.send_binary)

    def assertRefused(self, ws, reason):
        opcode, data = ws.recv_data(control_frame=True)
        self.assertEqual(websocket.ABNF.OPCODE_CLOSE, opcode)
        self.assertEqual(websocketproxy.CLOSE_REFUSED,
                         struct.unpack('!H', data[:2])[0])
        self.assertIn(reason, data[2:].decode())


class PlainRelayTest(ProxyTestBase):
    """No security proxy: the client sees the server's own handshake."""

    def test_valid_token_reaches_the_guest_and_may_be_reused(self):
        token = self.console_token()
        self.assertEqual(fake_rfb.SERVER_INIT, self.handshake(token))
        self.assertEqual(('version', b'RFB 003.008\n'), self.vnc.events[0])
        # nova's tokens are good for any number of connections until
        # they expire (noVNC reconnects with the same URL).
        self.assertEqual(fake_rfb.SERVER_INIT, self.handshake(token))

    def test_unknown_and_missing_tokens_are_refused(self):
        self.assertRefused(self.connect('not-a-token'),
                           'is invalid or has expired')
        self.assertRefused(self.connect(''), 'No console token')
        self.assertEqual([], self.vnc.events)

    def test_expired_token_is_refused(self):
        token = self.console_token()
        self.addCleanup(timeutils.clear_time_override)
        timeutils.set_time_override()
        timeutils.advance_time_seconds(601)
        self.assertRefused(self.connect(token), 'is invalid or has expired')

    def test_token_of_a_deleted_server_is_refused(self):
        token = self.console_token()
        self.assertEqual(204, self.api('DELETE', '/v2.1/servers/%s'
                                       % self.server_id).status)
        self.wait_for_server_gone(self.server_id)
        self.assertRefused(self.connect(token), 'is invalid or has expired')

    def test_moved_console_port_is_refused(self):
        token = self.console_token()
        self.point_consoles_at(self.vnc.port + 1)
        self.assertRefused(self.connect(token), 'is invalid or has expired')

    def test_foreign_origin_is_refused(self):
        token = self.console_token()
        self.assertRefused(self.connect(token, origin='http://evil.test'),
                           'Origin header does not match this host.')
        self.flags(allowed_origins=['friend.test'], group='console')
        self.assertEqual(fake_rfb.SERVER_INIT, self.handshake(
            token, origin='http://friend.test'))
        self.assertRefused(self.connect(token, origin='https://friend.test'),
                           'protocol does not match')


class SecurityProxyTest(ProxyTestBase):
    """The RFB security proxy offers the client None, whatever the server
    offers, and completes the server side with a scheme it allows.
    """

    SECURITY_PROXY = rfb.RFBSecurityProxy(auth_schemes=['none'])

    def test_client_gets_none_auth(self):
        token = self.console_token()
        self.assertEqual(fake_rfb.SERVER_INIT, self.handshake(token))
        self.assertIn(('security', 1), self.vnc.events)

    def test_no_common_scheme_is_a_clear_refusal(self):
        self.vnc.security_types = [2]
        ws = self.connect(self.console_token())
        self.assertEqual(b'RFB 003.008\n', ws.recv())
        ws.send_binary(b'RFB 003.008\n')
        # RFB's own refusal (no security types, a reason), then the close.
        refusal = ws.recv()
        self.assertEqual(b'\x00', refusal[:1])
        self.assertIn(b'No matching auth scheme', refusal)
        self.assertRefused(ws, 'No matching auth scheme')
