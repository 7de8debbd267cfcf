"""Policies of os-hypervisors (administrators)."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-hypervisors:%s'
_BASE = '/os-hypervisors'

rules = [base.project_rule(POLICY_ROOT % name, base.ADMIN, desc, op)
         for name, desc, op in (
             ('list', 'List all hypervisors', ('GET', _BASE)),
             ('list-detail', 'List all hypervisors with details',
              ('GET', _BASE + '/detail')),
             ('statistics', 'Show summary statistics for all hypervisors '
              'over all compute nodes', ('GET', _BASE + '/statistics')),
             ('show', 'Show details for a hypervisor',
              ('GET', _BASE + '/{hypervisor_id}')),
             ('uptime', 'Show the uptime of a hypervisor',
              ('GET', _BASE + '/{hypervisor_id}/uptime')),
             ('search', 'Search hypervisor by hypervisor_hostname pattern',
              ('GET', _BASE + '/{hypervisor_hostname_pattern}/search')),
             ('servers', 'List all servers on hypervisors that can match '
              'the provided hypervisor_hostname pattern',
              ('GET', _BASE + '/{hypervisor_hostname_pattern}/servers')))]


def list_rules():
    """:returns: the os-hypervisors rules."""
    return rules
