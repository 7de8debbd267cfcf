"""Default API policies, one module per resource.

``list_rules()`` is the ``oslo.policy.policies`` entry point (``nova``):
the sample generator and the Enforcer read every rule from here.
"""

import itertools

from nova_clone.policies import aggregates
from nova_clone.policies import availability_zone
from nova_clone.policies import base
from nova_clone.policies import console_auth_tokens
from nova_clone.policies import extensions
from nova_clone.policies import flavor_access
from nova_clone.policies import flavor_extra_specs
from nova_clone.policies import flavor_manage
from nova_clone.policies import hosts
from nova_clone.policies import hypervisors
from nova_clone.policies import instance_usage_audit_log
from nova_clone.policies import keypairs
from nova_clone.policies import limits
from nova_clone.policies import migrations
from nova_clone.policies import quota_class_sets
from nova_clone.policies import quota_sets
from nova_clone.policies import remote_consoles
from nova_clone.policies import server_actions
from nova_clone.policies import server_external_events
from nova_clone.policies import server_groups
from nova_clone.policies import server_resources
from nova_clone.policies import servers
from nova_clone.policies import services
from nova_clone.policies import shelve
from nova_clone.policies import simple_tenant_usage


def list_rules():
    """:returns: every default rule of the compute API."""
    return itertools.chain(
        aggregates.list_rules(),
        availability_zone.list_rules(),
        base.list_rules(),
        console_auth_tokens.list_rules(),
        extensions.list_rules(),
        flavor_access.list_rules(),
        flavor_extra_specs.list_rules(),
        flavor_manage.list_rules(),
        hosts.list_rules(),
        hypervisors.list_rules(),
        instance_usage_audit_log.list_rules(),
        keypairs.list_rules(),
        limits.list_rules(),
        migrations.list_rules(),
        quota_class_sets.list_rules(),
        quota_sets.list_rules(),
        remote_consoles.list_rules(),
        server_actions.list_rules(),
        server_external_events.list_rules(),
        server_groups.list_rules(),
        server_resources.list_rules(),
        servers.list_rules(),
        services.list_rules(),
        shelve.list_rules(),
        simple_tenant_usage.list_rules(),
    )
