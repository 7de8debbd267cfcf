"""Selection: one host the scheduler picked (or kept as an alternate).

The conductor gets a list of these per instance: the first is where the
instance goes, the rest are alternates for a reschedule in the same cell,
each with the Placement allocation request the conductor can claim.
"""

from oslo_serialization import jsonutils

from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class SchedulerLimits(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'numa_topology': fields.StringField(nullable=True, default=None),
        'vcpu': fields.IntegerField(nullable=True, default=None),
        'disk_gb': fields.IntegerField(nullable=True, default=None),
        'memory_mb': fields.IntegerField(nullable=True, default=None),
    }

    @classmethod
    def from_dict(cls, limits_dict):
        """:returns: limits from the legacy ``filter_properties`` dict."""
        limits = cls(**{k: v for k, v in (limits_dict or {}).items()
                        if k in cls.fields})
        limits.obj_set_defaults()
        return limits

    def to_dict(self):
        """:returns: the set, non-None limits as a plain dict."""
        return {k: getattr(self, k) for k in self.fields
                if self.obj_attr_is_set(k) and getattr(self, k) is not None}


@base.NovaObjectRegistry.register
class Selection(base.NovaObject, base.NovaComparableObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'compute_node_uuid': fields.UUIDField(),
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'cell_uuid': fields.UUIDField(),
        'limits': fields.ObjectField('SchedulerLimits', nullable=True),
        # The JSON of the allocation request from Placement, so a
        # reschedule can claim this host without asking again.
        'allocation_request': fields.StringField(nullable=True),
        'allocation_request_version': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
    }

    @classmethod
    def from_host_state(cls, host_state, allocation_request=None,
                        allocation_request_version=None):
        """:returns: a Selection for a scheduler HostState."""
        limits = SchedulerLimits.from_dict(getattr(host_state, 'limits',
                                                   None))
        return cls(compute_node_uuid=host_state.uuid,
                   service_host=host_state.host,
                   nodename=host_state.nodename,
                   cell_uuid=host_state.cell_uuid,
                   limits=limits,
                   allocation_request=(
                       jsonutils.dumps(allocation_request)
                       if allocation_request is not None else None),
                   allocation_request_version=allocation_request_version,
                   availability_zone=getattr(host_state,
                                             'availability_zone', None))

    def to_dict(self):
        """:returns: the legacy host dict (host, nodename, limits)."""
        limits = self.limits.to_dict() if self.limits is not None else {}
        return {'host': self.service_host, 'nodename': self.nodename,
                'limits': limits}
