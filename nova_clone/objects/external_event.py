"""InstanceExternalEvent: what Neutron, Cinder or Cyborg tell a compute host.

Sent through ``POST /os-server-external-events`` and cast to the host of
the instance; never stored.
"""

from nova_clone.objects import base
from nova_clone.objects import fields

EVENT_NAMES = (
    'network-changed',
    'network-vif-plugged',
    'network-vif-unplugged',
    'network-vif-deleted',
    'volume-extended',
    'power-update',
    'accelerator-request-bound',
    'volume-reimaged',
)

EVENT_STATUSES = ('failed', 'completed', 'in-progress')

# NOTE: the tags a power-update event may carry: the power state the
# instance has been put in outside nova (by Ironic, say).
POWER_ON = 'POWER_ON'
POWER_OFF = 'POWER_OFF'


@base.NovaObjectRegistry.register
class InstanceExternalEvent(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'instance_uuid': fields.UUIDField(),
        'name': fields.EnumField(valid_values=EVENT_NAMES),
        'status': fields.EnumField(valid_values=EVENT_STATUSES),
        'tag': fields.StringField(nullable=True),
        'data': fields.DictOfStringsField(),
    }

    @staticmethod
    def make_key(name, tag=None):
        """:returns: ``name`` or ``name-tag``: what a waiter waits on."""
        return name if tag is None else '%s-%s' % (name, tag)

    @property
    def key(self):
        return self.make_key(self.name, self.tag)
