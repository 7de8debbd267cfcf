"""Policies of /os-quota-class-sets: administrators only."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-class-sets:%s'
_ONE = '/os-quota-class-sets/{quota_class}'

quota_class_sets_policies = [
    base.project_rule(POLICY_ROOT % 'show', base.ADMIN,
                      'List quotas for specific quota classes',
                      ('GET', _ONE)),
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN,
                      'Update quotas for specific quota class',
                      ('PUT', _ONE)),
]


def list_rules():
    """:returns: the os-quota-class-sets rules."""
    return quota_class_sets_policies
