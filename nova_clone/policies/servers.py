"""Policies of servers (and the server attributes only admins see)."""

from nova_clone.policies import base

SERVERS = 'os_compute_api:servers:%s'
EXTENDED_ATTRS = 'os_compute_api:os-extended-server-attributes'
NETWORK_ATTACH_NAME = 'network:attach_external_network'
_BASE = '/servers'
_ONE = _BASE + '/{server_id}'


def _rule(name, check_str, description, *operations):
    return base.project_rule(SERVERS % name, check_str, description,
                             *operations)


servers_policies = [
    _rule('index', base.PROJECT_READER_OR_ADMIN, 'List all servers',
          ('GET', _BASE)),
    _rule('detail', base.PROJECT_READER_OR_ADMIN,
          'List all servers with detailed information',
          ('GET', _BASE + '/detail')),
    _rule('index:get_all_tenants', base.ADMIN,
          'List all servers for all projects', ('GET', _BASE)),
    _rule('detail:get_all_tenants', base.ADMIN,
          'List all servers with detailed information for all projects',
          ('GET', _BASE + '/detail')),
    _rule('allow_all_filters', base.ADMIN,
          'Allow all filters when listing servers',
          ('GET', _BASE), ('GET', _BASE + '/detail')),
    _rule('show', base.PROJECT_READER_OR_ADMIN, 'Show a server',
          ('GET', _ONE)),
    _rule('show:flavor-extra-specs', base.PROJECT_READER_OR_ADMIN,
          'Starting with microversion 2.47, the flavor and its extra specs '
          'used for a server are also returned in the response',
          ('GET', _ONE), ('GET', _BASE + '/detail'), ('PUT', _ONE)),
    _rule('show:host_status', base.ADMIN,
          'Show a server with the host status (2.16)',
          ('GET', _ONE), ('GET', _BASE + '/detail'), ('PUT', _ONE)),
    _rule('show:host_status:unknown-only', base.ADMIN,
          'Show a server with host status UNKNOWN only',
          ('GET', _ONE), ('GET', _BASE + '/detail'), ('PUT', _ONE)),
    _rule('create', base.PROJECT_MEMBER_OR_ADMIN, 'Create a server',
          ('POST', _BASE)),
    _rule('create:forced_host', base.ADMIN,
          'Create a server on the specified host and/or node',
          ('POST', _BASE)),
    _rule('create:requested_destination', base.ADMIN,
          'Create a server on the requested compute service host and/or '
          'hypervisor_hostname', ('POST', _BASE)),
    _rule('create:attach_volume', base.PROJECT_MEMBER_OR_ADMIN,
          'Create a server with the requested volume attached to it',
          ('POST', _BASE)),
    _rule('create:attach_network', base.PROJECT_MEMBER_OR_ADMIN,
          'Create a server with the requested network attached to it',
          ('POST', _BASE)),
    _rule('create:trusted_certs', base.PROJECT_MEMBER_OR_ADMIN,
          'Create a server with trusted image certificate IDs',
          ('POST', _BASE)),
    _rule('create:zero_disk_flavor', base.ADMIN,
          'Create an image-backed server with a flavor of zero disk size',
          ('POST', _BASE)),
    _rule('update', base.PROJECT_MEMBER_OR_ADMIN, 'Update a server',
          ('PUT', _ONE)),
    _rule('delete', base.PROJECT_MEMBER_OR_ADMIN, 'Delete a server',
          ('DELETE', _ONE)),
    base.project_rule(
        EXTENDED_ATTRS, base.ADMIN,
        'Return extended attributes for a server: host, hypervisor '
        'hostname, instance name and (2.3) reservation id, launch index, '
        'hostname, kernel/ramdisk ids, root device name and user data',
        ('GET', _ONE), ('GET', _BASE + '/detail'), ('PUT', _ONE)),
]


def list_rules():
    """:returns: the servers rules."""
    return servers_policies
