"""Policies of a server's metadata, tags, addresses and action log."""

from nova_clone.policies import base

METADATA = 'os_compute_api:server-metadata:%s'
TAGS = 'os_compute_api:os-server-tags:%s'
IPS = 'os_compute_api:ips:%s'
ACTIONS = 'os_compute_api:os-instance-actions:%s'

_SERVER = '/servers/{server_id}'
_META = _SERVER + '/metadata'
_TAGS = _SERVER + '/tags'
_ACTIONS = _SERVER + '/os-instance-actions'

rules = [
    base.project_rule(METADATA % 'index', base.PROJECT_READER_OR_ADMIN,
                      'List all metadata of a server', ('GET', _META)),
    base.project_rule(METADATA % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show metadata for a server',
                      ('GET', _META + '/{key}')),
    base.project_rule(METADATA % 'create', base.PROJECT_MEMBER_OR_ADMIN,
                      'Create metadata for a server', ('POST', _META)),
    base.project_rule(METADATA % 'update_all', base.PROJECT_MEMBER_OR_ADMIN,
                      'Replace metadata for a server', ('PUT', _META)),
    base.project_rule(METADATA % 'update', base.PROJECT_MEMBER_OR_ADMIN,
                      'Update metadata from a server',
                      ('PUT', _META + '/{key}')),
    base.project_rule(METADATA % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                      'Delete metadata from a server',
                      ('DELETE', _META + '/{key}')),
    base.project_rule(TAGS % 'index', base.PROJECT_READER_OR_ADMIN,
                      'List all tags for given server', ('GET', _TAGS)),
    base.project_rule(TAGS % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Check tag existence on the server',
                      ('GET', _TAGS + '/{tag}')),
    base.project_rule(TAGS % 'update', base.PROJECT_MEMBER_OR_ADMIN,
                      'Add a single tag to the server',
                      ('PUT', _TAGS + '/{tag}')),
    base.project_rule(TAGS % 'update_all', base.PROJECT_MEMBER_OR_ADMIN,
                      'Replace all tags on specified server with the new '
                      'set of tags', ('PUT', _TAGS)),
    base.project_rule(TAGS % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                      'Delete a single tag from the specified server',
                      ('DELETE', _TAGS + '/{tag}')),
    base.project_rule(TAGS % 'delete_all', base.PROJECT_MEMBER_OR_ADMIN,
                      'Delete all the server tags', ('DELETE', _TAGS)),
    base.project_rule(IPS % 'index', base.PROJECT_READER_OR_ADMIN,
                      'List IP addresses that are assigned to a server',
                      ('GET', _SERVER + '/ips')),
    base.project_rule(IPS % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show IP addresses details for a network label of a '
                      'server', ('GET', _SERVER + '/ips/{network_label}')),
    base.project_rule(ACTIONS % 'list', base.PROJECT_READER_OR_ADMIN,
                      'List actions for an instance', ('GET', _ACTIONS)),
    base.project_rule(ACTIONS % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show action details for an instance',
                      ('GET', _ACTIONS + '/{request_id}')),
    base.project_rule(ACTIONS % 'events', base.ADMIN,
                      'Add events details in action details for an '
                      'instance', ('GET', _ACTIONS + '/{request_id}')),
    base.project_rule(ACTIONS % 'events:details', base.ADMIN,
                      'Add "details" key in action events for a server '
                      '(2.84)', ('GET', _ACTIONS + '/{request_id}')),
]


def list_rules():
    """:returns: the rules of a server's sub-resources."""
    return rules
