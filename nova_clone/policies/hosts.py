"""Policies of the deprecated os-hosts API."""

from nova_clone.policies import base

POLICY_NAME = 'os_compute_api:os-hosts:%s'
_ONE = '/os-hosts/{host_name}'

rules = [
    base.project_rule(POLICY_NAME % 'list', base.ADMIN, 'List physical '
                      'hosts.', ('GET', '/os-hosts')),
    base.project_rule(POLICY_NAME % 'show', base.ADMIN, 'Show physical '
                      'host.', ('GET', _ONE)),
    base.project_rule(POLICY_NAME % 'update', base.ADMIN, 'Update '
                      'physical host.', ('PUT', _ONE)),
    base.project_rule(POLICY_NAME % 'reboot', base.ADMIN, 'Reboot '
                      'physical host.', ('GET', _ONE + '/reboot')),
    base.project_rule(POLICY_NAME % 'shutdown', base.ADMIN, 'Shutdown '
                      'physical host.', ('GET', _ONE + '/shutdown')),
    base.project_rule(POLICY_NAME % 'start', base.ADMIN, 'Start physical '
                      'host.', ('GET', _ONE + '/startup')),
]


def list_rules():
    """:returns: the os-hosts rules."""
    return rules
