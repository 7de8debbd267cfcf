"""Policies of os-simple-tenant-usage."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-simple-tenant-usage:%s'

rules = [
    base.project_rule(POLICY_ROOT % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show usage statistics for a specific tenant',
                      ('GET', '/os-simple-tenant-usage/{tenant_id}')),
    base.project_rule(POLICY_ROOT % 'list', base.ADMIN,
                      'List per tenant usage statistics for all tenants',
                      ('GET', '/os-simple-tenant-usage')),
]


def list_rules():
    """:returns: the os-simple-tenant-usage rules."""
    return rules
