"""[spice]: SPICE consoles and the SPICE HTML5 proxy."""

from oslo_config import cfg

spice_opt_group = cfg.OptGroup(
    'spice',
    title='SPICE console features',
    help="""
Graphical consoles over SPICE: what the hypervisor listens on, the HTML5
proxy and the protocol's compression and streaming settings.
""")

_COMPRESSION = (
    ('auto', 'Let the SPICE server decide.'),
    ('never', 'Never compress.'),
    ('always', 'Always compress.'),
)

CLI_OPTS = [
    cfg.HostAddressOpt(
        'html5proxy_host',
        default='0.0.0.0',
        deprecated_group='DEFAULT',
        help="""
The address nova-spicehtml5proxy listens on.

Related options:

* ``html5proxy_port``, ``html5proxy_base_url``
"""),
    cfg.PortOpt(
        'html5proxy_port',
        default=6082,
        deprecated_group='DEFAULT',
        help="""
The port nova-spicehtml5proxy listens on.

Related options:

* ``html5proxy_host``, ``html5proxy_base_url``
"""),
]

ALL_OPTS = [
    cfg.BoolOpt(
        'enabled',
        default=False,
        help="""
Give guests a SPICE console.

Related options:

* ``[vnc] enabled``
"""),
    cfg.BoolOpt(
        'agent_enabled',
        default=True,
        help="""
Enable the SPICE guest agent channel (copy and paste, display resizing).
"""),
    cfg.URIOpt(
        'html5proxy_base_url',
        default='http://127.0.0.1:6082/spice_auto.html',
        help="""
The public URL of the SPICE HTML5 proxy, handed to users.

Related options:

* ``html5proxy_host``, ``html5proxy_port``
"""),
    cfg.URIOpt(
        'spice_direct_proxy_base_url',
        default='http://127.0.0.1:13002/nova',
        help="""
The public URL of a proxy for native SPICE clients (``spice-direct``
consoles, microversion 2.99), handed to users with the token appended.

Related options:

* ``html5proxy_base_url``
"""),
    cfg.StrOpt(
        'server_listen',
        default='127.0.0.1',
        help="""
The address the guests' SPICE servers listen on, on the compute host.

Related options:

* ``server_proxyclient_address``
"""),
    cfg.StrOpt(
        'server_proxyclient_address',
        default='127.0.0.1',
        help="""
The address of this compute host that the SPICE proxy connects to.

Related options:

* ``server_listen``
"""),
    cfg.StrOpt(
        'image_compression',
        choices=[
            ('auto_glz', 'Pick GLZ or Quic per image.'),
            ('auto_lz', 'Pick LZ or Quic per image.'),
            ('quic', 'Quic only.'),
            ('glz', 'GLZ only.'),
            ('lz', 'LZ only.'),
            ('off', 'No image compression.'),
        ],
        help="""
The compression of images (non-photographic screen regions).

Possible values:

* One of the choices, or unset for the hypervisor default.
"""),
    cfg.StrOpt(
        'jpeg_compression',
        choices=_COMPRESSION,
        help="""
Whether images are JPEG-compressed over slow links.

Possible values:

* One of the choices, or unset for the hypervisor default.
"""),
    cfg.StrOpt(
        'zlib_compression',
        choices=_COMPRESSION,
        help="""
Whether images are zlib-compressed over slow links.

Possible values:

* One of the choices, or unset for the hypervisor default.
"""),
    cfg.BoolOpt(
        'playback_compression',
        help="""
Compress the audio stream.

Possible values:

* True, False, or unset for the hypervisor default.
"""),
    cfg.StrOpt(
        'streaming_mode',
        choices=[
            ('filter', 'Detect video regions and stream them.'),
            ('all', 'Treat every changing region as video.'),
            ('off', 'Never stream.'),
        ],
        help="""
How regions of the screen that change often are sent.

Possible values:

* One of the choices, or unset for the hypervisor default.
"""),
    cfg.BoolOpt(
        'require_secure',
        default=False,
        help="""
Only allow TLS-protected SPICE channels.

The hypervisor must be configured with SPICE TLS certificates.
"""),
] + CLI_OPTS


def register_opts(conf):
    """Register the ``[spice]`` group."""
    conf.register_group(spice_opt_group)
    conf.register_opts(ALL_OPTS, group=spice_opt_group)


def list_opts():
    """:returns: the ``[spice]`` group and its options."""
    return {spice_opt_group: ALL_OPTS}
