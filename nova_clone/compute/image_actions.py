"""nova-compute's image actions: rebuild, rescue, snapshot and backup.

The API has already written the new image (rebuild) or created the
Glance record (snapshot) and moved the task_state; these flows do the
host's part under the instance's lock, with the instance action event,
notifications and faults of :func:`power_actions.instance_task`.
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.compute import power_actions
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.image import glance
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

ACTION = power_actions.ACTION


def _set_error(instance):
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    instance.save()


# ----------------------------------------------------------------- rebuild

def _recreate_guest(manager, context, instance, image_meta, new_pass,
                    injected_files, network_info, preserve_ephemeral):
    """Destroy and spawn again, for drivers without a native rebuild."""
    allocations = manager.reportclient.get_allocations_for_consumer(
        context, instance.uuid)
    try:
        manager.driver.rebuild(
            context, instance, image_meta, injected_files, new_pass,
            allocations, [], None, None, network_info=network_info,
            preserve_ephemeral=preserve_ephemeral)
        return
    except NotImplementedError:
        pass
    manager.driver.destroy(context, instance, network_info,
                           destroy_disks=not preserve_ephemeral)
    instance.task_state = task_states.REBUILD_BLOCK_DEVICE_MAPPING
    instance.save(expected_task_state=[task_states.REBUILDING])
    instance.task_state = task_states.REBUILD_SPAWNING
    instance.save(
        expected_task_state=[task_states.REBUILD_BLOCK_DEVICE_MAPPING])
    manager.driver.spawn(context, instance, image_meta, injected_files,
                         new_pass, allocations, network_info=network_info,
                         block_device_info=None)


def rebuild(manager, context, instance, new_pass, injected_files, image_ref,
            orig_image_ref, preserve_ephemeral=False):
    """Re-create the guest from its (already recorded) new image.

    A server that was STOPPED is stopped again afterwards, as nova does.
    """
    was_stopped = instance.vm_state == vm_states.STOPPED
    image_meta = objects.ImageMeta.from_instance(instance)
    network_info = power_actions.network_info(instance)
    with power_actions.instance_task(manager, context, instance,
                                     'rebuild_instance', ACTION.REBUILD,
                                     on_error=_set_error):
        _recreate_guest(manager, context, instance, image_meta, new_pass,
                        injected_files or [], network_info,
                        preserve_ephemeral)
        instance.power_state = power_actions.current_power_state(
            manager, instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.launched_at = timeutils.utcnow()
        instance.save(expected_task_state=[task_states.REBUILDING,
                                           task_states.REBUILD_SPAWNING])
    if was_stopped:
        instance.task_state = task_states.POWERING_OFF
        instance.save(expected_task_state=[None])
        power_actions.stop(manager, context, instance)


# ------------------------------------------------------------------ rescue

def _rescue_image_meta(context, instance, rescue_image_ref):
    ref = (rescue_image_ref or
           (instance.system_metadata or {}).get('image_base_image_ref') or
           instance.image_ref)
    if ref and ref != instance.image_ref:
        return objects.ImageMeta.from_dict(glance.API().get(context, ref))
    return objects.ImageMeta.from_instance(instance)


def rescue(manager, context, instance, rescue_password,
           rescue_image_ref=None, clean_shutdown=True):
    with power_actions.instance_task(manager, context, instance,
                                     'rescue_instance', ACTION.RESCUE):
        image_meta = _rescue_image_meta(context, instance, rescue_image_ref)
        try:
            manager.driver.rescue(
                context, instance, power_actions.network_info(instance),
                image_meta, rescue_password, None)
        except (NotImplementedError, exception.NovaException):
            raise
        except Exception as exc:
            raise exception.InstanceNotRescuable(
                instance_id=instance.uuid, reason=str(exc)) from exc
        instance.launched_at = timeutils.utcnow()
        power_actions._finish(manager, instance, vm_states.RESCUED,
                              task_states.RESCUING)


def unrescue(manager, context, instance):
    with power_actions.instance_task(manager, context, instance,
                                     'unrescue_instance', ACTION.UNRESCUE):
        manager.driver.unrescue(context, instance)
        power_actions._finish(manager, instance, vm_states.ACTIVE,
                              task_states.UNRESCUING)


# ---------------------------------------------------------------- password

def set_admin_password(manager, context, instance, new_pass):
    """Set the guest's password; :raises: NotImplementedError (the API
    answers 501), InstancePasswordSetFailed (409).
    """
    try:
        with power_actions.instance_task(manager, context, instance,
                                         'set_admin_password'):
            manager.driver.set_admin_password(instance, new_pass)
            instance.task_state = None
            instance.save(
                expected_task_state=[task_states.UPDATING_PASSWORD])
    except (NotImplementedError, exception.InstanceNotFound,
            exception.InstancePasswordSetFailed):
        raise
    except Exception as exc:
        raise exception.InstancePasswordSetFailed(
            instance=instance.uuid, reason=str(exc)) from exc


# ---------------------------------------------------------------- snapshot

def _delete_failed_image(context, image_id):
    try:
        image = glance.API().get(context, image_id)
        if image.get('status') != 'active':
            glance.API().delete(context, image_id)
    except exception.ImageNotFound:
        pass
    except Exception:
        LOG.warning('Could not delete image %s of a failed snapshot',
                    image_id)


def snapshot(manager, context, instance, image_id,
             expected=task_states.IMAGE_SNAPSHOT, event='snapshot_instance'):
    """Upload the root disk into ``image_id``; delete it on failure."""
    def update_task_state(task_state,
                          expected_state=task_states.IMAGE_SNAPSHOT_PENDING):
        instance.task_state = task_state
        instance.save(expected_task_state=[expected_state])

    try:
        with power_actions.instance_task(manager, context, instance, event,
                                         ACTION.SNAPSHOT):
            instance.power_state = power_actions.current_power_state(
                manager, instance)
            instance.task_state = task_states.IMAGE_SNAPSHOT_PENDING
            instance.save(expected_task_state=[expected])
            manager.driver.snapshot(context, instance, image_id,
                                    update_task_state)
            instance.task_state = None
            instance.save(expected_task_state=[
                task_states.IMAGE_UPLOADING,
                task_states.IMAGE_PENDING_UPLOAD,
                task_states.IMAGE_SNAPSHOT_PENDING])
    except Exception:
        _delete_failed_image(context, image_id)
        raise


def backup(manager, context, instance, image_id, backup_type, rotation):
    """A snapshot, then the oldest backups beyond ``rotation`` go."""
    snapshot(manager, context, instance, image_id,
             expected=task_states.IMAGE_BACKUP, event='backup_instance')
    rotate_backups(context, instance, backup_type, rotation)


def rotate_backups(context, instance, backup_type, rotation):
    """Delete this server's ``backup_type`` backups beyond the newest
    ``rotation``.
    """
    api = glance.API()
    images = api.get_all(context, filters={
        'instance_uuid': instance.uuid, 'image_type': 'backup',
        'backup_type': backup_type}, sort_key='created_at',
        sort_dir='desc')
    for image in images[rotation:]:
        try:
            api.delete(context, image['id'])
        except exception.ImageNotFound:
            pass
