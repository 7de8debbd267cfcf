"""Start-up shared by the console proxies (import after monkey_patch).

A proxy reads console tokens from this cell's database when
``[database] connection`` is set on its host, and otherwise through
nova-conductor (the versioned-object indirection API), as nova-compute
does.
"""

import os
import ssl
import sys

# [console] ssl_minimum_version -> the OpenSSL options that enforce it
_SSL_FLOORS = {
    'default': 0,
    'tlsv1_1': ssl.OP_NO_TLSv1,
    'tlsv1_2': ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1,
    'tlsv1_3': ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1 | ssl.OP_NO_TLSv1_2,
}


def _fail(message):
    print(message, file=sys.stderr)
    return 255


def prepare(argv, binary):
    """Parse config, log, register objects, init RPC and the DB route.

    :returns: the parsed CONF.
    """
    from nova_clone.cmd import daemon
    from nova_clone.conductor import api as conductor_api
    from nova_clone.objects import base as objects_base

    CONF = daemon.prepare(argv, binary)
    if not CONF.database.connection:
        objects_base.NovaObject.indirection_api = (
            conductor_api.ConductorIndirectionAPI())
    return CONF


def proxy(CONF, host, port, security_proxy=None):
    """Serve console websockets on ``host:port`` until SIGTERM.

    :returns: the exit code.
    """
    from nova_clone.console import websocketproxy

    if CONF.ssl_only and not os.path.exists(CONF.cert):
        return _fail('SSL only and %s not found' % CONF.cert)
    # NOTE: nova exits too: a proxy whose web client is missing would
    # hand users console URLs that 404.
    if CONF.web and not os.path.exists(CONF.web):
        return _fail('Can not find html/js files at %s.' % CONF.web)
    server = websocketproxy.ConsoleWebSocketProxy(
        RequestHandlerClass=websocketproxy.ConsoleProxyRequestHandler,
        security_proxy=security_proxy,
        listen_host=host, listen_port=port,
        source_is_ipv6=CONF.source_is_ipv6,
        cert=CONF.cert, key=CONF.key, ssl_only=CONF.ssl_only,
        ssl_ciphers=CONF.console.ssl_ciphers,
        ssl_options=_SSL_FLOORS[CONF.console.ssl_minimum_version],
        daemon=CONF.daemon, record=CONF.record or '',
        web=CONF.web, file_only=True, verbose=CONF.debug)
    server.start_server()
    return 0
