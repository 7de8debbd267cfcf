"""[console]: settings shared by the websocket console proxies."""

from oslo_config import cfg

console_group = cfg.OptGroup(
    'console',
    title='Console options',
    help="""
Settings of the websocket console proxies (nova-novncproxy,
nova-serialproxy, nova-spicehtml5proxy) that do not depend on the console
protocol.
""")

ALL_OPTS = [
    cfg.ListOpt(
        'allowed_origins',
        default=[],
        deprecated_group='DEFAULT',
        deprecated_name='console_allowed_origins',
        help="""
Host names, besides the proxy's own, that browsers may open consoles from.

The proxy compares the ``Origin`` header of each websocket request with
the ``Host`` header; a request from any other origin is refused unless
its host name is listed here.

Possible values:

* A list of host names, e.g. ``console.example.org``.
"""),
    cfg.StrOpt(
        'ssl_ciphers',
        help="""
The OpenSSL cipher list the proxies offer to clients over TLS.

Possible values:

* An OpenSSL cipher string; unset uses the library's default.

Related options:

* ``[DEFAULT] cert``, ``[DEFAULT] key``, ``ssl_minimum_version``
"""),
    cfg.StrOpt(
        'ssl_minimum_version',
        default='default',
        choices=[
            ('default', "The Python library's default."),
            ('tlsv1_1', 'TLS 1.1 or newer.'),
            ('tlsv1_2', 'TLS 1.2 or newer.'),
            ('tlsv1_3', 'TLS 1.3 only.'),
        ],
        help="""
The oldest TLS version the proxies accept from clients.

Related options:

* ``ssl_ciphers``
"""),
]


def register_opts(conf):
    """Register the ``[console]`` group."""
    conf.register_group(console_group)
    conf.register_opts(ALL_OPTS, group=console_group)


def list_opts():
    """:returns: the ``[console]`` group and its options."""
    return {console_group: ALL_OPTS}
