"""Policies of os-server-groups."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-server-groups:%s'
_BASE = '/os-server-groups'

rules = [
    base.project_rule(POLICY_ROOT % 'create', base.PROJECT_MEMBER_OR_ADMIN,
                      'Create a new server group', ('POST', _BASE)),
    base.project_rule(POLICY_ROOT % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                      'Delete a server group', ('DELETE', _BASE + '/{id}')),
    base.project_rule(POLICY_ROOT % 'index', base.PROJECT_READER_OR_ADMIN,
                      'List all server groups', ('GET', _BASE)),
    base.project_rule(POLICY_ROOT % 'index:all_projects', base.ADMIN,
                      'List all server groups for all projects',
                      ('GET', _BASE)),
    base.project_rule(POLICY_ROOT % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show details of a server group',
                      ('GET', _BASE + '/{id}')),
]


def list_rules():
    """:returns: the os-server-groups rules."""
    return rules
