"""Policy of the legacy /extensions list."""

from nova_clone.policies import base

BASE = 'os_compute_api:extensions'

rules = [
    base.project_rule(BASE, base.RULE_ANY, 'List available extensions and '
                      'show information for an extension by alias',
                      ('GET', '/extensions'),
                      ('GET', '/extensions/{alias}')),
]


def list_rules():
    """:returns: the /extensions rule."""
    return rules
