"""The ComputeDriver interface every hypervisor driver implements."""

import importlib.metadata

from oslo_log import log as logging
import os_traits
import stevedore
from stevedore import exception as stevedore_exc

from nova_clone import conf as nova_conf
from nova_clone.exception import virt as virt_exc
from nova_clone.virt import event as virtevent

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

DRIVER_NAMESPACE = 'nova_clone.virt.drivers'


class InstanceInfo(object):
    """What a driver knows about one guest (see :meth:`get_info`)."""

    def __init__(self, state, internal_id=None):
        """:param state: a :mod:`nova_clone.compute.power_state` value.
        :param internal_id: the hypervisor's own id for the guest.
        """
        self.state = state
        self.internal_id = internal_id

    def __eq__(self, other):
        return (isinstance(other, InstanceInfo) and
                self.__dict__ == other.__dict__)

    def __repr__(self):
        return 'InstanceInfo(state=%r, internal_id=%r)' % (
            self.state, self.internal_id)


# Capabilities that the resource tracker publishes as standard traits on
# the compute node provider (so flavors and images can require them). Every
# value must exist in os-traits.
CAPABILITY_TRAITS_MAP = {
    'supports_attach_interface': os_traits.COMPUTE_NET_ATTACH_INTERFACE,
    'supports_device_tagging': os_traits.COMPUTE_DEVICE_TAGGING,
    'supports_tagged_attach_interface':
        os_traits.COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG,
    'supports_tagged_attach_volume': os_traits.COMPUTE_VOLUME_ATTACH_WITH_TAG,
    'supports_extend_volume': os_traits.COMPUTE_VOLUME_EXTEND,
    'supports_multiattach': os_traits.COMPUTE_VOLUME_MULTI_ATTACH,
    'supports_trusted_certs': os_traits.COMPUTE_TRUSTED_CERTS,
    'supports_accelerators': os_traits.COMPUTE_ACCELERATORS,
    'supports_migrate_to_same_host': os_traits.COMPUTE_SAME_HOST_COLD_MIGRATE,
    'supports_bfv_rescue': os_traits.COMPUTE_RESCUE_BFV,
    'supports_secure_boot': os_traits.COMPUTE_SECURITY_UEFI_SECURE_BOOT,
    'supports_socket_pci_numa_affinity':
        os_traits.COMPUTE_SOCKET_PCI_NUMA_AFFINITY,
    'supports_remote_managed_ports': os_traits.COMPUTE_REMOTE_MANAGED_PORTS,
    'supports_image_type_aki': os_traits.COMPUTE_IMAGE_TYPE_AKI,
    'supports_image_type_ami': os_traits.COMPUTE_IMAGE_TYPE_AMI,
    'supports_image_type_ari': os_traits.COMPUTE_IMAGE_TYPE_ARI,
    'supports_image_type_iso': os_traits.COMPUTE_IMAGE_TYPE_ISO,
    'supports_image_type_qcow2': os_traits.COMPUTE_IMAGE_TYPE_QCOW2,
    'supports_image_type_raw': os_traits.COMPUTE_IMAGE_TYPE_RAW,
    'supports_image_type_vdi': os_traits.COMPUTE_IMAGE_TYPE_VDI,
    'supports_image_type_vhd': os_traits.COMPUTE_IMAGE_TYPE_VHD,
    'supports_image_type_vhdx': os_traits.COMPUTE_IMAGE_TYPE_VHDX,
    'supports_image_type_vmdk': os_traits.COMPUTE_IMAGE_TYPE_VMDK,
    'supports_image_type_ploop': os_traits.COMPUTE_IMAGE_TYPE_PLOOP,
}


def capability_traits(capabilities, image_type_exclude_list=()):
    """Split a driver's capabilities into traits to set and to clear.

    :param capabilities: a driver's ``capabilities`` dict.
    :param image_type_exclude_list: image types (``qcow2``...) the operator
        excluded (``[compute] image_type_exclude_list``); their traits are
        cleared even when the driver supports them.
    :returns: ``(present, absent)``, two sets of trait names.
    """
    present, absent = set(), set()
    excluded = set(image_type_exclude_list or ())
    for cap, trait in CAPABILITY_TRAITS_MAP.items():
        supported = bool(capabilities.get(cap, False))
        if cap.startswith('supports_image_type_'):
            supported = supported and (
                cap[len('supports_image_type_'):] not in excluded)
        (present if supported else absent).add(trait)
    return present, absent


class Console(object):
    """Where a guest console listens; the proxy connects to host:port."""

    def __init__(self, host, port, internal_access_path=None):
        self.host = host
        self.port = port
        self.internal_access_path = internal_access_path

    def get_connection_info(self, token, access_url):
        """:returns: the dict the console proxy stores for a token."""
        return {'token': token, 'access_url': access_url,
                'host': self.host, 'port': self.port,
                'internal_access_path': self.internal_access_path}

    def __repr__(self):
        return '%s(host=%r, port=%r)' % (self.__class__.__name__,
                                         self.host, self.port)


class ConsoleVNC(Console):
    """Where a guest's VNC console listens."""


class ConsoleSerial(Console):
    """Where a guest's serial console (a TCP socket) listens."""


class ConsoleSpice(Console):
    """Where a guest's SPICE console listens, with its TLS port."""

    def __init__(self, host, port, tls_port=None,
                 internal_access_path=None):
        super().__init__(host, port, internal_access_path)
        self.tls_port = tls_port

    def get_connection_info(self, token, access_url):
        """:returns: the proxy's token dict, with ``tlsPort``."""
        info = super().get_connection_info(token, access_url)
        info['tlsPort'] = self.tls_port
        return info


class ComputeDriver(object):
    """Base class for virt drivers.

    Methods the hypervisor cannot do raise :exc:`NotImplementedError`; the
    API turns that into a 501, so a driver only overrides what it supports.
    ``instance`` arguments are Instance objects; drivers read ``uuid``,
    ``name`` and ``node`` from them.
    """

    # What the compute manager and API may rely on this driver doing;
    # subclasses copy and adjust it. Some entries become COMPUTE_* traits.
    capabilities = {
        'has_imagecache': False,
        'supports_evacuate': False,
        'supports_migrate_to_same_host': False,
        'supports_attach_interface': False,
        'supports_device_tagging': False,
        'supports_tagged_attach_interface': False,
        'supports_tagged_attach_volume': False,
        'supports_extend_volume': False,
        'supports_multiattach': False,
        'supports_trusted_certs': False,
        'supports_pcpus': False,
        'supports_accelerators': False,
        'supports_bfv_rescue': False,
        'supports_vtpm': False,
        'supports_secure_boot': False,
        'supports_socket_pci_numa_affinity': False,
        'supports_remote_managed_ports': False,
        # Image disk formats the driver can boot.
        'supports_image_type_aki': False,
        'supports_image_type_ami': False,
        'supports_image_type_ari': False,
        'supports_image_type_iso': False,
        'supports_image_type_qcow2': False,
        'supports_image_type_raw': False,
        'supports_image_type_vdi': False,
        'supports_image_type_vhd': False,
        'supports_image_type_vhdx': False,
        'supports_image_type_vmdk': False,
        'supports_image_type_ploop': False,
    }

    # Drivers managing many nodes whose ownership may move between
    # services (ironic-like) set this so orphan nodes are not deleted.
    rebalances_nodes = False

    # Whether the resource tracker must refresh allocations every update.
    requires_allocation_refresh = False

    def __init__(self, virtapi):
        """:param virtapi: a :class:`nova_clone.virt.virtapi.VirtAPI`."""
        self.virtapi = virtapi
        self._compute_event_callback = None

    # ----------------------------------------------------------- host

    def init_host(self, host):
        """Prepare the hypervisor when nova-compute starts.

        :param host: this service's host name (``CONF.host``).
        """
        pass

    def cleanup_host(self, host):
        """Release hypervisor resources when nova-compute stops.

        :param host: this service's host name.
        """
        pass

    def get_host_uptime(self):
        """:returns: the host's ``uptime`` output as a string.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def get_available_nodes(self, refresh=False):
        """:param refresh: re-read the node list instead of a cached one.
        :returns: the names of the nodes (hypervisors) this service manages.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def get_nodenames_by_uuid(self, refresh=False):
        """:param refresh: re-read the nodes instead of a cached list.
        :returns: a dict of compute node uuid to node name, for every node
            this service manages; the uuids are stable across restarts.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def get_host_ip_addr(self):
        """:returns: the IP address guests and proxies reach this host on.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def node_is_available(self, nodename):
        """:returns: whether ``nodename`` is one of this driver's nodes."""
        return nodename in self.get_available_nodes()

    def get_available_resource(self, nodename):
        """Describe a node's capacity for the resource tracker.

        :param nodename: one of :meth:`get_available_nodes`.
        :returns: a dict with at least ``vcpus``, ``memory_mb``,
            ``local_gb``, their ``*_used`` values, ``hypervisor_type``,
            ``hypervisor_version``, ``hypervisor_hostname`` and
            ``cpu_info``.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def update_provider_tree(self, provider_tree, nodename, allocations=None):
        """Write a node's inventory, traits and aggregates into the tree.

        :param provider_tree: a
            :class:`nova_clone.scheduler.client.report.provider_tree.ProviderTree`
            already holding a root provider named ``nodename``.
        :param nodename: the compute node to describe.
        :param allocations: allocations by consumer, given only when a
            driver asked to move them (reshape); else None.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    # ------------------------------------------------------- listings

    def get_info(self, instance, use_cache=True):
        """:param instance: the instance.
        :param use_cache: whether a cached answer is acceptable.
        :returns: an :class:`InstanceInfo`.
        :raises: InstanceNotFound when the guest does not exist.
        """
        raise NotImplementedError()

    def get_num_instances(self):
        """:returns: how many guests the hypervisor runs."""
        return len(self.list_instances())

    def list_instances(self):
        """:returns: the hypervisor names of every guest.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def list_instance_uuids(self):
        """:returns: the instance uuids of every guest.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def instance_exists(self, instance):
        """:param instance: the instance.
        :returns: whether the hypervisor has a guest for it.
        """
        # Prefer uuids (unique); fall back to names for drivers that only
        # know their guests by name.
        try:
            return instance.uuid in self.list_instance_uuids()
        except NotImplementedError:
            return instance.name in self.list_instances()

    # ------------------------------------------------------ lifecycle

    def prepare_for_spawn(self, instance):
        """Do pre-flight checks or reservations before :meth:`spawn`.

        :param instance: the instance about to be built.
        :raises: any exception to fail the build before spawning.
        """
        pass

    def failed_spawn_cleanup(self, instance):
        """Undo :meth:`prepare_for_spawn` after a failed build; idempotent.

        :param instance: the instance whose build failed.
        """
        pass

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None, power_on=True, accel_info=None):
        """Create a guest and (by default) start it.

        :param context: the request context.
        :param instance: the instance being built.
        :param image_meta: the boot image's metadata.
        :param injected_files: ``(path, contents)`` pairs to inject.
        :param admin_password: the administrator password to set.
        :param allocations: the Placement allocations of the instance.
        :param network_info: the instance's network info.
        :param block_device_info: block devices to attach.
        :param power_on: whether to start the guest once created.
        :param accel_info: accelerator requests bound to the instance.
        :raises: NotImplementedError when unsupported; any other
            exception fails the build (and may reschedule it).
        """
        raise NotImplementedError()

    def destroy(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, destroy_secrets=True):
        """Stop and remove a guest; a missing guest is not an error.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info, to unplug.
        :param block_device_info: its block devices, to detach.
        :param destroy_disks: whether to delete local disks too.
        :param destroy_secrets: whether to delete its hypervisor secrets.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def cleanup(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, migrate_data=None, destroy_vifs=True,
                destroy_secrets=True):
        """Remove what is left of a guest that no longer runs here.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info.
        :param block_device_info: its block devices.
        :param destroy_disks: whether to delete local disks.
        :param migrate_data: migration data when cleaning after a move.
        :param destroy_vifs: whether to unplug its VIFs.
        :param destroy_secrets: whether to delete its secrets.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def rebuild(self, context, instance, image_meta, injected_files,
                admin_password, allocations, bdms, detach_block_devices,
                attach_block_devices, network_info=None, evacuate=False,
                block_device_info=None, preserve_ephemeral=False,
                accel_uuids=None):
        """Re-create a guest from an image in one driver operation.

        Drivers without a native rebuild leave this unimplemented and the
        compute manager destroys the guest and spawns it again instead.

        :param context: the request context.
        :param instance: the instance.
        :param image_meta: the new image's metadata.
        :param injected_files: ``(path, contents)`` pairs to inject.
        :param admin_password: the administrator password to set.
        :param allocations: the Placement allocations of the instance.
        :param bdms: its block device mappings.
        :param detach_block_devices: callback detaching its volumes.
        :param attach_block_devices: callback attaching them again.
        :param network_info: its network info.
        :param evacuate: whether the guest is re-created on a new host.
        :param block_device_info: its block devices.
        :param preserve_ephemeral: whether to keep the ephemeral disk.
        :param accel_uuids: its accelerator request uuids.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None, bad_volumes_callback=None,
               accel_info=None):
        """Reboot a guest.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info.
        :param reboot_type: ``SOFT`` or ``HARD``.
        :param block_device_info: its block devices.
        :param bad_volumes_callback: called for volumes that fail to
            reconnect.
        :param accel_info: its accelerator requests.
        :raises: InstanceNotFound, InstanceRebootFailure.
        """
        raise NotImplementedError()

    def power_off(self, instance, timeout=0, retry_interval=0):
        """Stop a guest, cleanly when ``timeout`` allows.

        :param instance: the instance.
        :param timeout: seconds to wait for a clean shutdown; 0 powers off.
        :param retry_interval: seconds between shutdown requests.
        :raises: InstanceNotFound, InstancePowerOffFailure.
        """
        raise NotImplementedError()

    def power_on(self, context, instance, network_info,
                 block_device_info=None, accel_info=None):
        """Start a stopped guest.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info.
        :param block_device_info: its block devices.
        :param accel_info: its accelerator requests.
        :raises: InstanceNotFound, InstancePowerOnFailure.
        """
        raise NotImplementedError()

    def pause(self, instance):
        """Freeze a guest in memory.

        :param instance: the instance.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def unpause(self, instance):
        """Let a paused guest run again.

        :param instance: the instance.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def suspend(self, context, instance):
        """Save a guest's memory to disk and stop it.

        :param context: the request context.
        :param instance: the instance.
        :raises: InstanceSuspendFailure, NotImplementedError.
        """
        raise NotImplementedError()

    def resume(self, context, instance, network_info, block_device_info=None):
        """Restore a suspended guest.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info.
        :param block_device_info: its block devices.
        :raises: InstanceResumeFailure, NotImplementedError.
        """
        raise NotImplementedError()

    def rescue(self, context, instance, network_info, image_meta,
               rescue_password, block_device_info):
        """Boot a guest from a rescue image with its disks attached.

        :param context: the request context.
        :param instance: the instance.
        :param network_info: its network info.
        :param image_meta: the rescue image's metadata.
        :param rescue_password: the password to set in the rescue guest.
        :param block_device_info: its block devices.
        :raises: InstanceNotRescuable, NotImplementedError.
        """
        raise NotImplementedError()

    def unrescue(self, context, instance):
        """Boot a rescued guest from its own disks again.

        :param context: the request context.
        :param instance: the instance.
        :raises: InstanceNotInRescueMode, NotImplementedError.
        """
        raise NotImplementedError()

    def soft_delete(self, instance):
        """Stop a guest that may be restored later.

        :param instance: the instance.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def restore(self, instance):
        """Start a soft-deleted guest again.

        :param instance: the instance.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def snapshot(self, context, instance, image_id, update_task_state):
        """Upload an image of a guest's root disk.

        :param context: the request context.
        :param instance: the instance.
        :param image_id: the already-created image to upload into.
        :param update_task_state: callback
            ``(task_state, expected_state=None)`` reporting progress.
        :raises: InstanceNotRunning, NotImplementedError.
        """
        raise NotImplementedError()

    def set_admin_password(self, instance, new_pass):
        """Set the administrator password inside a running guest.

        :param instance: the instance.
        :param new_pass: the new password.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    # ------------------------------------------------ networks, volumes

    def plug_vifs(self, instance, network_info):
        """Plug the guest's virtual interfaces into their networks.

        :param instance: the instance.
        :param network_info: its network info.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def unplug_vifs(self, instance, network_info):
        """Unplug the guest's virtual interfaces.

        :param instance: the instance.
        :param network_info: its network info.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def get_volume_connector(self, instance):
        """:param instance: the instance.
        :returns: the connector dict Cinder needs to export a volume here.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def attach_volume(self, context, connection_info, instance, mountpoint,
                      disk_bus=None, device_type=None, encryption=None):
        """Attach a volume to a guest.

        :param context: the request context.
        :param connection_info: Cinder's connection info.
        :param instance: the instance.
        :param mountpoint: the device name, e.g. ``/dev/vdb``.
        :param disk_bus: the bus to use.
        :param device_type: ``disk`` or ``cdrom``.
        :param encryption: encryption metadata.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def detach_volume(self, context, connection_info, instance, mountpoint,
                      encryption=None):
        """Detach a volume from a guest.

        :param context: the request context.
        :param connection_info: Cinder's connection info.
        :param instance: the instance.
        :param mountpoint: the device name.
        :param encryption: encryption metadata.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    # -------------------------------------------------------- consoles

    def get_console_output(self, context, instance):
        """:param context: the request context.
        :param instance: the instance.
        :returns: the guest's serial console log.
        :raises: ConsoleNotAvailable, NotImplementedError.
        """
        raise NotImplementedError()

    def get_vnc_console(self, context, instance):
        """:param context: the request context.
        :param instance: the instance.
        :returns: a :class:`ConsoleVNC`.
        :raises: ConsoleTypeUnavailable, NotImplementedError.
        """
        raise NotImplementedError()

    def get_spice_console(self, context, instance):
        """:param context: the request context.
        :param instance: the instance.
        :returns: a :class:`ConsoleSpice`.
        :raises: ConsoleTypeUnavailable, NotImplementedError.
        """
        raise NotImplementedError()

    def get_serial_console(self, context, instance):
        """:param context: the request context.
        :param instance: the instance.
        :returns: a :class:`ConsoleSerial`.
        :raises: ConsoleTypeUnavailable, ConsoleNotAvailable,
            NotImplementedError.
        """
        raise NotImplementedError()

    # ------------------------------------------------------ image cache

    def manage_image_cache(self, context, all_instances):
        """Remove cached base images nothing uses any more (periodic).

        Only called when ``capabilities['has_imagecache']`` is set.

        :param all_instances: the instances of this host.
        """

    # ------------------------------------------------------- host power

    def host_power_action(self, action):
        """Reboot, shut down or start up the hypervisor host itself.

        :param action: ``reboot``, ``shutdown`` or ``startup``.
        :returns: the action taken.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    def host_maintenance_mode(self, host, mode):
        """Start (``mode`` True) or stop evacuating guests for maintenance.

        :returns: ``on_maintenance`` or ``off_maintenance``.
        :raises: NotImplementedError when unsupported.
        """
        raise NotImplementedError()

    # ------------------------------------------------------ diagnostics

    def get_diagnostics(self, instance):
        """:param instance: the instance.
        :returns: a free-form dict of guest statistics (before 2.48).
        :raises: InstanceNotFound, NotImplementedError.
        """
        raise NotImplementedError()

    def get_instance_diagnostics(self, instance):
        """:param instance: the instance.
        :returns: the standard diagnostics dict of 2.48: ``state``,
            ``driver``, ``hypervisor``, ``hypervisor_os``, ``uptime``,
            ``config_drive``, ``num_cpus``/``num_nics``/``num_disks``,
            ``memory_details``, ``cpu_details``, ``nic_details``,
            ``disk_details``.
        :raises: InstanceNotFound, NotImplementedError.
        """
        raise NotImplementedError()

    def trigger_crash_dump(self, instance):
        """Send the guest an NMI so it dumps its kernel memory.

        :param instance: the instance.
        :raises: TriggerCrashDumpNotSupported, NotImplementedError.
        """
        raise NotImplementedError()

    # ---------------------------------------------------------- events

    def register_event_listener(self, callback):
        """Route this driver's events to ``callback``.

        :param callback: called with each :class:`virtevent.Event`; None
            stops delivery.
        """
        self._compute_event_callback = callback

    def emit_event(self, event):
        """Hand an event to the registered listener.

        A listener failure is logged, not raised: the hypervisor side that
        noticed the change must not fail because the manager did.

        :param event: a :class:`nova_clone.virt.event.Event`.
        :raises: ValueError when ``event`` is not an Event.
        """
        if not isinstance(event, virtevent.Event):
            raise ValueError('emit_event needs an Event, got %r' % (event,))
        callback = self._compute_event_callback
        if callback is None:
            LOG.debug('Discarding event %s: no listener', event)
            return
        try:
            LOG.debug('Emitting event %s', event)
            callback(event)
        except Exception:
            LOG.exception('Event listener failed on %s', event)


def available_driver_names():
    """:returns: sorted entry point names in :data:`DRIVER_NAMESPACE`."""
    eps = importlib.metadata.entry_points(group=DRIVER_NAMESPACE)
    return sorted({ep.name for ep in eps})


def _reraise_load_failure(manager, entrypoint, exc):
    # stevedore would otherwise log a broken driver and report it as
    # missing, hiding the real import or constructor error.
    raise exc


def _driver_manager(name, virtapi):
    # Split out so tests can substitute a manager built with
    # DriverManager.make_test_instance (entry points need no install).
    return stevedore.DriverManager(
        DRIVER_NAMESPACE, name, invoke_on_load=True, invoke_args=(virtapi,),
        on_load_failure_callback=_reraise_load_failure)


def load_compute_driver(virtapi, compute_driver=None):
    """Load and instantiate the configured virt driver.

    :param virtapi: the VirtAPI handed to the driver's constructor.
    :param compute_driver: an entry point name such as
        ``fake.FakeDriver``; defaults to ``[DEFAULT] compute_driver``.
    :returns: a :class:`ComputeDriver` instance.
    :raises: ComputeDriverNotSet when no name is configured,
        ComputeDriverNotFound for an unknown name,
        ComputeDriverLoadFailed when the driver cannot be built.
    """
    name = compute_driver or CONF.compute_driver
    if not name:
        raise virt_exc.ComputeDriverNotSet(
            available=', '.join(available_driver_names()) or '(none)')
    LOG.info('Loading compute driver %r', name)
    try:
        manager = _driver_manager(name, virtapi)
    except stevedore_exc.NoMatches:
        raise virt_exc.ComputeDriverNotFound(
            name=name, namespace=DRIVER_NAMESPACE,
            available=', '.join(available_driver_names()) or '(none)')
    except Exception as e:
        raise virt_exc.ComputeDriverLoadFailed(name=name, reason=e) from e
    driver = manager.driver
    if not isinstance(driver, ComputeDriver):
        raise virt_exc.ComputeDriverLoadFailed(
            name=name, reason='%r is not a ComputeDriver' % (driver,))
    return driver
