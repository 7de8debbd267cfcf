"""[keystone]: how nova_clone reaches the Identity service itself."""

from oslo_config import cfg

from nova_clone.conf import utils as confutils

DEFAULT_SERVICE_TYPE = 'identity'

keystone_group = cfg.OptGroup(
    'keystone',
    title='Keystone Options',
    help="""
Endpoint lookup and credentials for calls nova_clone makes to Keystone,
such as checking that a project named in a quota or flavor-access request
exists. Token validation is configured in ``[keystone_authtoken]``.
""")


def register_opts(conf):
    """Register keystoneauth session, auth and adapter options."""
    conf.register_group(keystone_group)
    confutils.register_ksa_opts(conf, keystone_group, DEFAULT_SERVICE_TYPE)


def list_opts():
    """:returns: the ``[keystone]`` group and its keystoneauth options."""
    return {keystone_group: confutils.ksa_list(DEFAULT_SERVICE_TYPE)}
