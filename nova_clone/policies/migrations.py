"""Policies of os-migrations."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-migrations:%s'

rules = [
    base.project_rule(POLICY_ROOT % 'index', base.ADMIN,
                      'List migrations', ('GET', '/os-migrations')),
]


def list_rules():
    """:returns: the os-migrations rules."""
    return rules
