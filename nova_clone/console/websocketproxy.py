"""The websocket console proxy: token in, guest console out.

Each websocket connection carries a console token (``?token=``, which is
also where noVNC's ``path=?token=`` ends up, or a ``token`` cookie). The
handler checks the token (ConsoleAuthToken, in this cell's database or
through the conductor), the browser's Origin, and with the compute host
that the guest still listens on the token's port; then it connects to
that port and relays bytes both ways. Every refusal closes the websocket
with a reason the user can read.
"""

import http.cookies
import socket
import urllib.parse

from oslo_log import log as logging
from websockify import websocketproxy

from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone import conf as nova_conf
from nova_clone.console import tenant_socket
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: websocket close code 1008 is "policy violation": the request was
# understood and refused.
CLOSE_REFUSED = 1008
CLOSE_GUEST_UNREACHABLE = 1011


class ConsoleRefused(Exception):
    """The connection may not go through; ``str()`` says why."""


def token_from_request(path, headers):
    """:returns: the console token of a websocket request, or ''."""
    query = urllib.parse.urlparse(path).query
    token = urllib.parse.parse_qs(query).get('token', [''])[-1]
    if token:
        return token
    # NOTE: older noVNC clients move the token into a cookie.
    cookie = http.cookies.SimpleCookie()
    for part in (headers.get('cookie') or '').split(';'):
        try:
            cookie.load(part.strip())
        except http.cookies.CookieError:
            continue
    return cookie['token'].value if 'token' in cookie else ''


def _web_scheme(scheme):
    return {'ws': 'http', 'wss': 'https'}.get(scheme, scheme)


def check_origin(headers, access_url_base):
    """Refuse a browser page from another site (cross-site websocket).

    A request without Origin comes from a non-browser client and passes.

    :raises: ConsoleRefused
    """
    origin = headers.get('Origin')
    if origin is None:
        return
    host = headers.get('Host') or ''
    # NOTE: drop the port; '[v6addr]:port' keeps the address only.
    if host.startswith('['):
        host = host[1:].split(']')[0]
    else:
        host = host.split(':')[0]
    allowed = set(CONF.console.allowed_origins) | {host}
    parsed = urllib.parse.urlparse(origin)
    scheme = headers.get('X-Forwarded-Proto') or parsed.scheme
    if not parsed.hostname or not scheme:
        raise ConsoleRefused(_('Origin header not valid.'))
    if parsed.hostname not in allowed:
        raise ConsoleRefused(_('Origin header does not match this host.'))
    if access_url_base:
        expected = urllib.parse.urlparse(access_url_base).scheme
        if expected and _web_scheme(expected) != _web_scheme(scheme):
            raise ConsoleRefused(_('Origin header protocol does not match '
                                   'this host.'))


class ConsoleProxyRequestHandler(websocketproxy.ProxyRequestHandler):
    """One websocket connection: validate, connect, negotiate, relay."""

    _compute_rpcapi = None

    @classmethod
    def compute_rpcapi(cls):
        # NOTE: created on first use, after rpc.init in the daemon.
        if cls._compute_rpcapi is None:
            cls._compute_rpcapi = compute_rpcapi.ComputeAPI()
        return cls._compute_rpcapi

    def verify_console(self, context, token):
        """:returns: the token's ConsoleAuthToken once every check passed.

        :raises: ConsoleRefused
        """
        if not token:
            raise ConsoleRefused(_('No console token in the request.'))
        try:
            console = objects.ConsoleAuthToken.validate(context, token)
        except exception.InvalidToken as e:
            raise ConsoleRefused(e.format_message())
        check_origin(self.headers, console.access_url_base)
        # NOTE: the guest may have moved or restarted since the token was
        # made; the port might now belong to another guest.
        try:
            instance = objects.Instance.get_by_uuid(context,
                                                    console.instance_uuid)
            still_there = self.compute_rpcapi().validate_console_port(
                context, instance, str(console.port), console.console_type)
        except exception.InstanceNotFound:
            still_there = False
        if not still_there:
            raise ConsoleRefused(exception.InvalidToken(
                token='***').format_message())
        return console

    def _connect_guest(self, console):
        try:
            sock = socket.create_connection((console.host, console.port),
                                            timeout=10)
        except OSError as e:
            raise self.CClose(CLOSE_GUEST_UNREACHABLE, _(
                'Could not reach the console at %(host)s:%(port)s: %(err)s')
                % {'host': console.host, 'port': console.port, 'err': e})
        sock.settimeout(None)
        if console.internal_access_path:
            # NOTE: a hypervisor-side HTTP proxy fronts this console.
            sock.sendall(b'CONNECT %s HTTP/1.1\r\n\r\n'
                         % console.internal_access_path.encode())
            reply = sock.recv(4096)
            if b' 200 ' not in reply.split(b'\r\n', 1)[0] + b' ':
                sock.close()
                raise self.CClose(CLOSE_GUEST_UNREACHABLE, _(
                    'The console endpoint refused the connection.'))
        return sock

    def new_websocket_client(self):
        context = nova_context.get_admin_context()
        token = token_from_request(self.path, self.headers)
        try:
            console = self.verify_console(context, token)
        except ConsoleRefused as e:
            LOG.info('Console connection refused: %s', e)
            raise self.CClose(CLOSE_REFUSED, str(e))
        except Exception:
            # NOTE: the database or the compute host failed us; the user
            # still gets a close frame rather than a dropped connection.
            LOG.exception('Could not check a console token')
            raise self.CClose(CLOSE_GUEST_UNREACHABLE,
                              _('The console token could not be checked.'))
        LOG.info('%(type)s console of instance %(uuid)s opened',
                 {'type': console.console_type,
                  'uuid': console.instance_uuid})
        guest = self._connect_guest(console)
        try:
            security_proxy = getattr(self.server, 'security_proxy', None)
            if security_proxy is not None:
                tenant = tenant_socket.TenantSocket(self)
                try:
                    guest = security_proxy.connect(tenant, guest)
                except exception.SecurityProxyNegotiationFailed as e:
                    raise self.CClose(CLOSE_REFUSED, e.format_message())
                leftover = tenant.leftover()
                if leftover:
                    guest.sendall(leftover)
            self.do_proxy(guest)
        finally:
            guest.close()


class ConsoleServerMixin:
    """What the handler reads from its server besides websockify's own."""

    def __init__(self, *args, security_proxy=None, **kwargs):
        self.security_proxy = security_proxy
        super().__init__(*args, **kwargs)


class ConsoleWebSocketProxy(ConsoleServerMixin,
                            websocketproxy.WebSocketProxy):
    """The daemons' server: one process per connection, TLS, static web."""


class ThreadedConsoleProxy(ConsoleServerMixin,
                           websocketproxy.LibProxyServer):
    """An in-process, thread-per-connection server (tests, embedding)."""
