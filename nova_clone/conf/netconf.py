"""[DEFAULT] my_ip, host and the other addresses that identify this node."""

import socket

from oslo_config import cfg
from oslo_utils import netutils

netconf_opts = [
    cfg.StrOpt(
        'my_ip',
        default=netutils.get_my_ipv4(),
        sample_default='<host_ipv4>',
        help="""
The IP address of this host on the management network.

Other services use it to reach this node, and several address options
default to it.

Possible values:

* A valid IPv4 or IPv6 address.

Related options:

* ``my_block_storage_ip``
* ``my_shared_fs_storage_ip``
"""),
    cfg.StrOpt(
        'my_block_storage_ip',
        default='$my_ip',
        help="""
The IP address this host uses to reach block storage.

Volume drivers hand it to the storage backend when a volume is attached,
which matters when storage traffic runs on its own network.

Possible values:

* A valid IP address; defaults to ``my_ip``.

Related options:

* ``my_ip``
"""),
    cfg.StrOpt(
        'my_shared_fs_storage_ip',
        default='$my_ip',
        help="""
The IP address this host uses to reach shared file systems (Manila shares).

Possible values:

* A valid IP address; defaults to ``my_ip``.

Related options:

* ``my_ip``
"""),
    cfg.HostDomainOpt(
        'host',
        default=socket.gethostname(),
        sample_default='<current_hostname>',
        help="""
The name this service uses for itself.

It appears in the services list, names the host's compute RPC topic
(``compute.<host>``) and is stored on every instance the host runs, so it
must be unique within a cell and must not change while instances exist.

Possible values:

* A host name, FQDN or IP address; defaults to the machine's host name.
"""),
    cfg.BoolOpt(
        'flat_injected',
        default=False,
        help="""
Write the network configuration into the guest's disk image before boot.

Only for guests that cannot get their addresses from DHCP or a config
drive; it relies on file injection.

Related options:

* ``[libvirt] inject_partition``
"""),
]

ALL_OPTS = netconf_opts


def register_opts(conf):
    """Register the address options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the address options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
