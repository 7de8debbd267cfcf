"""The build flow of nova-compute: claim, network, disks, spawn.

:func:`do_build_and_run_instance` is what ComputeManager runs (in a worker,
under the instance's lock and the build semaphore) for each
``build_and_run_instance`` cast. It returns one of :data:`ACTIVE`,
:data:`FAILED` or :data:`RESCHEDULED`; the manager turns that into the
node's build-failure stats and, on failure, frees the Placement
allocation.

State changes follow nova's: ``scheduling`` → (none) → ``networking`` →
``block_device_mapping`` → ``spawning`` → ACTIVE, each written as a
compare-and-swap on the expected task state so a concurrent delete wins.
"""

import contextlib
import traceback

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone.compute import utils as compute_utils
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

ACTIVE = 'active'
FAILED = 'failed'
RESCHEDULED = 'rescheduled'

EVENT_NAME = 'compute__do_build_and_run_instance'

# NOTE: the root disk name the fake and libvirt drivers get when the
# request named none (nova's default for a first disk).
DEFAULT_ROOT_DEVICE_NAME = '/dev/sda'

# Errors that mean "this request cannot be built anywhere": no reschedule.
_ABORT_ERRORS = (exception.InstanceExists,)
# Errors that mean the instance was deleted while it was being built.
_DELETED_ERRORS = (exception.InstanceNotFound,
                   exception.UnexpectedDeletingTaskStateError)


class BuildRequest(object):
    """The arguments of one ``build_and_run_instance`` cast."""

    def __init__(self, context, instance, image, request_spec,
                 filter_properties, admin_password=None, injected_files=None,
                 requested_networks=None, security_groups=None,
                 block_device_mapping=None, node=None, limits=None,
                 host_list=None, accel_uuids=None):
        self.context = context
        self.instance = instance
        self.image = image or {}
        self.request_spec = request_spec
        self.filter_properties = filter_properties or {}
        self.admin_password = admin_password
        self.injected_files = injected_files or []
        self.requested_networks = requested_networks
        self.security_groups = security_groups
        self.block_device_mapping = block_device_mapping
        self.node = node
        self.limits = limits
        self.host_list = host_list
        self.accel_uuids = accel_uuids


# ---------------------------------------------------------------- helpers

def set_error_state(instance):
    """ERROR, no task; a deleted instance is left alone."""
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    try:
        instance.save()
    except exception.InstanceNotFound:
        LOG.debug('Instance %s was deleted; not set to ERROR',
                  instance.uuid)


def _nil_out_host_and_node(instance):
    instance.host = None
    instance.node = None
    instance.compute_id = None


def _notify_create(manager, req, phase, exc=None):
    compute_utils.notify_about_instance_create(
        req.context, req.instance, manager.host, phase=phase, exception=exc,
        bdms=req.block_device_mapping)


def _allocate_network(manager, req):
    """:returns: the instance's network info, saved in its info cache.

    NOTE: Neutron is not wired into nova_clone yet. Without a
    ``[neutron]`` endpoint or credentials the instance boots with no
    networks (what nova does for ``networks: none``); with them we still
    boot without networks, and say so.
    """
    instance = req.instance
    instance.vm_state = vm_states.BUILDING
    instance.task_state = task_states.NETWORKING
    instance.save(expected_task_state=[None])
    if CONF.neutron.auth_type or CONF.neutron.endpoint_override:
        LOG.warning('Instance %s: Neutron port binding is not available '
                    'yet; booting without networks', instance.uuid)
    network_info = []
    info_cache = (instance.info_cache
                  if instance.obj_attr_is_set('info_cache') else None)
    if info_cache is None:
        info_cache = objects.InstanceInfoCache.new(req.context,
                                                   instance.uuid)
    info_cache.network_info = network_info
    info_cache.save()
    instance.info_cache = info_cache
    instance.obj_reset_changes(['info_cache'])
    return network_info


def _block_device_info(instance, bdms):
    """:returns: the driver's view of the instance's block devices.

    :raises: BuildAbortException for volumes (Cinder is not wired yet).
    """
    info = {'root_device_name': instance.root_device_name,
            'ephemerals': [], 'block_device_mapping': [], 'swap': None}
    for bdm in bdms:
        if bdm.is_volume:
            raise exception.BuildAbortException(
                instance_uuid=instance.uuid,
                reason=_('volume block devices are not supported by this '
                         'compute service yet'))
        if bdm.source_type != 'blank' or bdm.destination_type != 'local':
            continue
        disk = {'device_name': bdm.device_name,
                'size': bdm.volume_size or 0,
                'guest_format': bdm.guest_format,
                'disk_bus': bdm.disk_bus, 'device_type': bdm.device_type}
        if bdm.guest_format == 'swap':
            info['swap'] = disk
        else:
            disk['num'] = len(info['ephemerals'])
            info['ephemerals'].append(disk)
    return info


def _prep_block_devices(req):
    instance = req.instance
    bdms = req.block_device_mapping
    if bdms is None:
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            req.context, instance.uuid)
        req.block_device_mapping = bdms
    root = next((bdm for bdm in bdms if bdm.boot_index == 0), None)
    if not instance.root_device_name:
        instance.root_device_name = (
            root.device_name if root is not None and root.device_name
            else DEFAULT_ROOT_DEVICE_NAME)
    if root is not None and not root.device_name:
        root.device_name = instance.root_device_name
        root.save()
    instance.vm_state = vm_states.BUILDING
    instance.task_state = task_states.BLOCK_DEVICE_MAPPING
    instance.save()
    return _block_device_info(instance, bdms)


def _shutdown_instance(manager, context, instance, network_info,
                       block_device_info=None, bdms=None):
    """Destroy the guest, with instance.shutdown.start/end around it."""
    action = notif_fields.NotificationAction.SHUTDOWN
    compute_utils.notify_about_instance_action(
        context, instance, manager.host, action,
        phase=compute_utils.PHASE_START, bdms=bdms)
    manager.driver.destroy(context, instance, network_info,
                           block_device_info=block_device_info)
    compute_utils.notify_about_instance_action(
        context, instance, manager.host, action,
        phase=compute_utils.PHASE_END, bdms=bdms)


@contextlib.contextmanager
def _build_resources(manager, req):
    """Networks and block devices for the guest; cleaned up on failure."""
    context, instance = req.context, req.instance
    try:
        network_info = _allocate_network(manager, req)
        block_device_info = _prep_block_devices(req)
    except _DELETED_ERRORS:
        raise
    except exception.BuildAbortException:
        raise
    except Exception as e:
        LOG.exception('Failure preparing resources of instance %s',
                      instance.uuid)
        raise exception.BuildAbortException(instance_uuid=instance.uuid,
                                            reason=str(e))
    try:
        yield network_info, block_device_info
    except Exception as exc:
        if not isinstance(exc, _DELETED_ERRORS):
            LOG.exception('Instance %s failed to spawn', instance.uuid)
        try:
            _shutdown_instance(manager, context, instance, network_info,
                               block_device_info,
                               bdms=req.block_device_mapping)
        except Exception as cleanup_exc:
            LOG.warning('Could not clean up failed build of %s, not '
                        'rescheduling: %s', instance.uuid, cleanup_exc)
            raise exception.BuildAbortException(
                instance_uuid=instance.uuid, reason=str(exc)) from exc
        finally:
            manager.driver.failed_spawn_cleanup(instance)
        raise


# ------------------------------------------------------------ the build

def _spawn(manager, req, allocations):
    """Build inside the claim; raises what the caller must handle."""
    context, instance = req.context, req.instance
    image_meta = objects.ImageMeta.from_dict(req.image)
    with _build_resources(manager, req) as (network_info, bdi):
        instance.vm_state = vm_states.BUILDING
        instance.task_state = task_states.SPAWNING
        instance.save(
            expected_task_state=task_states.BLOCK_DEVICE_MAPPING)
        with timeutils.StopWatch() as timer:
            manager.driver.spawn(
                context, instance, image_meta, req.injected_files,
                req.admin_password, allocations,
                network_info=network_info, block_device_info=bdi,
                accel_info=[])
        LOG.info('Took %0.2f seconds to spawn the instance %s on the '
                 'hypervisor.', timer.elapsed(), instance.uuid)


def _build_and_run_instance(manager, req):
    """Claim, spawn and activate; converts errors as nova does.

    :raises: RescheduledException (try another host), BuildAbortException
        (give up), InstanceNotFound / UnexpectedDeletingTaskStateError
        (deleted meanwhile).
    """
    context, instance = req.context, req.instance
    _notify_create(manager, req, compute_utils.PHASE_START)
    try:
        allocations = manager.reportclient.get_allocations_for_consumer(
            context, instance.uuid)
        with manager.rt.instance_claim(context, instance, req.node,
                                       allocations, req.limits):
            _spawn(manager, req, allocations)
    except exception.ComputeResourcesUnavailable as e:
        LOG.debug(e.format_message())
        _notify_create(manager, req, compute_utils.PHASE_ERROR, e)
        raise exception.RescheduledException(
            instance_uuid=instance.uuid, reason=e.format_message())
    except (exception.BuildAbortException,) + _DELETED_ERRORS as e:
        _notify_create(manager, req, compute_utils.PHASE_ERROR, e)
        raise
    except _ABORT_ERRORS as e:
        _notify_create(manager, req, compute_utils.PHASE_ERROR, e)
        raise exception.BuildAbortException(
            instance_uuid=instance.uuid, reason=e.format_message()) from e
    except Exception as e:
        _notify_create(manager, req, compute_utils.PHASE_ERROR, e)
        raise exception.RescheduledException(
            instance_uuid=instance.uuid, reason=str(e)) from e

    instance.power_state = _power_state(manager, instance)
    instance.vm_state = vm_states.ACTIVE
    instance.task_state = None
    instance.launched_at = timeutils.utcnow()
    try:
        instance.save(expected_task_state=task_states.SPAWNING)
    except _DELETED_ERRORS as e:
        _notify_create(manager, req, compute_utils.PHASE_ERROR, e)
        raise
    _notify_create(manager, req, compute_utils.PHASE_END)


def _power_state(manager, instance):
    try:
        return manager.driver.get_info(instance).state
    except exception.InstanceNotFound:
        return power_state.NOSTATE


def _reschedule(manager, req, exc):
    """Hand the build back to the conductor for an alternate host."""
    context, instance = req.context, req.instance
    retry = req.filter_properties['retry']
    LOG.debug(exc.format_message())
    # NOTE: the conductor counts the attempt and records the host; the
    # compute only says why it failed (logged by the conductor).
    retry['exc'] = traceback.format_exception(type(exc), exc,
                                              exc.__traceback__)
    retry['exc_reason'] = exc.kwargs['reason']
    _nil_out_host_and_node(instance)
    instance.task_state = task_states.SCHEDULING
    instance.save()
    # NOTE: free this host's allocation before the conductor claims an
    # alternate, so Placement never counts the instance twice.
    manager.reportclient.delete_allocation_for_instance(
        context, instance.uuid, force=True)
    host_lists = [req.host_list] if req.host_list is not None else None
    manager.compute_task_api.build_instances(
        context, [instance], req.image, req.filter_properties,
        req.admin_password, req.injected_files, req.requested_networks,
        req.security_groups, req.block_device_mapping,
        request_spec=req.request_spec, host_lists=host_lists)
    return RESCHEDULED


def _fail(req, exc, fault_message=None):
    instance = req.instance
    try:
        compute_utils.add_instance_fault_from_exc(
            req.context, instance, exc, compute_utils.exc_info_of(exc),
            fault_message=fault_message)
    except exception.InstanceNotFound:
        LOG.debug('Instance %s vanished before its fault was recorded',
                  instance.uuid)
    _nil_out_host_and_node(instance)
    set_error_state(instance)
    return FAILED


def _do_build(manager, req, reporter):
    instance = req.instance
    try:
        instance.vm_state = vm_states.BUILDING
        instance.task_state = None
        instance.save(expected_task_state=(task_states.SCHEDULING, None))
    except _DELETED_ERRORS:
        LOG.debug('Instance %s was deleted before its build started',
                  instance.uuid)
        return FAILED
    except exception.UnexpectedTaskStateError as e:
        LOG.debug(e.format_message())
        return FAILED
    try:
        _build_and_run_instance(manager, req)
        return ACTIVE
    except exception.RescheduledException as e:
        reporter.record_failure(e)
        if not req.filter_properties.get('retry'):
            LOG.debug('Retry info not present, will not reschedule %s',
                      instance.uuid)
            return _fail(req, e, fault_message=e.kwargs['reason'])
        return _reschedule(manager, req, e)
    except _DELETED_ERRORS:
        LOG.debug('Instance %s disappeared during build', instance.uuid)
        return FAILED
    except Exception as e:
        reporter.record_failure(e)
        if isinstance(e, exception.BuildAbortException):
            LOG.error(e.format_message())
        else:
            LOG.exception('Unexpected build failure of %s, not '
                          'rescheduling', instance.uuid)
        return _fail(req, e)


def do_build_and_run_instance(manager, req):
    """Build one instance; :returns: ACTIVE, FAILED or RESCHEDULED.

    :param manager: the ComputeManager (driver, rt, reportclient,
        compute_task_api, host).
    :param req: a :class:`BuildRequest`.
    """
    with compute_utils.EventReporter(req.context, EVENT_NAME, manager.host,
                                     req.instance.uuid) as reporter:
        return _do_build(manager, req, reporter)


def check_instance_build_time(context, host):
    """Set instances stuck in BUILDING past the timeout to ERROR.

    ``[DEFAULT] instance_build_timeout`` (0 disables) bounds a build; a
    fault says why the instance failed.
    """
    timeout = CONF.instance_build_timeout
    if timeout == 0:
        return
    building = objects.InstanceList.get_by_filters(
        context, {'vm_state': vm_states.BUILDING, 'host': host,
                  'deleted': False}, expected_attrs=[])
    for instance in building:
        if instance.created_at and timeutils.is_older_than(
                instance.created_at, timeout):
            LOG.warning('Instance %s build timed out. Set to error state.',
                        instance.uuid)
            exc = exception.InstanceBuildTimeout(
                instance_uuid=instance.uuid, timeout=timeout)
            try:
                compute_utils.add_instance_fault_from_exc(context, instance,
                                                          exc)
            except exception.InstanceNotFound:
                continue
            set_error_state(instance)
