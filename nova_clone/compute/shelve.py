"""Shelve, offload and unshelve on nova-compute.

Shelving snapshots the guest into the image the API created, powers it
off and leaves the server SHELVED on its host. Offloading (at once with
``[DEFAULT] shelved_offload_time = 0``, later from a periodic task, or
by ``shelveOffload``) destroys the guest, gives the host's resources and
the Placement allocation back and unbinds the server from the host:
SHELVED_OFFLOADED. Unshelving an offloaded server spawns it from the
snapshot on the host the conductor scheduled; the snapshot is deleted
once the server is ACTIVE again.

The system metadata keys ``shelved_at``, ``shelved_image_id`` and
``shelved_host`` carry the state between the steps, as in nova.
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.compute import power_actions
from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.image import glance
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

ACTION = notif_fields.NotificationAction
SHELVE_KEYS = ('shelved_at', 'shelved_image_id', 'shelved_host')


def _set_sysmeta(instance, **values):
    # NOTE: assigned, not mutated, so save() sees the change.
    sysmeta = dict(instance.system_metadata or {})
    for key, value in values.items():
        if value is None:
            sysmeta.pop(key, None)
        else:
            sysmeta[key] = value
    instance.system_metadata = sysmeta


def shelve(manager, context, instance, image_id, clean_shutdown=True):
    """Power off, snapshot into ``image_id``; SHELVED (then offload when
    ``shelved_offload_time`` is 0)."""
    def update_task_state(task_state, expected_state=task_states.SHELVING):
        shelving = {
            task_states.IMAGE_PENDING_UPLOAD:
                task_states.SHELVING_IMAGE_PENDING_UPLOAD,
            task_states.IMAGE_UPLOADING:
                task_states.SHELVING_IMAGE_UPLOADING,
            task_states.SHELVING: task_states.SHELVING}
        instance.task_state = shelving[task_state]
        instance.save(expected_task_state=[
            shelving.get(expected_state, expected_state)])

    with power_actions.instance_task(manager, context, instance,
                                     'shelve_instance', ACTION.SHELVE):
        timeout, retry = power_actions.shutdown_timeouts(clean_shutdown)
        manager.driver.power_off(instance, timeout, retry)
        manager.driver.snapshot(context, instance, image_id,
                                update_task_state)
        _set_sysmeta(instance, shelved_at=timeutils.utcnow().isoformat(),
                     shelved_image_id=image_id, shelved_host=manager.host)
        instance.power_state = power_actions.current_power_state(
            manager, instance)
        instance.vm_state = vm_states.SHELVED
        instance.task_state = None
        if CONF.shelved_offload_time == 0:
            instance.task_state = task_states.SHELVING_OFFLOADING
        instance.save(expected_task_state=[
            task_states.SHELVING, task_states.SHELVING_IMAGE_UPLOADING,
            task_states.SHELVING_IMAGE_PENDING_UPLOAD])
    if CONF.shelved_offload_time == 0:
        shelve_offload(manager, context, instance, clean_shutdown=False)


def shelve_offload(manager, context, instance, clean_shutdown=True):
    """Destroy the guest, free the host and Placement: SHELVED_OFFLOADED.
    """
    with power_actions.instance_task(manager, context, instance,
                                     'shelve_offload_instance',
                                     ACTION.SHELVE_OFFLOAD):
        timeout, retry = power_actions.shutdown_timeouts(clean_shutdown)
        manager.driver.power_off(instance, timeout, retry)
        manager.driver.destroy(context, instance, network_info=[],
                               block_device_info=None, destroy_disks=True)
        nodename = instance.node
        instance.power_state = power_state.SHUTDOWN
        instance.vm_state = vm_states.SHELVED_OFFLOADED
        instance.task_state = None
        instance.host = None
        instance.node = None
        instance.compute_id = None
        instance.save(expected_task_state=[None,
                                           task_states.SHELVING_OFFLOADING])
        # NOTE: ALLOW_RESOURCE_REMOVAL holds SHELVED_OFFLOADED, so this
        # drops the server from the node's usage.
        if nodename:
            manager.rt.update_usage(context, instance, nodename)
        manager.reportclient.delete_allocation_for_instance(
            context, instance.uuid, force=True)


def unshelve(manager, context, instance, image, filter_properties, node):
    """Spawn an offloaded server from its snapshot on ``node``."""
    limits = (filter_properties or {}).get('limits')
    with power_actions.instance_task(manager, context, instance,
                                     'unshelve_instance', ACTION.UNSHELVE):
        instance.task_state = task_states.SPAWNING
        instance.save(expected_task_state=task_states.UNSHELVING)
        allocations = manager.reportclient.get_allocations_for_consumer(
            context, instance.uuid)
        image_meta = objects.ImageMeta.from_dict(image or {})
        with manager.rt.instance_claim(context, instance, node,
                                       allocations, limits):
            manager.driver.spawn(context, instance, image_meta,
                                 injected_files=[], admin_password=None,
                                 allocations=allocations, network_info=[],
                                 block_device_info=None, accel_info=[])
        _finish_unshelve(manager, context, instance, task_states.SPAWNING)


def _finish_unshelve(manager, context, instance, expected_task):
    image_id = (instance.system_metadata or {}).get('shelved_image_id')
    _set_sysmeta(instance, **dict.fromkeys(SHELVE_KEYS))
    instance.power_state = power_actions.current_power_state(manager,
                                                             instance)
    instance.vm_state = vm_states.ACTIVE
    instance.task_state = None
    instance.save(expected_task_state=expected_task)
    delete_snapshot(context, image_id)


def start_shelved(manager, context, instance):
    """Unshelve a server still on its host: power it on again."""
    with power_actions.instance_task(manager, context, instance,
                                     'unshelve_instance', ACTION.UNSHELVE):
        manager.driver.power_on(context, instance, [])
        _finish_unshelve(manager, context, instance, task_states.UNSHELVING)


def delete_snapshot(context, image_id):
    """Delete the shelve snapshot (gone already is fine)."""
    if not image_id:
        return
    try:
        glance.API().delete(context, image_id)
    except exception.ImageNotFound:
        pass
    except Exception:
        LOG.warning('Could not delete the shelve snapshot %s', image_id)


def offload_due(manager, context):
    """Offload the host's SHELVED servers older than
    ``shelved_offload_time`` (the periodic task)."""
    if CONF.shelved_offload_time <= 0:
        return
    now = timeutils.utcnow()
    shelved = objects.InstanceList.get_by_filters(
        context, {'host': manager.host, 'vm_state': vm_states.SHELVED,
                  'task_state': None}, expected_attrs=['system_metadata'])
    for instance in shelved:
        shelved_at = (instance.system_metadata or {}).get('shelved_at')
        if not shelved_at:
            continue
        age = (now - timeutils.normalize_time(
            timeutils.parse_isotime(shelved_at))).total_seconds()
        if age < CONF.shelved_offload_time:
            continue
        LOG.info('Offloading shelved instance %s', instance.uuid)
        try:
            instance.task_state = task_states.SHELVING_OFFLOADING
            instance.save(expected_task_state=[None])
            shelve_offload(manager, context, instance)
        except Exception:
            LOG.exception('Offloading instance %s failed', instance.uuid)
