"""[DEFAULT] options shared by the websocket console proxies."""

from oslo_config import cfg

novnc_opts = [
    cfg.StrOpt(
        'record',
        help="""
Record proxied console sessions to files with this path prefix.

For debugging only.

Possible values:

* A file path prefix; unset disables recording.
"""),
    cfg.BoolOpt(
        'daemon',
        default=False,
        help="""
Detach the console proxy from the terminal and run it in the background.
"""),
    cfg.BoolOpt(
        'ssl_only',
        default=False,
        help="""
Refuse plain (non-TLS) connections to the console proxy.

Related options:

* ``cert``, ``key``
"""),
    cfg.BoolOpt(
        'source_is_ipv6',
        default=False,
        help="""
Make the proxy listen on IPv6.
"""),
    cfg.StrOpt(
        'cert',
        default='self.pem',
        help="""
The TLS certificate file of the console proxy.

Related options:

* ``key``, ``ssl_only``
"""),
    cfg.StrOpt(
        'key',
        help="""
The private key file of the console proxy, if not inside ``cert``.

Related options:

* ``cert``
"""),
    cfg.StrOpt(
        'web',
        default='/usr/share/spice-html5',
        help="""
The directory of static web files the proxy serves (noVNC or spice-html5).

Possible values:

* An absolute directory path.
"""),
]

ALL_OPTS = novnc_opts


def register_opts(conf):
    """Register the proxy options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the proxy options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
