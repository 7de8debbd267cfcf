"""[placement]: how nova_clone reaches the Placement service."""

from oslo_config import cfg

from nova_clone.conf import utils as confutils

DEFAULT_SERVICE_TYPE = 'placement'

placement_group = cfg.OptGroup(
    'placement',
    title='Placement Service Options',
    help="""
Credentials and endpoint lookup for the Placement API. nova-compute reports
its inventory there and the scheduler asks it for allocation candidates,
so every service except the console proxies needs this group.
""")


def register_opts(conf):
    """Register keystoneauth session, auth and adapter options."""
    conf.register_group(placement_group)
    confutils.register_ksa_opts(conf, placement_group, DEFAULT_SERVICE_TYPE)


def list_opts():
    """:returns: the ``[placement]`` group and its keystoneauth options."""
    return {placement_group.name: confutils.ksa_list(DEFAULT_SERVICE_TYPE)}
