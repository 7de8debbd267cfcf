"""Policies of os-services (administrators)."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-services:%s'

rules = [
    base.project_rule(POLICY_ROOT % 'list', base.ADMIN,
                      'List all running Compute services in a region',
                      ('GET', '/os-services')),
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN,
                      'Update a Compute service',
                      ('PUT', '/os-services/{service_id}')),
    base.project_rule(POLICY_ROOT % 'delete', base.ADMIN,
                      'Delete a Compute service',
                      ('DELETE', '/os-services/{service_id}')),
]


def list_rules():
    """:returns: the os-services rules."""
    return rules
