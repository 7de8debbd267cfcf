"""Policies of host aggregates (os-aggregates): administrators only."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-aggregates:%s'
_BASE = '/os-aggregates'
_ONE = _BASE + '/{aggregate_id}'
_ACTION = _ONE + '/action (%s)'

aggregates_policies = [
    base.project_rule(POLICY_ROOT % 'set_metadata', base.ADMIN,
                      'Create or replace metadata for an aggregate',
                      ('POST', _ACTION % 'set_metadata')),
    base.project_rule(POLICY_ROOT % 'add_host', base.ADMIN,
                      'Add a host to an aggregate',
                      ('POST', _ACTION % 'add_host')),
    base.project_rule(POLICY_ROOT % 'create', base.ADMIN,
                      'Create an aggregate', ('POST', _BASE)),
    base.project_rule(POLICY_ROOT % 'remove_host', base.ADMIN,
                      'Remove a host from an aggregate',
                      ('POST', _ACTION % 'remove_host')),
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN,
                      'Update name and/or availability zone of an '
                      'aggregate', ('PUT', _ONE)),
    base.project_rule(POLICY_ROOT % 'index', base.ADMIN,
                      'List all aggregates', ('GET', _BASE)),
    base.project_rule(POLICY_ROOT % 'delete', base.ADMIN,
                      'Delete an aggregate', ('DELETE', _ONE)),
    base.project_rule(POLICY_ROOT % 'show', base.ADMIN,
                      'Show details for an aggregate', ('GET', _ONE)),
]


def list_rules():
    """:returns: the os-aggregates rules."""
    return aggregates_policies
