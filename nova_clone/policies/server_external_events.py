"""Policy of os-server-external-events: what Neutron and Cinder call."""

from nova_clone.policies import base

POLICY_ROOT = 'os_compute_api:os-server-external-events:%s'

server_external_events_policies = [
    base.project_rule(
        POLICY_ROOT % 'create', base.SERVICE_ROLE,
        'Create one or more external events (the network and volume '
        'services report through it)',
        ('POST', '/os-server-external-events')),
]


def list_rules():
    """:returns: the os-server-external-events rules."""
    return server_external_events_policies
