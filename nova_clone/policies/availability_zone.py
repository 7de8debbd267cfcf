"""Policies of os-availability-zone."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-availability-zone:%s'

rules = [
    base.project_rule(POLICY_ROOT % 'list', base.RULE_ANY,
                      'List availability zone information without host '
                      'information', ('GET', '/os-availability-zone')),
    base.project_rule(POLICY_ROOT % 'detail', base.ADMIN,
                      'List detailed availability zone information with '
                      'host information',
                      ('GET', '/os-availability-zone/detail')),
]


def list_rules():
    """:returns: the os-availability-zone rules."""
    return rules
