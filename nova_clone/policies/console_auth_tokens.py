"""Policy of os-console-auth-tokens (what a console token leads to)."""

from nova_clone.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-console-auth-tokens'

rules = [
    base.project_rule(
        BASE_POLICY_NAME, base.ADMIN,
        'Show console connection information for a given console '
        'authentication token',
        ('GET', '/os-console-auth-tokens/{console_token}')),
]


def list_rules():
    """:returns: the os-console-auth-tokens rules."""
    return rules
