"""Policies of limits, quota sets and quota classes."""

from nova_clone.policies import base

LIMITS = 'os_compute_api:limits'
LIMITS_OTHER = 'os_compute_api:limits:other_project'
QUOTA_SETS = 'os_compute_api:os-quota-sets:%s'
QUOTA_CLASSES = 'os_compute_api:os-quota-class-sets:%s'
_QS = '/os-quota-sets/{tenant_id}'
_QC = '/os-quota-class-sets/{quota_class}'

rules = [
    base.project_rule(LIMITS, base.RULE_ANY,
                      'Show rate and absolute limits for the current user '
                      'project', ('GET', '/limits')),
    base.project_rule(LIMITS_OTHER, base.ADMIN,
                      'Show rate and absolute limits of the project given '
                      'as tenant_id', ('GET', '/limits')),
    base.project_rule(QUOTA_SETS % 'update', base.ADMIN,
                      'Update the quotas', ('PUT', _QS)),
    base.project_rule(QUOTA_SETS % 'defaults', base.RULE_ANY,
                      'List default quotas', ('GET', _QS + '/defaults')),
    base.project_rule(QUOTA_SETS % 'show', base.PROJECT_READER_OR_ADMIN,
                      'Show a quota', ('GET', _QS)),
    base.project_rule(QUOTA_SETS % 'delete', base.ADMIN,
                      'Revert quotas to defaults', ('DELETE', _QS)),
    base.project_rule(QUOTA_SETS % 'detail', base.PROJECT_READER_OR_ADMIN,
                      'Show the detail of quota', ('GET', _QS + '/detail')),
    base.project_rule(QUOTA_CLASSES % 'show', base.ADMIN,
                      'List quotas for specific quota classes',
                      ('GET', _QC)),
    base.project_rule(QUOTA_CLASSES % 'update', base.ADMIN,
                      'Update quotas for specific quota class',
                      ('PUT', _QC)),
]


def list_rules():
    """:returns: the limits and quota rules."""
    return rules
