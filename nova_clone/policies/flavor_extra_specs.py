"""Policies of flavor extra specs (os-flavor-extra-specs)."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'
_ONE = '/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'
_ALL = '/flavors/{flavor_id}/os-extra_specs/'

flavor_extra_specs_policies = [
    base.project_rule(POLICY_ROOT % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show an extra spec for a flavor', ('GET', _ONE)),
    base.project_rule(POLICY_ROOT % 'create', base.ADMIN,
                      'Create extra specs for a flavor', ('POST', _ALL)),
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN,
                      'Update an extra spec for a flavor', ('PUT', _ONE)),
    base.project_rule(POLICY_ROOT % 'delete', base.ADMIN,
                      'Delete an extra spec for a flavor',
                      ('DELETE', _ONE)),
    base.project_rule(POLICY_ROOT % 'index', base.PROJECT_READER_OR_ADMIN,
                      'List extra specs for a flavor. From microversion '
                      '2.61 it also decides whether flavor responses '
                      'include extra_specs.',
                      ('GET', _ALL), ('POST', '/flavors'),
                      ('GET', '/flavors/detail'),
                      ('GET', '/flavors/{flavor_id}'),
                      ('PUT', '/flavors/{flavor_id}')),
]


def list_rules():
    """:returns: the os-flavor-extra-specs rules."""
    return flavor_extra_specs_policies
