"""[vnc]: VNC consoles and the noVNC proxy."""

from oslo_config import cfg

vnc_group = cfg.OptGroup(
    'vnc',
    title='VNC options',
    help="""
Graphical consoles over VNC: what the hypervisor listens on, where the
noVNC proxy runs and how the proxy authenticates to the guest's VNC server.
""")

ALL_OPTS = [
    cfg.BoolOpt(
        'enabled',
        default=True,
        deprecated_group='DEFAULT',
        deprecated_name='vnc_enabled',
        help="""
Give guests a VNC console.

Related options:

* ``server_listen``, ``server_proxyclient_address``
* ``novncproxy_base_url``
"""),
    cfg.HostAddressOpt(
        'server_listen',
        default='127.0.0.1',
        deprecated_opts=[
            cfg.DeprecatedOpt('vncserver_listen', group='DEFAULT'),
            cfg.DeprecatedOpt('vncserver_listen', group='vnc'),
        ],
        help="""
The address the guests' VNC servers listen on, on the compute host.

Possible values:

* An IP address or host name of this compute host.

Related options:

* ``server_proxyclient_address``
"""),
    cfg.HostAddressOpt(
        'server_proxyclient_address',
        default='127.0.0.1',
        deprecated_opts=[
            cfg.DeprecatedOpt('vncserver_proxyclient_address',
                              group='DEFAULT'),
            cfg.DeprecatedOpt('vncserver_proxyclient_address', group='vnc'),
        ],
        help="""
The address of this compute host that the noVNC proxy connects to.

Possible values:

* An IP address or host name reachable from the proxy.

Related options:

* ``server_listen``
"""),
    cfg.URIOpt(
        'novncproxy_base_url',
        default='http://127.0.0.1:6080/vnc_auto.html',
        deprecated_group='DEFAULT',
        help="""
The public URL of the noVNC proxy, handed to users in console URLs.

The console token is appended as a query parameter.

Possible values:

* A URL reachable from the users' browsers, ending in ``vnc_auto.html``
  or ``vnc_lite.html``.

Related options:

* ``novncproxy_host``, ``novncproxy_port``
"""),
    cfg.HostAddressOpt(
        'novncproxy_host',
        default='0.0.0.0',
        deprecated_group='DEFAULT',
        help="""
The address nova-novncproxy listens on.

Related options:

* ``novncproxy_port``, ``novncproxy_base_url``
"""),
    cfg.PortOpt(
        'novncproxy_port',
        default=6080,
        deprecated_group='DEFAULT',
        help="""
The port nova-novncproxy listens on.

Related options:

* ``novncproxy_host``, ``novncproxy_base_url``
"""),
    cfg.ListOpt(
        'auth_schemes',
        item_type=cfg.types.String(choices=(
            ('none', 'No authentication.'),
            ('vencrypt', 'VeNCrypt: TLS with x509 client certificates.'),
        )),
        default=['none'],
        help="""
The authentication schemes the proxy may use with the guests' VNC servers,
most preferred first.

Possible values:

* Any of ``none`` and ``vencrypt``.

Related options:

* ``vencrypt_client_key``, ``vencrypt_client_cert``,
  ``vencrypt_ca_certs``
"""),
    cfg.StrOpt(
        'vencrypt_client_key',
        help="""
The proxy's private key for VeNCrypt.

Related options:

* ``vencrypt_client_cert``
"""),
    cfg.StrOpt(
        'vencrypt_client_cert',
        help="""
The proxy's x509 client certificate for VeNCrypt.

Related options:

* ``vencrypt_client_key``
"""),
    cfg.StrOpt(
        'vencrypt_ca_certs',
        help="""
The CA certificates that sign the compute hosts' VNC server certificates.

Related options:

* ``auth_schemes``
"""),
]


def register_opts(conf):
    """Register the ``[vnc]`` group."""
    conf.register_group(vnc_group)
    conf.register_opts(ALL_OPTS, group=vnc_group)


def list_opts():
    """:returns: the ``[vnc]`` group and its options."""
    return {vnc_group: ALL_OPTS}
