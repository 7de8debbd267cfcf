"""Shelve, shelveOffload and unshelve as nova-api performs them.

Shelve creates the snapshot's Glance record (``<name>-shelved``) and
casts to the server's host. Unshelve of a server still on its host casts
there; an offloaded server goes to the conductor, which schedules it
again (into the availability zone or onto the host the request names,
2.77 and 2.91).
"""

from nova_clone.compute import api_actions
from nova_clone.compute import api_images
from nova_clone.compute import instance_actions
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone.conductor import build_utils
from nova_clone import exception
from nova_clone import objects

SHELVE_STATES = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
                 vm_states.SUSPENDED)
UNSHELVE_STATES = (vm_states.SHELVED, vm_states.SHELVED_OFFLOADED)

# NOTE: "not given" differs from an explicit null availability_zone
# (2.91: null unpins the server from its zone).
UNSET = object()


class ShelveMixin(object):
    """The shelve half of :class:`nova_clone.compute.api.API`."""

    @api_actions.guarded('shelve', vm_state=SHELVE_STATES)
    def shelve(self, context, instance, clean_shutdown=True):
        meta = api_images.snapshot_image_meta(
            instance, '%s-shelved' % instance.display_name, 'snapshot')
        image = self._start_image_task(context, instance, meta,
                                       instance_actions.SHELVE,
                                       task_states.SHELVING)
        self.compute_rpcapi.shelve_instance(
            instance._context, instance, image_id=image['id'],
            clean_shutdown=clean_shutdown)

    @api_actions.guarded('shelve_offload', vm_state=(vm_states.SHELVED,))
    def shelve_offload(self, context, instance, clean_shutdown=True):
        api_actions.start_task(instance, instance_actions.SHELVE_OFFLOAD,
                               task_states.SHELVING_OFFLOADING)
        self.compute_rpcapi.shelve_offload_instance(
            instance._context, instance, clean_shutdown=clean_shutdown)

    @api_actions.guarded('unshelve', vm_state=UNSHELVE_STATES)
    def unshelve(self, context, instance, new_az=UNSET, host=None):
        """:param new_az: the zone to unshelve into (2.77), None to unpin
            it (2.91), UNSET to keep the request spec's. The caller has
            checked that it exists.
        :param host: the compute host to unshelve onto (2.91, admin); the
            caller has checked that it exists.
        :raises: InstanceInvalidState (a zone or host given for a server
            still on its host), UnshelveHostNotInAZ.
        """
        offloaded = instance.vm_state == vm_states.SHELVED_OFFLOADED
        if not offloaded and (new_az is not UNSET or host):
            raise exception.InstanceInvalidState(
                method='unshelve to a zone or host',
                instance_uuid=instance.uuid, attr='vm_state',
                state=instance.vm_state)
        spec = objects.RequestSpec.get_by_instance_uuid(context,
                                                        instance.uuid)
        if offloaded:
            _retarget(context, instance, spec, new_az, host)
        api_actions.start_task(instance, instance_actions.UNSHELVE,
                               task_states.UNSHELVING)
        self.compute_task_api.unshelve_instance(instance._context, instance,
                                                spec)

    def forget_shelve_snapshot(self, context, instance):
        """Delete the shelve snapshot of a shelved server being deleted (it
        is the server's disk; nobody else will use it)."""
        image_id = (instance.system_metadata or {}).get('shelved_image_id')
        if instance.vm_state in UNSHELVE_STATES and image_id:
            self._delete_image_quietly(context, image_id)


def _retarget(context, instance, spec, new_az, host):
    """Point an offloaded server's request spec at its new zone/host."""
    zone = spec.availability_zone if new_az is UNSET else new_az
    if host:
        host_zone = build_utils.host_availability_zone(context, host)
        if zone and zone not in host_zone.split(','):
            raise exception.UnshelveHostNotInAZ(host=host,
                                                availability_zone=zone)
        spec.requested_destination = objects.Destination(host=host)
    else:
        spec.requested_destination = None
    if new_az is not UNSET:
        spec.availability_zone = new_az
        instance.availability_zone = new_az
    spec.save()

