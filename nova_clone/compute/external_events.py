"""What nova-compute does with an external event cast to it.

Neutron, Cinder and Cyborg report through ``POST /os-server-external-events``;
nova-api casts the events to each instance's host. Events an operation
waits for (vif plugged/unplugged, volume re-imaged, accelerator bound)
wake that operation. ``power-update`` (a bare-metal power change made
outside nova) moves the instance between ACTIVE and STOPPED. The network
and volume refresh events need a Neutron or Cinder this deployment does
not have; they are logged and otherwise ignored.
"""

from oslo_log import log as logging

from nova_clone.compute import power_state
from nova_clone.compute import vm_states
from nova_clone.objects import external_event

LOG = logging.getLogger(__name__)

_REFRESH_EVENTS = ('network-changed', 'network-vif-deleted',
                   'volume-extended')

# tag -> (vm_state the instance must be in, new vm_state, new power_state)
_POWER_UPDATES = {
    external_event.POWER_ON: (vm_states.STOPPED, vm_states.ACTIVE,
                              power_state.RUNNING),
    external_event.POWER_OFF: (vm_states.ACTIVE, vm_states.STOPPED,
                               power_state.SHUTDOWN),
}


def handle_events(compute, context, instances, events):
    """Deliver each event to its waiter or act on it."""
    by_uuid = {inst.uuid: inst for inst in instances}
    for event in events:
        instance = by_uuid.get(event.instance_uuid)
        if instance is None:
            LOG.warning('Event %s names instance %s, which was not sent '
                        'with it', event.key, event.instance_uuid)
            continue
        if event.name == 'power-update':
            _power_update(context, instance, event)
        elif event.name in _REFRESH_EVENTS:
            LOG.info('Event %s for instance %s: no network or volume '
                     'service is configured, nothing to refresh',
                     event.key, instance.uuid)
        else:
            compute.instance_events.deliver(event)


def _power_update(context, instance, event):
    """Record a power change made outside nova (nova's power-update)."""
    if instance.task_state is not None:
        LOG.info('Ignoring power-update %s of instance %s: task %s is '
                 'running', event.tag, instance.uuid, instance.task_state)
        return
    expected, new_vm_state, new_power_state = _POWER_UPDATES[event.tag]
    if instance.vm_state != expected:
        LOG.info('Ignoring power-update %s of instance %s in state %s',
                 event.tag, instance.uuid, instance.vm_state)
        return
    instance.vm_state = new_vm_state
    instance.power_state = new_power_state
    instance.save(expected_task_state=[None])
