"""The delete flow of nova-compute: destroy the guest, free, soft-delete.

:func:`terminate_instance` runs for each ``terminate_instance`` cast, under
the instance's lock. A guest that never reached the hypervisor (a build
that failed or never started) is not an error: the driver's destroy
tolerates it and the rest of the delete still happens.
"""

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.compute import build
from nova_clone.compute import power_state
from nova_clone.compute import utils as compute_utils
from nova_clone.compute import vm_states
from nova_clone import exception
from nova_clone import objects

LOG = logging.getLogger(__name__)

EVENT_NAME = 'compute_terminate_instance'


def _network_info(instance):
    info_cache = (instance.info_cache
                  if instance.obj_attr_is_set('info_cache') else None)
    if info_cache is None or not info_cache.obj_attr_is_set('network_info'):
        return []
    return info_cache.network_info or []


def _complete_deletion(manager, context, instance):
    """Free the node's usage and the Placement allocation."""
    nodename = instance.node
    if nodename:
        manager.rt.update_usage(context, instance, nodename)
    manager.reportclient.delete_allocation_for_instance(
        context, instance.uuid, force=True)


def _load_flavor(context, instance):
    # NOTE: the node usage and the notifications need the flavor; load it
    # through the conductor now rather than lazily (a compute has no DB).
    if not instance.obj_attr_is_set('flavor'):
        current = objects.Instance.get_by_uuid(context, instance.uuid,
                                               expected_attrs=['flavor'])
        instance.flavor = current.flavor
        instance.obj_reset_changes(['flavor'])


def delete_instance(manager, context, instance, bdms):
    """Destroy the guest and soft-delete the instance.

    :raises: whatever the driver or conductor raise; InstanceNotFound
        when the instance is already gone.
    """
    if bdms is None:
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            context, instance.uuid)
    _load_flavor(context, instance)
    with compute_utils.notify_about_instance_delete(
            context, instance, manager.host, bdms=bdms):
        network_info = _network_info(instance)
        build._shutdown_instance(manager, context, instance, network_info,
                                 bdms=bdms)
        # NOTE: the guest is gone, so a delete that got this far always
        # finishes; no expected task state is checked.
        instance.vm_state = vm_states.DELETED
        instance.task_state = None
        instance.power_state = power_state.NOSTATE
        instance.terminated_at = timeutils.utcnow()
        instance.save()
        # NOTE: the guest's console ports may go to the next guest; its
        # tokens must not open them.
        objects.ConsoleAuthToken.clean_console_auths_for_instance(
            context, instance.uuid)
        _complete_deletion(manager, context, instance)
        # NOTE: only soft-delete the row once the allocation is gone, so a
        # failure leaves something to retry the delete on.
        instance.destroy()


def _refresh_stale_bdms(context, instance, bdms):
    # A volume BDM without a volume id was read before a concurrent
    # attach finished; read them again.
    for bdm in bdms or []:
        if bdm.is_volume and not bdm.volume_id:
            return objects.BlockDeviceMappingList.get_by_instance_uuid(
                context, instance.uuid)
    return bdms


def terminate_instance(manager, context, instance, bdms, delete_type=None):
    """The ``terminate_instance`` RPC: delete, ERROR if that fails.

    :param delete_type: 'delete', 'force_delete' or 'soft_delete' as the
        API recorded it (all delete the same way here).
    """
    with compute_utils.EventReporter(context, EVENT_NAME, manager.host,
                                     instance.uuid):
        bdms = _refresh_stale_bdms(context, instance, bdms)
        try:
            delete_instance(manager, context, instance, bdms)
        except exception.InstanceNotFound:
            LOG.info('Instance %s disappeared during terminate',
                     instance.uuid)
        except Exception:
            LOG.exception('Setting instance %s vm_state to ERROR',
                          instance.uuid)
            build.set_error_state(instance)
            raise
