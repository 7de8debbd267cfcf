"""Policies of the private-flavor access list (os-flavor-access)."""

from nova_clone.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-flavor-access'
POLICY_ROOT = 'os_compute_api:os-flavor-access:%s'
_ACTION = '/flavors/{flavor_id}/action (%s)'

flavor_access_policies = [
    base.project_rule(POLICY_ROOT % 'add_tenant_access', base.ADMIN,
                      'Add flavor access to a tenant',
                      ('POST', _ACTION % 'addTenantAccess')),
    base.project_rule(POLICY_ROOT % 'remove_tenant_access', base.ADMIN,
                      'Remove flavor access from a tenant',
                      ('POST', _ACTION % 'removeTenantAccess')),
    base.project_rule(BASE_POLICY_NAME, base.ADMIN,
                      'List flavor access information; also decides who '
                      'may list non-public flavors with the is_public '
                      'filter of GET /flavors.',
                      ('GET', '/flavors/{flavor_id}/os-flavor-access')),
]


def list_rules():
    """:returns: the os-flavor-access rules."""
    return flavor_access_policies
