"""Power-state sync: make the database agree with the hypervisor.

The ``_sync_power_states`` periodic task and the driver's lifecycle
events both end in :func:`sync_instance_power_state`, which follows
nova's rules: the hypervisor's power state is always copied to the
database; then an ACTIVE instance found off is stopped, a STOPPED one
found running is powered off again, and other mismatches are logged.
nova asks the compute API to stop the instance; nova_clone's compute does
the same stop locally (task ``powering-off``, an instance action
``stop``, ``instance.power_off`` notifications, vm_state STOPPED).
"""

from oslo_log import log as logging

from nova_clone.compute import instance_actions
from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone.compute import utils as compute_utils
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone import objects
from nova_clone.virt import event as virtevent

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

STOP_EVENT_NAME = 'compute_stop_instance'

# The power state each lifecycle transition means.
LIFECYCLE_POWER_STATES = {
    virtevent.EVENT_LIFECYCLE_STOPPED: power_state.SHUTDOWN,
    virtevent.EVENT_LIFECYCLE_STARTED: power_state.RUNNING,
    virtevent.EVENT_LIFECYCLE_PAUSED: power_state.PAUSED,
    virtevent.EVENT_LIFECYCLE_RESUMED: power_state.RUNNING,
    virtevent.EVENT_LIFECYCLE_SUSPENDED: power_state.SUSPENDED,
    virtevent.EVENT_LIFECYCLE_POSTCOPY_STARTED: power_state.PAUSED,
    virtevent.EVENT_LIFECYCLE_MIGRATION_COMPLETED: power_state.PAUSED,
}

# What the sync loads with each instance: a stop sends notifications, and
# their payload needs the flavor and metadata.
SYNC_ATTRS = ['flavor', 'metadata', 'system_metadata', 'info_cache']

# vm_states whose power state mismatches are left alone.
_IGNORED_VM_STATES = (vm_states.BUILDING, vm_states.RESCUED,
                      vm_states.RESIZED, vm_states.SUSPENDED,
                      vm_states.ERROR)


def driver_power_state(driver, instance):
    """:returns: the guest's power state, NOSTATE when it is missing."""
    try:
        return driver.get_info(instance).state
    except exception.InstanceNotFound:
        return power_state.NOSTATE


def stop_instance(manager, context, instance, force=False):
    """Power the guest off and mark the instance STOPPED.

    :param force: stop an instance already STOPPED in the database
        (nova's ``force_stop``).
    """
    expected_vm = None if force else [vm_states.ACTIVE, vm_states.ERROR,
                                      vm_states.SUSPENDED]
    instance.task_state = task_states.POWERING_OFF
    instance.save(expected_task_state=[None], expected_vm_state=expected_vm)
    try:
        objects.InstanceAction.action_start(
            context, instance.uuid, instance_actions.STOP, want_result=False)
    except Exception:
        LOG.exception('Could not record the stop action of %s',
                      instance.uuid)
    action = notif_fields.NotificationAction.POWER_OFF
    with compute_utils.EventReporter(context, STOP_EVENT_NAME, manager.host,
                                     instance.uuid):
        compute_utils.notify_about_instance_action(
            context, instance, manager.host, action,
            phase=compute_utils.PHASE_START)
        manager.driver.power_off(instance, CONF.shutdown_timeout,
                                 CONF.compute.shutdown_retry_interval)
        instance.power_state = driver_power_state(manager.driver, instance)
        instance.vm_state = vm_states.STOPPED
        instance.task_state = None
        instance.save(expected_task_state=task_states.POWERING_OFF)
        compute_utils.notify_about_instance_action(
            context, instance, manager.host, action,
            phase=compute_utils.PHASE_END)
    try:
        objects.InstanceAction.action_finish(context, instance.uuid,
                                             want_result=False)
    except exception.InstanceActionNotFound:
        pass


def _stop(manager, context, instance, force=False):
    try:
        stop_instance(manager, context, instance, force=force)
    except exception.InstanceNotFound:
        pass
    except Exception:
        LOG.exception('Error stopping instance %s', instance.uuid)


def sync_instance_power_state(manager, context, instance, vm_power_state):
    """Reconcile one instance with the power state the driver reports.

    :param instance: the instance (refreshed here from the database).
    :param vm_power_state: what the hypervisor says.
    """
    instance.refresh()
    vm_state = instance.vm_state
    if instance.host != manager.host:
        LOG.info('During the sync_power process instance %s has moved '
                 'from host %s to host %s', instance.uuid, manager.host,
                 instance.host)
        return
    if instance.task_state is not None:
        LOG.info('During sync_power_state the instance %s has a pending '
                 'task (%s). Skip.', instance.uuid, instance.task_state)
        return
    if vm_power_state != instance.power_state:
        LOG.info('During _sync_instance_power_state the DB power_state '
                 '(%s) of %s does not match the vm_power_state from the '
                 'hypervisor (%s). Updating power_state in the DB to match '
                 'the hypervisor.', instance.power_state, instance.uuid,
                 vm_power_state)
        instance.power_state = vm_power_state
        instance.save()
    if vm_state in _IGNORED_VM_STATES:
        return
    if vm_state == vm_states.ACTIVE:
        _sync_active(manager, context, instance, vm_power_state)
    elif vm_state == vm_states.STOPPED:
        if vm_power_state not in (power_state.NOSTATE, power_state.SHUTDOWN,
                                  power_state.CRASHED):
            LOG.warning('Instance %s is not stopped. Calling the stop API. '
                        'Current vm_state: %s, current task_state: %s, '
                        'original DB power_state: %s, current VM '
                        'power_state: %s', instance.uuid, vm_state,
                        instance.task_state, instance.power_state,
                        vm_power_state)
            _stop(manager, context, instance, force=True)
    elif vm_state == vm_states.PAUSED:
        if vm_power_state in (power_state.SHUTDOWN, power_state.CRASHED):
            LOG.warning('Paused instance %s shutdown by itself. Calling '
                        'the stop API.', instance.uuid)
            _stop(manager, context, instance, force=True)
    elif vm_state in (vm_states.SOFT_DELETED, vm_states.DELETED):
        if vm_power_state not in (power_state.NOSTATE,
                                  power_state.SHUTDOWN):
            # NOTE: the running-deleted cleanup deals with these.
            LOG.warning('Instance %s is not (soft-)deleted.', instance.uuid)


def _sync_active(manager, context, instance, vm_power_state):
    if vm_power_state in (power_state.SHUTDOWN, power_state.CRASHED):
        LOG.warning('Instance %s shutdown by itself. Calling the stop API.',
                    instance.uuid)
        if instance.shutdown_terminate:
            _terminate_locally(manager, context, instance)
        else:
            _stop(manager, context, instance)
    elif vm_power_state == power_state.SUSPENDED:
        LOG.warning('Instance %s is suspended unexpectedly. Calling the '
                    'stop API.', instance.uuid)
        _stop(manager, context, instance)
    elif vm_power_state == power_state.PAUSED:
        # NOTE: external tools pause guests for a while; ignore it.
        LOG.warning('Instance %s is paused unexpectedly. Ignore.',
                    instance.uuid)
    elif vm_power_state == power_state.NOSTATE:
        # NOTE: a hypervisor that restarts may not list the guest for a
        # while; only log it.
        LOG.warning('Instance %s is unexpectedly not found. Ignore.',
                    instance.uuid)


def _terminate_locally(manager, context, instance):
    # shutdown_terminate: a guest that shut itself down is deleted.
    from nova_clone.compute import delete
    try:
        instance.task_state = task_states.DELETING
        instance.save(expected_task_state=[None])
        objects.InstanceAction.action_start(
            context, instance.uuid, instance_actions.DELETE,
            want_result=False)
        delete.terminate_instance(manager, context, instance, None)
    except exception.InstanceNotFound:
        pass
    except Exception:
        LOG.exception('Error deleting instance %s', instance.uuid)


def query_driver_power_state_and_sync(manager, context, instance):
    """Sync one instance unless a task is running on it."""
    if instance.task_state is not None:
        LOG.info('During sync_power_state the instance %s has a pending '
                 'task (%s). Skip.', instance.uuid, instance.task_state)
        return
    vm_power_state = driver_power_state(manager.driver, instance)
    try:
        sync_instance_power_state(manager, context, instance,
                                  vm_power_state)
    except exception.InstanceNotFound:
        # NOTE: deleted meanwhile; nothing to sync.
        pass


def sync_power_states(manager, context, lock=None):
    """One run of the ``_sync_power_states`` periodic task.

    :param lock: ``lock(uuid)`` returning a context manager that
        serialises work on one instance (the manager's instance lock).
    """
    db_instances = objects.InstanceList.get_by_host(
        context, manager.host, expected_attrs=SYNC_ATTRS)
    try:
        num_vm_instances = len(manager.driver.list_instance_uuids())
    except NotImplementedError:
        num_vm_instances = None
    if num_vm_instances is not None and \
            num_vm_instances != len(db_instances):
        LOG.warning('While synchronizing instance power states, found %d '
                    'instances in the database and %d instances on the '
                    'hypervisor.', len(db_instances), num_vm_instances)
    for instance in db_instances:
        try:
            if lock is None:
                query_driver_power_state_and_sync(manager, context,
                                                  instance)
            else:
                with lock(instance.uuid):
                    query_driver_power_state_and_sync(manager, context,
                                                      instance)
        except Exception:
            LOG.exception('Periodic sync_power_state task had an error '
                          'while processing instance %s', instance.uuid)


def handle_lifecycle_event(manager, event):
    """Sync the instance an event is about, if the event is current."""
    from nova_clone import context as nova_context
    vm_power_state = LIFECYCLE_POWER_STATES.get(event.get_transition())
    if vm_power_state is None:
        return
    context = nova_context.get_admin_context(read_deleted='yes')
    try:
        instance = objects.Instance.get_by_uuid(
            context, event.get_instance_uuid(), expected_attrs=SYNC_ATTRS)
    except exception.InstanceNotFound:
        return
    if instance.host != manager.host or instance.task_state is not None:
        return
    # NOTE: a late event may describe a state the guest already left.
    if driver_power_state(manager.driver, instance) != vm_power_state:
        return
    sync_instance_power_state(manager, context, instance, vm_power_state)


# ------------------------------------------------------ service restart

def _interrupted_build(context, instance):
    from nova_clone.compute import build
    LOG.debug('Instance %s failed to spawn correctly (the compute service '
              'restarted), setting to ERROR state', instance.uuid)
    exc = exception.BuildAbortException(
        instance_uuid=instance.uuid,
        reason='the compute service restarted during the build')
    try:
        compute_utils.add_instance_fault_from_exc(context, instance, exc)
    except exception.InstanceNotFound:
        return
    build.set_error_state(instance)


def init_instance(manager, context, instance):
    """Recover one instance of this host after a service restart."""
    from nova_clone.compute import delete
    if (instance.vm_state == vm_states.SOFT_DELETED or
            (instance.vm_state == vm_states.ERROR and
             instance.task_state != task_states.DELETING)):
        LOG.debug('Instance %s is in %s state.', instance.uuid,
                  instance.vm_state)
        return
    if (instance.vm_state == vm_states.BUILDING or
            instance.task_state in task_states.BUILD_STATES):
        _interrupted_build(context, instance)
        return
    if instance.vm_state == vm_states.DELETED or \
            instance.task_state == task_states.DELETING:
        LOG.info('Service started deleting instance %s during the '
                 'previous run, but did not finish. Restarting the '
                 'deletion now.', instance.uuid)
        try:
            delete.delete_instance(manager, context, instance, None)
        except Exception:
            # NOTE: one broken instance must not keep the service down.
            LOG.exception('Failed to complete a deletion of %s',
                          instance.uuid)
        return
    if instance.task_state in (task_states.POWERING_OFF,):
        LOG.info('Instance %s was being stopped; finishing the stop',
                 instance.uuid)
        instance.task_state = None
        instance.save()
        _stop(manager, context, instance, force=True)
        return
    drv_state = driver_power_state(manager.driver, instance)
    if instance.power_state != drv_state:
        LOG.debug('Current state of %s is %s, state in DB is %s.',
                  instance.uuid, drv_state, instance.power_state)
        instance.power_state = drv_state
        instance.save()


def init_instances(manager, context):
    """Recover every instance the database puts on this host, then the
    guests the database says are deleted.
    """
    instances = objects.InstanceList.get_by_host(
        context, manager.host, expected_attrs=SYNC_ATTRS)
    for instance in instances:
        try:
            init_instance(manager, context, instance)
        except Exception:
            LOG.exception('Failed to initialise instance %s',
                          instance.uuid)
    cleanup_running_deleted_instances(
        manager, context, known={i.uuid for i in instances})


def cleanup_running_deleted_instances(manager, context, known=None):
    """Act on guests whose instances are deleted in the database.

    ``[DEFAULT] running_deleted_instance_action`` says what to do:
    ``reap`` (destroy), ``shutdown`` (power off), ``log`` or ``noop``.

    :param known: uuids of live instances of this host (looked up when
        None).
    """
    action = CONF.running_deleted_instance_action
    if action == 'noop':
        return
    try:
        guest_uuids = manager.driver.list_instance_uuids()
    except NotImplementedError:
        return
    if known is None:
        known = set(objects.InstanceList.get_uuids_by_host(context,
                                                           manager.host))
    deleted_ctxt = context.elevated(read_deleted='only')
    for uuid in guest_uuids:
        if uuid in known:
            continue
        try:
            instance = objects.Instance.get_by_uuid(
                deleted_ctxt, uuid, expected_attrs=['info_cache'])
        except exception.InstanceNotFound:
            LOG.debug('Guest %s has no deleted instance; left alone', uuid)
            continue
        if action == 'log':
            LOG.warning('Detected instance %s running on the hypervisor '
                        'although it is deleted', uuid)
        elif action == 'shutdown':
            LOG.info('Powering off deleted instance %s', uuid)
            manager.driver.power_off(instance)
        elif action == 'reap':
            LOG.info('Destroying deleted instance %s', uuid)
            manager.driver.destroy(context, instance, [])
