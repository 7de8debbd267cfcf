"""Policies of os-instance-usage-audit-log: administrators only."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-instance-usage-audit-log:%s'

instance_usage_audit_log_policies = [
    base.project_rule(
        POLICY_ROOT % 'list', base.ADMIN,
        'List all usage audits', ('GET', '/os-instance_usage_audit_log')),
    base.project_rule(
        POLICY_ROOT % 'show', base.ADMIN,
        'List all usage audits that occurred before a specified time for '
        'all servers on all compute hosts where usage auditing is '
        'configured',
        ('GET', '/os-instance_usage_audit_log/{before_timestamp}')),
]


def list_rules():
    """:returns: the os-instance-usage-audit-log rules."""
    return instance_usage_audit_log_policies
