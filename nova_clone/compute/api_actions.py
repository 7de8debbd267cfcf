"""Server actions as nova-api performs them: check, record, cast.

Each action checks the instance's vm_state/task_state (and its lock)
the way nova does, records an instance action in the instance's cell,
moves the task_state with a compare-and-swap so two racing requests
cannot both start, and casts to the instance's compute host. The REST
layer turns the exceptions raised here into HTTP errors (409 for
InstanceInvalidState and InstanceIsLocked).
"""

import functools

from oslo_log import log as logging

from nova_clone.compute import instance_actions
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone import exception
from nova_clone import objects

LOG = logging.getLogger(__name__)

# NOTE: task states a reboot may start from (a hard reboot also takes over
# a soft reboot in progress), as nova allows them.
_SOFT_REBOOT_TASKS = (None, task_states.REBOOTING,
                      task_states.REBOOT_PENDING, task_states.REBOOT_STARTED)
_HARD_REBOOT_TASKS = tuple(task_states.ALLOW_REBOOT) + (
    task_states.REBOOT_PENDING, task_states.REBOOT_STARTED)


def check_state(instance, method, vm_state=None, task_state=(None,),
                must_have_launched=True):
    """:raises: InstanceInvalidState unless the instance may ``method``."""
    if not instance.obj_attr_is_set('id'):
        # NOTE: still a build request: nothing can act on it yet.
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state)
    if vm_state is not None and instance.vm_state not in vm_state:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state)
    if task_state is not None and instance.task_state not in task_state:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state)
    if must_have_launched and not instance.launched_at:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='launched_at',
            state=instance.launched_at)


def check_lock(context, instance):
    """:raises: InstanceIsLocked when a non-admin acts on a locked server."""
    if instance.locked and not context.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=instance.uuid)


def guarded(method, vm_state=None, task_state=(None,),
            must_have_launched=True, lock=True):
    """Decorate an API method ``f(self, context, instance, ...)``."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, context, instance, *args, **kwargs):
            if lock:
                check_lock(context, instance)
            check_state(instance, method, vm_state=vm_state,
                        task_state=task_state,
                        must_have_launched=must_have_launched)
            return func(self, context, instance, *args, **kwargs)
        return wrapper
    return decorator


def start_task(instance, action, new_task_state, expected=(None,)):
    """Record ``action`` and move to ``new_task_state`` atomically.

    :raises: UnexpectedTaskStateError when another request won the race.
    """
    ctxt = instance._context
    instance.task_state = new_task_state
    instance.save(expected_task_state=list(expected))
    objects.InstanceAction.action_start(ctxt, instance.uuid, action,
                                        want_result=False)


class ActionsMixin(object):
    """The action half of :class:`nova_clone.compute.api.API`."""

    # ------------------------------------------------------------- power

    @guarded('stop', vm_state=(vm_states.ACTIVE, vm_states.ERROR))
    def stop(self, context, instance, clean_shutdown=True):
        start_task(instance, instance_actions.STOP, task_states.POWERING_OFF)
        self.compute_rpcapi.stop_instance(instance._context, instance,
                                          clean_shutdown=clean_shutdown)

    @guarded('start', vm_state=(vm_states.STOPPED,))
    def start(self, context, instance):
        start_task(instance, instance_actions.START, task_states.POWERING_ON)
        self.compute_rpcapi.start_instance(instance._context, instance)

    def reboot(self, context, instance, reboot_type):
        """Soft reboot an ACTIVE server; hard reboot from more states."""
        check_lock(context, instance)
        if reboot_type == 'SOFT':
            check_state(instance, 'reboot',
                        vm_state=vm_states.ALLOW_SOFT_REBOOT,
                        task_state=_SOFT_REBOOT_TASKS)
            if instance.task_state is not None:
                # NOTE: a soft reboot already under way is not restarted.
                raise exception.InstanceInvalidState(
                    method='reboot', instance_uuid=instance.uuid,
                    attr='task_state', state=instance.task_state)
            new_task, expected = task_states.REBOOTING, (None,)
        else:
            check_state(instance, 'reboot',
                        vm_state=vm_states.ALLOW_HARD_REBOOT,
                        task_state=_HARD_REBOOT_TASKS)
            new_task, expected = (task_states.REBOOTING_HARD,
                                  _HARD_REBOOT_TASKS)
        start_task(instance, instance_actions.REBOOT, new_task, expected)
        self.compute_rpcapi.reboot_instance(instance._context, instance,
                                            reboot_type=reboot_type)

    @guarded('pause', vm_state=(vm_states.ACTIVE,))
    def pause(self, context, instance):
        start_task(instance, instance_actions.PAUSE, task_states.PAUSING)
        self.compute_rpcapi.pause_instance(instance._context, instance)

    @guarded('unpause', vm_state=(vm_states.PAUSED,))
    def unpause(self, context, instance):
        start_task(instance, instance_actions.UNPAUSE,
                   task_states.UNPAUSING)
        self.compute_rpcapi.unpause_instance(instance._context, instance)

    @guarded('suspend', vm_state=(vm_states.ACTIVE,))
    def suspend(self, context, instance):
        start_task(instance, instance_actions.SUSPEND,
                   task_states.SUSPENDING)
        self.compute_rpcapi.suspend_instance(instance._context, instance)

    @guarded('resume', vm_state=(vm_states.SUSPENDED,))
    def resume(self, context, instance):
        start_task(instance, instance_actions.RESUME, task_states.RESUMING)
        self.compute_rpcapi.resume_instance(instance._context, instance)

    # ------------------------------------------------------------ rescue

    @guarded('rescue', vm_state=(vm_states.ACTIVE, vm_states.STOPPED,
                                 vm_states.ERROR))
    def rescue(self, context, instance, rescue_password=None,
               rescue_image_ref=None, clean_shutdown=True):
        start_task(instance, instance_actions.RESCUE, task_states.RESCUING)
        self.compute_rpcapi.rescue_instance(
            instance._context, instance, rescue_password=rescue_password,
            rescue_image_ref=rescue_image_ref,
            clean_shutdown=clean_shutdown)

    @guarded('unrescue', vm_state=(vm_states.RESCUED,))
    def unrescue(self, context, instance):
        start_task(instance, instance_actions.UNRESCUE,
                   task_states.UNRESCUING)
        self.compute_rpcapi.unrescue_instance(instance._context, instance)

    # -------------------------------------------------------- passwords

    @guarded('set_admin_password', vm_state=(vm_states.ACTIVE,))
    def set_admin_password(self, context, instance, password):
        """Call the host; :raises: NotImplementedError, SetAdminPasswdFailed
        """
        start_task(instance, instance_actions.CHANGE_PASSWORD,
                   task_states.UPDATING_PASSWORD)
        self.compute_rpcapi.set_admin_password(instance._context, instance,
                                               password)

    # -------------------------------------------------- admin overrides

    @staticmethod
    def reset_state(context, instance, vm_state):
        """Force vm_state (active or error) and clear the task."""
        objects.InstanceAction.action_start(
            instance._context, instance.uuid, instance_actions.RESET_STATE,
            want_result=False)
        instance.vm_state = vm_state
        instance.task_state = None
        instance.save(admin_state_reset=True)

    @staticmethod
    def lock(context, instance, reason=None):
        """Lock a server; the caller is recorded as owner or admin."""
        is_owner = instance.project_id == context.project_id
        locked_by = 'owner' if is_owner else 'admin'
        objects.InstanceAction.action_start(
            instance._context, instance.uuid, instance_actions.LOCK,
            want_result=False)
        instance.locked = True
        instance.locked_by = locked_by
        if reason:
            # NOTE: assigned, not mutated, so save() sees the change.
            instance.system_metadata = dict(instance.system_metadata or {},
                                            locked_reason=reason)
        instance.save()

    @staticmethod
    def unlock(context, instance):
        objects.InstanceAction.action_start(
            instance._context, instance.uuid, instance_actions.UNLOCK,
            want_result=False)
        instance.locked = False
        instance.locked_by = None
        sysmeta = dict(instance.system_metadata or {})
        if sysmeta.pop('locked_reason', None) is not None:
            instance.system_metadata = sysmeta
        instance.save()

    # ----------------------------------------------------------- reads

    @staticmethod
    def _check_host(instance, method):
        if not instance.obj_attr_is_set('id') or not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)

    def get_console_output(self, context, instance, tail_length=None):
        """:returns: the guest's console log (its last ``tail_length``
        lines).
        """
        self._check_host(instance, 'get_console_output')
        return self.compute_rpcapi.get_console_output(
            instance._context, instance, tail_length)

    def get_instance_diagnostics(self, context, instance):
        """:returns: the driver's standard diagnostics dict (2.48)."""
        self._check_host(instance, 'get_instance_diagnostics')
        check_state(instance, 'get_instance_diagnostics',
                    vm_state=(vm_states.ACTIVE,), task_state=None,
                    must_have_launched=False)
        return self.compute_rpcapi.get_instance_diagnostics(
            instance._context, instance)

    def get_diagnostics(self, context, instance):
        """:returns: the driver's free-form diagnostics (before 2.48)."""
        self._check_host(instance, 'get_diagnostics')
        check_state(instance, 'get_diagnostics',
                    vm_state=(vm_states.ACTIVE,), task_state=None,
                    must_have_launched=False)
        return self.compute_rpcapi.get_diagnostics(instance._context,
                                                   instance)

    @guarded('trigger_crash_dump', vm_state=(vm_states.ACTIVE,),
             task_state=(None,))
    def trigger_crash_dump(self, context, instance):
        objects.InstanceAction.action_start(
            instance._context, instance.uuid,
            instance_actions.TRIGGER_CRASH_DUMP, want_result=False)
        self.compute_rpcapi.trigger_crash_dump(instance._context, instance)
