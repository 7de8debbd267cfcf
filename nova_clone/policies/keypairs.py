"""Policies of key pairs: the owner, or an admin for any user."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-keypairs:%s'
_OWNER_OR_ADMIN = '(' + base.ADMIN + ') or user_id:%(user_id)s'
_ONE = '/os-keypairs/{keypair_name}'

keypairs_policies = [
    base.project_rule(POLICY_ROOT % 'index', _OWNER_OR_ADMIN,
                      'List all keypairs', ('GET', '/os-keypairs')),
    base.project_rule(POLICY_ROOT % 'create', _OWNER_OR_ADMIN,
                      'Create a keypair', ('POST', '/os-keypairs')),
    base.project_rule(POLICY_ROOT % 'delete', _OWNER_OR_ADMIN,
                      'Delete a keypair', ('DELETE', _ONE)),
    base.project_rule(POLICY_ROOT % 'show', _OWNER_OR_ADMIN,
                      'Show details of a keypair', ('GET', _ONE)),
]


def list_rules():
    """:returns: the os-keypairs rules."""
    return keypairs_policies
