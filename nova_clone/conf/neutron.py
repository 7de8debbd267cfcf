"""[neutron]: how nova_clone reaches the Networking service."""

from oslo_config import cfg

from nova_clone.conf import utils as confutils

DEFAULT_SERVICE_TYPE = 'network'

neutron_group = cfg.OptGroup(
    'neutron',
    title='Neutron Options',
    help="""
Endpoint lookup, credentials and behaviour for port and network calls.
nova_clone makes some of them as its own service user (binding ports,
reading extensions), so the group carries credentials.
""")

neutron_opts = [
    cfg.StrOpt(
        'ovs_bridge',
        default='br-int',
        help="""
The Open vSwitch integration bridge that guest interfaces plug into, when
Neutron does not say otherwise in the port binding.

Possible values:

* The name of an existing OVS bridge.
"""),
    cfg.StrOpt(
        'default_floating_pool',
        default='nova',
        help="""
The external network used when a floating IP request names no pool.

Possible values:

* A network name or UUID.
"""),
    cfg.IntOpt(
        'extension_sync_interval',
        default=600,
        min=0,
        help="""
Seconds for which the list of Neutron API extensions is cached.

Possible values:

* Zero (always ask) or a positive number of seconds.
"""),
    cfg.ListOpt(
        'physnets',
        default=[],
        help="""
The physical networks this host can reach, for NUMA affinity of their
interfaces.

Each name needs a matching ``[neutron_physnet_<name>]`` group listing its
NUMA nodes.

Possible values:

* A list of physical network names.

Related options:

* ``[neutron_tunnel] numa_nodes``
"""),
    cfg.IntOpt(
        'http_retries',
        default=3,
        min=0,
        help="""
How many times a failed Neutron call is retried.

Possible values:

* Zero or a positive number of retries.
"""),
]

metadata_proxy_opts = [
    cfg.BoolOpt(
        'service_metadata_proxy',
        default=False,
        help="""
Trust metadata requests proxied by Neutron.

Requests must then carry an ``X-Instance-ID-Signature`` computed with the
shared secret.

Related options:

* ``metadata_proxy_shared_secret``
"""),
    cfg.StrOpt(
        'metadata_proxy_shared_secret',
        default='',
        secret=True,
        help="""
The secret shared with Neutron's metadata proxy for signing requests.

Possible values:

* Any string; it must equal Neutron's ``metadata_proxy_shared_secret``.

Related options:

* ``service_metadata_proxy``
"""),
]

ALL_OPTS = neutron_opts + metadata_proxy_opts


def register_opts(conf):
    """Register the Neutron options plus keystoneauth options."""
    conf.register_group(neutron_group)
    conf.register_opts(ALL_OPTS, group=neutron_group)
    confutils.register_ksa_opts(conf, neutron_group, DEFAULT_SERVICE_TYPE)


def list_opts():
    """:returns: the ``[neutron]`` group and its options."""
    return {neutron_group: ALL_OPTS + confutils.ksa_list(
        DEFAULT_SERVICE_TYPE)}
