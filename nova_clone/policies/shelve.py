"""Policies of the shelve actions (``os-shelve``)."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-shelve:%s'

_ACTION = ('POST', '/servers/{server_id}/action')

rules = [
    base.project_rule(POLICY_ROOT % 'shelve', base.PROJECT_MEMBER_OR_ADMIN,
                      'Shelve server', _ACTION),
    base.project_rule(POLICY_ROOT % 'unshelve',
                      base.PROJECT_MEMBER_OR_ADMIN, 'Unshelve (restore) '
                      'shelved server', _ACTION),
    base.project_rule(POLICY_ROOT % 'unshelve_to_host', base.ADMIN,
                      'Unshelve (restore) shelve offloaded server to a '
                      'specific host', _ACTION),
    base.project_rule(POLICY_ROOT % 'shelve_offload', base.ADMIN,
                      'Shelf-offload (remove) server', _ACTION),
]


def list_rules():
    """:returns: the shelve rules."""
    return rules
