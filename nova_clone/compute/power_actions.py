"""The power actions of nova-compute: stop, start, reboot, pause,
suspend, soft delete and their reverses.

Each RPC method of the manager runs one of these under the instance's
lock. The API already moved the instance to the action's task_state;
the flow asks the driver, then writes the final vm_state/power_state with
that task_state as the expected one, so an instance deleted meanwhile is
not brought back. A failure records an instance fault and clears the task
(a failed reboot leaves the instance in ERROR, as nova does).
"""

import contextlib
import sys

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone.compute import utils as compute_utils
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

ACTION = notif_fields.NotificationAction

# NOTE: a deleted instance is not an error for an action that raced it.
_GONE = (exception.InstanceNotFound,
         exception.UnexpectedDeletingTaskStateError)


def _revert_task(instance):
    instance.task_state = None
    instance.save()


def _set_error(instance):
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    instance.save()


@contextlib.contextmanager
def instance_task(manager, context, instance, event, action=None,
                  on_error=_revert_task):
    """Run an action: an instance action event, notifications, faults.

    :param event: the action event's suffix (``stop_instance``).
    :param action: the NotificationAction of start/end/error, or None.
    :param on_error: how the instance is left when the block fails.
    """
    host = manager.host
    with compute_utils.EventReporter(context, 'compute_' + event, host,
                                     instance.uuid):
        if action:
            compute_utils.notify_about_instance_action(
                context, instance, host, action,
                phase=compute_utils.PHASE_START)
        try:
            yield
        except _GONE:
            LOG.info('Instance %s was deleted during %s', instance.uuid,
                     event)
            raise
        except Exception as exc:
            LOG.exception('%s of instance %s failed', event, instance.uuid)
            try:
                compute_utils.add_instance_fault_from_exc(
                    context, instance, exc, sys.exc_info())
                on_error(instance)
            except Exception:
                LOG.exception('Could not record the failure of %s',
                              instance.uuid)
            if action:
                compute_utils.notify_about_instance_action(
                    context, instance, host, action,
                    phase=compute_utils.PHASE_ERROR, exception=exc)
            raise
        if action:
            compute_utils.notify_about_instance_action(
                context, instance, host, action,
                phase=compute_utils.PHASE_END)


def current_power_state(manager, instance):
    try:
        return manager.driver.get_info(instance).state
    except exception.InstanceNotFound:
        return power_state.NOSTATE


def _finish(manager, instance, vm_state, expected_task):
    instance.power_state = current_power_state(manager, instance)
    instance.vm_state = vm_state
    instance.task_state = None
    instance.save(expected_task_state=expected_task)


def shutdown_timeouts(clean_shutdown):
    if not clean_shutdown:
        return 0, 0
    return CONF.shutdown_timeout, CONF.compute.shutdown_retry_interval


def stop(manager, context, instance, clean_shutdown=True):
    with instance_task(manager, context, instance, 'stop_instance',
                       ACTION.POWER_OFF):
        timeout, retry = shutdown_timeouts(clean_shutdown)
        manager.driver.power_off(instance, timeout, retry)
        _finish(manager, instance, vm_states.STOPPED,
                task_states.POWERING_OFF)


def start(manager, context, instance):
    with instance_task(manager, context, instance, 'start_instance',
                       ACTION.POWER_ON):
        manager.driver.power_on(context, instance, network_info(instance))
        _finish(manager, instance, vm_states.ACTIVE, task_states.POWERING_ON)


def reboot(manager, context, instance, reboot_type):
    """Reboot; the task moves to ``reboot_started[_hard]`` first."""
    hard = reboot_type == 'HARD'
    pending = (task_states.REBOOT_PENDING_HARD if hard
               else task_states.REBOOT_PENDING)
    started = (task_states.REBOOT_STARTED_HARD if hard
               else task_states.REBOOT_STARTED)
    expected = ((task_states.REBOOTING_HARD, task_states.REBOOTING)
                if hard else (task_states.REBOOTING,))
    with instance_task(manager, context, instance, 'reboot_instance',
                       ACTION.REBOOT, on_error=_set_error):
        instance.task_state = pending
        instance.save(expected_task_state=list(expected))
        instance.task_state = started
        instance.save(expected_task_state=pending)
        manager.driver.reboot(context, instance, network_info(instance),
                              reboot_type)
        _finish(manager, instance, vm_states.ACTIVE, started)


def pause(manager, context, instance):
    with instance_task(manager, context, instance, 'pause_instance',
                       ACTION.PAUSE):
        manager.driver.pause(instance)
        _finish(manager, instance, vm_states.PAUSED, task_states.PAUSING)


def unpause(manager, context, instance):
    with instance_task(manager, context, instance, 'unpause_instance',
                       ACTION.UNPAUSE):
        manager.driver.unpause(instance)
        _finish(manager, instance, vm_states.ACTIVE, task_states.UNPAUSING)


def suspend(manager, context, instance):
    with instance_task(manager, context, instance, 'suspend_instance',
                       ACTION.SUSPEND):
        manager.driver.suspend(context, instance)
        _finish(manager, instance, vm_states.SUSPENDED,
                task_states.SUSPENDING)


def resume(manager, context, instance):
    with instance_task(manager, context, instance, 'resume_instance',
                       ACTION.RESUME):
        manager.driver.resume(context, instance, network_info(instance))
        _finish(manager, instance, vm_states.ACTIVE, task_states.RESUMING)


def soft_delete(manager, context, instance):
    """Stop the guest; the reclaim periodic deletes it later."""
    with instance_task(manager, context, instance, 'soft_delete_instance',
                       ACTION.SOFT_DELETE):
        try:
            manager.driver.soft_delete(instance)
        except NotImplementedError:
            # NOTE: a driver without soft delete just powers off; the
            # guest is kept until reclaimed either way.
            manager.driver.power_off(instance)
        instance.deleted_at = timeutils.utcnow()
        _finish(manager, instance, vm_states.SOFT_DELETED,
                task_states.SOFT_DELETING)


def restore(manager, context, instance):
    with instance_task(manager, context, instance, 'restore_instance',
                       ACTION.RESTORE):
        try:
            manager.driver.restore(instance)
        except NotImplementedError:
            manager.driver.power_on(context, instance,
                                    network_info(instance))
        _finish(manager, instance, vm_states.ACTIVE, task_states.RESTORING)


def queued_deletes_due(context, host):
    """:returns: this host's soft-deleted instances past the reclaim
    interval (none while ``reclaim_instance_interval`` is 0).
    """
    interval = CONF.reclaim_instance_interval
    if interval <= 0:
        return []
    soft_deleted = objects.InstanceList.get_by_filters(
        context, {'vm_state': vm_states.SOFT_DELETED, 'task_state': None,
                  'host': host, 'deleted': False, 'soft_deleted': True},
        expected_attrs=[])
    return [inst for inst in soft_deleted
            if inst.deleted_at is None or
            timeutils.is_older_than(inst.deleted_at, interval)]


def trigger_crash_dump(manager, context, instance):
    with instance_task(manager, context, instance, 'trigger_crash_dump',
                       ACTION.TRIGGER_CRASH_DUMP):
        manager.driver.trigger_crash_dump(instance)


def network_info(instance):
    """:returns: the instance's cached network info ([] without one)."""
    cache = (instance.info_cache
             if instance.obj_attr_is_set('info_cache') else None)
    if cache is None or not cache.obj_attr_is_set('network_info'):
        return []
    return cache.network_info or []
