"""ComputeManager: the RPC endpoint of nova-compute (one per hypervisor).

The manager loads the virt driver, keeps ComputeNode rows and Placement
inventory current, and serves the instance RPC API. Each RPC method is a
thin entry point (a lock, a worker) into its flow module: builds in
:mod:`~nova_clone.compute.build`, deletes in
:mod:`~nova_clone.compute.delete`, power-state sync and restart recovery
in :mod:`~nova_clone.compute.power_sync`.
"""

import contextlib
import threading

from oslo_concurrency import lockutils
from oslo_log import log as logging
import oslo_messaging as messaging

from nova_clone.compute import build
from nova_clone.compute import consoles
from nova_clone.compute import delete
from nova_clone.compute import external_events
from nova_clone.compute import image_actions
from nova_clone.compute import instance_events
from nova_clone.compute import power_actions
from nova_clone.compute import power_sync
from nova_clone.compute import resource_tracker
from nova_clone.compute import shelve
from nova_clone.compute import usage_audit
from nova_clone.compute import vm_states
from nova_clone import concurrency
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone import manager
from nova_clone import objects
from nova_clone.scheduler.client import report
from nova_clone.virt import driver as virt_driver
from nova_clone.virt import event as virtevent
from nova_clone.virt import virtapi

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

BUILD_POOL = 'compute_build'
# NOTE: the pool only runs builds; the semaphore is what bounds them, so
# the pool must never be the tighter limit.
_UNLIMITED_BUILD_WORKERS = 1000


class ComputeVirtAPI(virtapi.VirtAPI):
    """What a driver may ask of the compute manager."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def exit_wait_early(self, events):
        pass

    def wait_for_instance_event(self, instance, event_names, deadline=300,
                                error_callback=None):
        """Context manager: register ``event_names``, wait after the body.

        :param event_names: ``(name, tag)`` pairs, e.g.
            ``[('network-vif-plugged', port_id)]``.
        """
        return self._compute.instance_events.wait_for(
            instance, event_names, deadline=deadline,
            error_callback=error_callback)

    def update_compute_provider_status(self, context, rp_uuid, enabled):
        pass


def instance_lock(uuid):
    """:returns: the lock serialising work on one instance (in-process)."""
    return lockutils.lock(uuid)


class ComputeManager(consoles.ConsolesMixin, manager.Manager):
    """Manages the hypervisor of one host."""

    target = messaging.Target(version='1.6')

    _cleanup_expired_console_tokens = (
        consoles.ConsolesMixin._cleanup_expired_console_tokens)

    def __init__(self, host=None, service_name='compute',
                 compute_driver=None, driver=None):
        """:param compute_driver: entry point name of the virt driver
            (default ``[DEFAULT] compute_driver``).
        :param driver: an already built driver to adopt instead, so a
            restarted service keeps its guests (functional tests).
        """
        super().__init__(host=host, service_name=service_name)
        self.instance_events = instance_events.InstanceEvents()
        self.virtapi = ComputeVirtAPI(self)
        if driver is not None:
            driver.virtapi = self.virtapi
            self.driver = driver
        else:
            self.driver = virt_driver.load_compute_driver(self.virtapi,
                                                          compute_driver)
        self.reportclient = report.SchedulerReportClient()
        self.rt = resource_tracker.ResourceTracker(self.host, self.driver,
                                                   self.reportclient)
        self._compute_task_api = None
        self._service_id = None
        workers = CONF.max_concurrent_builds
        if workers > 0:
            self._build_semaphore = threading.Semaphore(workers)
        else:
            self._build_semaphore = contextlib.nullcontext()
        concurrency.get_pool(BUILD_POOL,
                             size=workers or _UNLIMITED_BUILD_WORKERS)

    @property
    def compute_task_api(self):
        """The conductor's task API (created on first use: RPC is set up
        after the manager).
        """
        if self._compute_task_api is None:
            from nova_clone.conductor import api as conductor_api
            self._compute_task_api = conductor_api.ComputeTaskAPI()
        return self._compute_task_api

    @compute_task_api.setter
    def compute_task_api(self, value):
        self._compute_task_api = value

    # ------------------------------------------------------- lifecycle

    def init_host(self, service_ref=None):
        """Start the driver, listen to its events, recover instances."""
        self.driver.init_host(host=self.host)
        self.driver.register_event_listener(self.handle_events)
        context = nova_context.get_admin_context()
        power_sync.init_instances(self, context)

    def pre_start_hook(self, service_ref=None):
        """Report the nodes before RPC starts, so the host is schedulable."""
        if service_ref is not None:
            self._service_id = service_ref.id
        self.update_available_resource(nova_context.get_admin_context(),
                                       startup=True)

    def cleanup_host(self):
        self.driver.register_event_listener(None)
        self.driver.cleanup_host(host=self.host)

    def handle_events(self, event):
        """Driver event callback (lifecycle events sync power states)."""
        if not isinstance(event, virtevent.LifecycleEvent):
            LOG.debug('Ignoring event %s', event)
            return
        try:
            power_sync.handle_lifecycle_event(self, event)
        except Exception:
            LOG.exception('Failed to handle lifecycle event %s', event)

    # ----------------------------------------------------------- builds

    def build_and_run_instance(self, context, instance, image, request_spec,
                               filter_properties, admin_password=None,
                               injected_files=None, requested_networks=None,
                               security_groups=None,
                               block_device_mapping=None, node=None,
                               limits=None, host_list=None,
                               accel_uuids=None):
        """RPC cast: build ``instance`` on ``node`` in the background.

        Returns at once; the build runs in a worker, one at a time per
        instance and at most ``[DEFAULT] max_concurrent_builds`` at once.

        :returns: the worker's future (tests wait on it; RPC ignores it).
        """
        req = build.BuildRequest(
            context, instance, image, request_spec, filter_properties,
            admin_password=admin_password, injected_files=injected_files,
            requested_networks=requested_networks,
            security_groups=security_groups,
            block_device_mapping=block_device_mapping, node=node,
            limits=limits, host_list=host_list, accel_uuids=accel_uuids)
        return concurrency.spawn_on(BUILD_POOL, self._locked_build, req)

    def _locked_build(self, req):
        with instance_lock(req.instance.uuid), self._build_semaphore:
            result = build.FAILED
            try:
                result = build.do_build_and_run_instance(self, req)
            except Exception:
                LOG.exception('Build of instance %s failed unexpectedly',
                              req.instance.uuid)
            finally:
                self._after_build(req, result)
            return result

    def _after_build(self, req, result):
        node = req.node or req.instance.node
        if result == build.FAILED:
            # NOTE: the instance holds nothing on this host now (its host
            # is cleared); Placement must agree. A reschedule already
            # freed it before asking the conductor.
            try:
                self.reportclient.delete_allocation_for_instance(
                    req.context, req.instance.uuid, force=True)
            except Exception:
                LOG.exception('Could not free the allocation of failed '
                              'build %s', req.instance.uuid)
        if not node:
            return
        if result in (build.FAILED, build.RESCHEDULED):
            if CONF.compute.consecutive_build_service_disable_threshold:
                self.rt.build_failed(node)
        elif result == build.ACTIVE:
            self.rt.build_succeeded(node)

    # ----------------------------------------------------------- delete

    def terminate_instance(self, context, instance, bdms, delete_type=None):
        """RPC cast: destroy the guest and soft-delete the instance."""
        with instance_lock(instance.uuid):
            delete.terminate_instance(self, context, instance, bdms,
                                      delete_type=delete_type)
        self.instance_events.clear(instance.uuid)

    # ---------------------------------------------------- external events

    def external_instance_event(self, context, instances, events):
        """RPC cast: events from Neutron/Cinder/Cyborg via nova-api."""
        external_events.handle_events(self, context, instances, events)

    def host_power_action(self, context, action):
        """RPC call: reboot/shutdown/startup this host (os-hosts)."""
        return self.driver.host_power_action(action)

    def host_maintenance_mode(self, context, host, mode):
        """RPC call: enter or leave maintenance mode (os-hosts)."""
        return self.driver.host_maintenance_mode(host, mode)

    def get_host_uptime(self, context):
        """RPC call: the hypervisor host's uptime line (os-hypervisors)."""
        return self.driver.get_host_uptime()

    # ----------------------------------------------------- server actions

    def stop_instance(self, context, instance, clean_shutdown=True):
        """RPC cast: power off; the instance becomes STOPPED."""
        with instance_lock(instance.uuid):
            power_actions.stop(self, context, instance, clean_shutdown)

    def start_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.start(self, context, instance)

    def reboot_instance(self, context, instance, reboot_type):
        with instance_lock(instance.uuid):
            power_actions.reboot(self, context, instance, reboot_type)

    def pause_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.pause(self, context, instance)

    def unpause_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.unpause(self, context, instance)

    def suspend_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.suspend(self, context, instance)

    def resume_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.resume(self, context, instance)

    def soft_delete_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.soft_delete(self, context, instance)

    def restore_instance(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.restore(self, context, instance)

    def trigger_crash_dump(self, context, instance):
        with instance_lock(instance.uuid):
            power_actions.trigger_crash_dump(self, context, instance)

    def rescue_instance(self, context, instance, rescue_password,
                        rescue_image_ref=None, clean_shutdown=True):
        with instance_lock(instance.uuid):
            image_actions.rescue(self, context, instance, rescue_password,
                                 rescue_image_ref, clean_shutdown)

    def unrescue_instance(self, context, instance):
        with instance_lock(instance.uuid):
            image_actions.unrescue(self, context, instance)

    def rebuild_instance(self, context, instance, new_pass, injected_files,
                         image_ref, orig_image_ref,
                         preserve_ephemeral=False):
        """RPC cast: re-create the guest from its new image."""
        with instance_lock(instance.uuid):
            image_actions.rebuild(self, context, instance, new_pass,
                                  injected_files, image_ref, orig_image_ref,
                                  preserve_ephemeral)

    def snapshot_instance(self, context, instance, image_id):
        # NOTE: not under the instance lock: nova lets a snapshot run
        # beside other work; its task_state keeps actions out.
        image_actions.snapshot(self, context, instance, image_id)

    def backup_instance(self, context, instance, image_id, backup_type,
                        rotation):
        image_actions.backup(self, context, instance, image_id,
                             backup_type, rotation)

    def set_admin_password(self, context, instance, new_pass):
        """RPC call: set the guest's administrator password."""
        with instance_lock(instance.uuid):
            image_actions.set_admin_password(self, context, instance,
                                             new_pass)

    def shelve_instance(self, context, instance, image_id,
                        clean_shutdown=True):
        """RPC cast: snapshot and power off; offload per
        ``shelved_offload_time``."""
        with instance_lock(instance.uuid):
            shelve.shelve(self, context, instance, image_id, clean_shutdown)

    def shelve_offload_instance(self, context, instance,
                                clean_shutdown=True):
        with instance_lock(instance.uuid):
            shelve.shelve_offload(self, context, instance, clean_shutdown)

    def unshelve_instance(self, context, instance, image=None,
                          filter_properties=None, node=None,
                          request_spec=None):
        """RPC cast: spawn an offloaded server here from its snapshot, or
        (``image`` None, still on this host) power it on."""
        with instance_lock(instance.uuid):
            if instance.vm_state == vm_states.SHELVED:
                shelve.start_shelved(self, context, instance)
            else:
                shelve.unshelve(self, context, instance, image,
                                filter_properties, node)

    def get_console_output(self, context, instance, tail_length=None):
        """RPC call: the console log, its last ``tail_length`` lines."""
        output = self.driver.get_console_output(context, instance)
        if isinstance(output, bytes):
            output = output.decode('utf-8', 'replace')
        if tail_length is not None:
            lines = output.split('\n')
            output = '\n'.join(lines[-int(tail_length):]) \
                if int(tail_length) else ''
        return output

    def get_diagnostics(self, context, instance):
        """RPC call: the driver's free-form diagnostics dict."""
        return self.driver.get_diagnostics(instance)

    def get_instance_diagnostics(self, context, instance):
        """RPC call: the driver's standard diagnostics dict."""
        return self.driver.get_instance_diagnostics(instance)

    # --------------------------------------------------------- periodic

    @manager.periodic_task_decorator(
        spacing=CONF.update_resources_interval, run_immediately=False)
    def update_available_resource(self, context, startup=False):
        """Refresh every node's row and inventory (periodic)."""
        for nodename in self.driver.get_available_nodes(refresh=True):
            try:
                self.rt.update_available_resource(
                    context, nodename, service_id=self._service_id,
                    startup=startup)
            except Exception:
                LOG.exception('Error updating resources for node %s',
                              nodename)

    @manager.periodic_task_decorator(
        spacing=CONF.sync_power_state_interval, run_immediately=True)
    def _sync_power_states(self, context):
        """Align DB power states with the hypervisor (periodic)."""
        power_sync.sync_power_states(self, context, lock=instance_lock)

    @manager.periodic_task_decorator(
        spacing=CONF.running_deleted_instance_poll_interval)
    def _cleanup_running_deleted_instances(self, context):
        """Deal with guests of deleted instances (periodic)."""
        power_sync.cleanup_running_deleted_instances(self, context)

    @manager.periodic_task_decorator(
        spacing=CONF.image_cache.manager_interval)
    def _run_image_cache_manager_pass(self, context):
        """Let the driver drop unused cached images (periodic)."""
        if not self.driver.capabilities.get('has_imagecache', False) or \
                CONF.image_cache.manager_interval < 0:
            return
        instances = objects.InstanceList.get_by_host(context, self.host,
                                                     expected_attrs=[])
        self.driver.manage_image_cache(context, instances)

    @manager.periodic_task_decorator
    def _reclaim_queued_deletes(self, context):
        """Delete soft-deleted instances past the interval (periodic)."""
        for instance in power_actions.queued_deletes_due(context,
                                                         self.host):
            LOG.info('Reclaiming soft-deleted instance %s', instance.uuid)
            try:
                self.terminate_instance(context, instance, None)
            except Exception:
                LOG.exception('Reclaiming instance %s failed',
                              instance.uuid)

    @manager.periodic_task_decorator(spacing=CONF.shelved_poll_interval)
    def _poll_shelved_instances(self, context):
        """Offload shelved servers past ``shelved_offload_time``."""
        shelve.offload_due(self, context)

    @manager.periodic_task_decorator
    def _instance_usage_audit(self, context):
        """Audit the last completed usage period once (periodic)."""
        usage_audit.audit_host(context, self.host)

    @manager.periodic_task_decorator
    def _check_instance_build_time(self, context):
        """Fail builds older than ``instance_build_timeout`` (periodic)."""
        build.check_instance_build_time(context, self.host)
