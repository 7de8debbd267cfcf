"""The RFB (VNC) security proxy: the user sees "None" auth, always.

The proxy stands in the middle of the RFB handshake (RFC 6143 §7.1):
it reads the guest VNC server's version and security types, offers the
user only security type None (the console token already authenticated
them), then picks a scheme the server offers from ``[vnc] auth_schemes``
and completes the server side itself. After both SecurityResults the two
sockets carry plain RFB and are relayed as they are.
"""

import struct

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

VERSION_3_8 = b'RFB 003.008\n'
SECURITY_NONE = 1
SECURITY_VENCRYPT = 19
# NOTE: the schemes the proxy can complete with the server; VeNCrypt
# (x509 to the hypervisor) is not implemented yet.
_SCHEMES = {'none': SECURITY_NONE}
RESULT_OK = struct.pack('!I', 0)
RESULT_FAILED = struct.pack('!I', 1)


def _recv_exactly(sock, count):
    data = b''
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise exception.RFBAuthHandshakeFailed(
                reason=_('connection closed during the handshake'))
        data += chunk
    return data


def _read_reason(sock):
    length = struct.unpack('!I', _recv_exactly(sock, 4))[0]
    return _recv_exactly(sock, length).decode('utf-8', 'replace')


def _fail_tenant(tenant, reason, types_sent):
    """Tell the user why, in RFB 3.8 terms: an empty security type list
    with a reason before the types went out, a failed SecurityResult with
    a reason after.
    """
    encoded = reason.encode('utf-8')
    status = RESULT_FAILED if types_sent else b'\x00'
    try:
        tenant.sendall(status + struct.pack('!I', len(encoded)) + encoded)
    except OSError:
        LOG.debug('Could not tell the console client: %s', reason)


class RFBSecurityProxy:
    """Negotiates both legs of an RFB connection."""

    def __init__(self, auth_schemes=None):
        self.auth_schemes = list(auth_schemes or CONF.vnc.auth_schemes)

    def _choose(self, offered):
        for name in self.auth_schemes:
            if _SCHEMES.get(name) in offered:
                return _SCHEMES[name]
        raise exception.RFBAuthNoAvailableScheme(
            allowed_types=', '.join(str(t) for t in offered),
            desired_types=', '.join(self.auth_schemes))

    def connect(self, tenant, compute):
        """Run the handshake on both legs.

        :param tenant: the user's side (a :class:`TenantSocket`).
        :param compute: the connected socket of the guest's VNC server.
        :returns: ``compute``, ready for plain relaying.
        :raises: SecurityProxyNegotiationFailed
        """
        progress = {'versions': False, 'types_sent': False}
        try:
            self._negotiate(tenant, compute, progress)
        except (exception.RFBAuthHandshakeFailed,
                exception.RFBAuthNoAvailableScheme) as e:
            if progress['versions']:
                _fail_tenant(tenant, e.format_message(),
                             progress['types_sent'])
            raise exception.SecurityProxyNegotiationFailed(
                reason=e.format_message())
        return compute

    def _negotiate(self, tenant, compute, progress):
        server_version = _recv_exactly(compute, 12)
        if not server_version.startswith(b'RFB 003.'):
            raise exception.RFBAuthHandshakeFailed(
                reason=_('the VNC server is not speaking RFB'))
        # NOTE: both legs are held at 3.8, the version whose handshake
        # (security type list, SecurityResult with reason) this follows.
        tenant.sendall(VERSION_3_8)
        client_version = tenant.recv_exactly(12)
        if client_version != VERSION_3_8:
            raise exception.RFBAuthHandshakeFailed(
                reason=_('the client must speak RFB 3.8, not %r')
                % client_version)
        compute.sendall(VERSION_3_8)
        progress['versions'] = True

        count = _recv_exactly(compute, 1)[0]
        if count == 0:
            raise exception.RFBAuthHandshakeFailed(
                reason=_read_reason(compute))
        offered = list(_recv_exactly(compute, count))
        scheme = self._choose(offered)

        tenant.sendall(bytes([1, SECURITY_NONE]))
        progress['types_sent'] = True
        chosen = tenant.recv_exactly(1)
        if chosen != bytes([SECURITY_NONE]):
            raise exception.RFBAuthHandshakeFailed(
                reason=_('the client chose security type %r, not None')
                % chosen)

        compute.sendall(bytes([scheme]))
        result = _recv_exactly(compute, 4)
        if result != RESULT_OK:
            raise exception.RFBAuthHandshakeFailed(
                reason=_read_reason(compute))
        tenant.sendall(RESULT_OK)
