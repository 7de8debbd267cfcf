"""[serial_console]: interactive serial consoles and nova-serialproxy."""

from oslo_config import cfg

serial_opt_group = cfg.OptGroup(
    'serial_console',
    title='The serial console feature',
    help="""
Interactive serial consoles: each guest's serial port is exposed on a TCP
port of its compute host and relayed to users over websockets by
nova-serialproxy. Turning it on replaces the console log file.
""")

ALL_OPTS = [
    cfg.BoolOpt(
        'enabled',
        default=False,
        help="""
Give guests an interactive serial console.

While enabled, ``os-getConsoleOutput`` may not work for libvirt guests.

Related options:

* ``port_range``, ``base_url``, ``proxyclient_address``
"""),
    cfg.StrOpt(
        'port_range',
        default='10000:20000',
        regex=r'^\d+:\d+$',
        help="""
The TCP ports on the compute host that serial consoles may use.

Possible values:

* ``<start>:<end>``, inclusive.
"""),
    cfg.URIOpt(
        'base_url',
        default='ws://127.0.0.1:6083/',
        help="""
The public websocket URL of nova-serialproxy, handed to users.

Possible values:

* A ``ws://`` or ``wss://`` URL.

Related options:

* ``serialproxy_host``, ``serialproxy_port``
"""),
    cfg.StrOpt(
        'proxyclient_address',
        default='127.0.0.1',
        help="""
The address of this compute host that nova-serialproxy connects to.
"""),
    cfg.HostAddressOpt(
        'serialproxy_host',
        default='0.0.0.0',
        help="""
The address nova-serialproxy listens on.

Related options:

* ``serialproxy_port``, ``base_url``
"""),
    cfg.PortOpt(
        'serialproxy_port',
        default=6083,
        help="""
The port nova-serialproxy listens on.

Related options:

* ``serialproxy_host``, ``base_url``
"""),
]


def register_opts(conf):
    """Register the ``[serial_console]`` group."""
    conf.register_group(serial_opt_group)
    conf.register_opts(ALL_OPTS, group=serial_opt_group)


def list_opts():
    """:returns: the ``[serial_console]`` group and its options."""
    return {serial_opt_group: ALL_OPTS}
