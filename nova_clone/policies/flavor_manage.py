"""Policies of creating, updating and deleting flavors."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-manage:%s'

flavor_manage_policies = [
    base.project_rule(POLICY_ROOT % 'create', base.ADMIN, 'Create a flavor',
                      ('POST', '/flavors')),
    base.project_rule(POLICY_ROOT % 'update', base.ADMIN, 'Update a flavor',
                      ('PUT', '/flavors/{flavor_id}')),
    base.project_rule(POLICY_ROOT % 'delete', base.ADMIN, 'Delete a flavor',
                      ('DELETE', '/flavors/{flavor_id}')),
]


def list_rules():
    """:returns: the os-flavor-manage rules."""
    return flavor_manage_policies
