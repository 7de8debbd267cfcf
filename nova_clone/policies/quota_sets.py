"""Policies of /os-quota-sets: admins change, project readers look."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-sets:%s'
_ONE = '/os-quota-sets/{tenant_id}'

quota_sets_policies = [
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN,
                      'Update the quotas', ('PUT', _ONE)),
    base.project_rule(POLICY_ROOT % 'defaults', base.RULE_ANY,
                      'List default quotas',
                      ('GET', _ONE + '/defaults')),
    base.project_rule(POLICY_ROOT % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show a quota', ('GET', _ONE)),
    base.project_rule(POLICY_ROOT % 'delete', base.ADMIN,
                      'Revert quotas to defaults', ('DELETE', _ONE)),
    base.project_rule(POLICY_ROOT % 'detail', base.PROJECT_READER_OR_ADMIN,
                      'Show the detail of quota',
                      ('GET', _ONE + '/detail')),
]


def list_rules():
    """:returns: the os-quota-sets rules."""
    return quota_sets_policies
