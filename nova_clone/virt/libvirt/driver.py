"""LibvirtDriver: KVM and QEMU guests through libvirt.

The driver is a facade: the connection and events live in ``host.py``,
disks in ``imagebackend.py``, domain XML in ``config.py`` and
``guest_config.py``, host capacity and traits in ``resources.py``,
snapshots and rescue in ``disk_ops.py``.
"""

import os
import shutil
import uuid as uuid_lib

import libvirt
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import timeutils
import os_traits

from nova_clone.compute import power_state
from nova_clone import concurrency
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.exception import virt as virt_exc
from nova_clone.image import glance
from nova_clone import monkey_patch
from nova_clone.virt import driver
from nova_clone.virt.libvirt import config as vconfig
from nova_clone.virt.libvirt import configdrive
from nova_clone.virt.libvirt import diagnostics
from nova_clone.virt.libvirt import disk_ops
from nova_clone.virt.libvirt import guest_config
from nova_clone.virt.libvirt import host as libvirt_host
from nova_clone.virt.libvirt import imagebackend
from nova_clone.virt.libvirt import imagecache
from nova_clone.virt.libvirt import resources

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# The URI each virt_type talks to when [libvirt] connection_uri is unset.
DEFAULT_URIS = {
    'kvm': 'qemu:///system',
    'qemu': 'qemu:///system',
    'lxc': 'lxc:///',
    'parallels': 'vz:///system',
}

# os-getConsoleOutput serves at most this much of the end of console.log.
MAX_CONSOLE_BYTES = 100 * 1024

# Where the compute node's uuid is kept across restarts (nova's name).
COMPUTE_ID_FILE = 'compute_id'


def _props_dict(image_meta):
    """:returns: an image's properties as a plain dict."""
    if image_meta is None:
        return {}
    if isinstance(image_meta, dict):
        return dict(image_meta.get('properties') or {})
    props = getattr(image_meta, 'properties', None)
    if props is None or not image_meta.obj_attr_is_set('properties'):
        return {}
    return {name: getattr(props, name) for name in props.fields
            if props.obj_attr_is_set(name)}


def _image_id(image_meta, instance):
    if isinstance(image_meta, dict):
        return image_meta.get('id') or instance.image_ref
    if image_meta is not None and image_meta.obj_attr_is_set('id'):
        return image_meta.id
    return instance.image_ref


class LibvirtDriver(driver.ComputeDriver):
    """Runs guests under libvirt (``[libvirt] virt_type``: kvm or qemu)."""

    capabilities = dict(
        driver.ComputeDriver.capabilities,
        has_imagecache=True,
        supports_image_type_aki=True,
        supports_image_type_ari=True,
        supports_image_type_ami=True,
        supports_image_type_raw=True,
        supports_image_type_qcow2=True,
        supports_image_type_iso=True,
    )

    def __init__(self, virtapi, read_only=False):
        super().__init__(virtapi)
        self._uri = (CONF.libvirt.connection_uri or
                     DEFAULT_URIS.get(CONF.libvirt.virt_type,
                                      'qemu:///system'))
        self._host = libvirt_host.Host(
            self._uri, lifecycle_event_handler=self.emit_event,
            conn_event_handler=self._connection_changed)
        self._image_api = glance.API()
        self._node_uuid = None

    # ------------------------------------------------------------ host

    def init_host(self, host):
        if monkey_patch.is_eventlet():
            # libvirt's event loop blocks in C on its own thread; under
            # eventlet that thread would be a green thread stalling the hub.
            raise exception.NovaException(
                'The libvirt driver needs native threads: run nova-compute '
                'with [DEFAULT] concurrency_backend = threading (or auto)')
        imagebackend.backend_for(CONF.libvirt.images_type,
                                 CONF.use_cow_images)
        os.makedirs(CONF.instances_path, exist_ok=True)
        self._host.initialize()
        LOG.info('libvirt driver connected to %s (virt_type %s)',
                 self._uri, CONF.libvirt.virt_type)

    def cleanup_host(self, host):
        self._host.close()

    def _connection_changed(self, enabled, reason):
        if enabled:
            LOG.info('libvirt connection to %s is back', self._uri)
        else:
            LOG.error('libvirt connection to %s lost: %s', self._uri,
                      reason)

    def get_host_uptime(self):
        try:
            out, _err = processutils.execute('env', 'LANG=C', 'uptime')
        except (OSError, processutils.ProcessExecutionError):
            # Minimal hosts may lack procps; say the same from /proc.
            return resources.uptime_from_proc()
        return out.strip()

    def get_host_ip_addr(self):
        return CONF.my_ip

    def get_available_nodes(self, refresh=False):
        return [self._host.get_hostname()]

    def _compute_node_uuid(self):
        # NOTE: the node uuid must survive restarts (Placement and the
        # compute node row key on it), so it is written once to state_path
        # as nova does.
        if self._node_uuid is None:
            path = os.path.join(CONF.state_path, COMPUTE_ID_FILE)
            try:
                with open(path) as f:
                    self._node_uuid = f.read().strip()
            except FileNotFoundError:
                self._node_uuid = str(uuid_lib.uuid4())
                os.makedirs(CONF.state_path, exist_ok=True)
                with open(path, 'w') as f:
                    f.write(self._node_uuid + '\n')
        return self._node_uuid

    def get_nodenames_by_uuid(self, refresh=False):
        return {self._compute_node_uuid(): self._host.get_hostname()}

    def _vcpus_used(self):
        used = 0
        for guest in self._host.list_guests():
            if guest.is_active():
                used += guest.get_info()[3]
        return used

    def get_available_resource(self, nodename):
        arch, memory_mb, cpus = self._host.get_info()[:3]
        caps = self._host.get_capabilities()
        disk_total, disk_used, disk_free = resources.disk_usage_gb(
            CONF.instances_path)
        memory_free = min(self._host.get_free_memory_mb(), memory_mb)
        return {
            'uuid': self._compute_node_uuid(),
            'vcpus': cpus,
            'memory_mb': memory_mb,
            'local_gb': disk_total,
            'vcpus_used': self._vcpus_used(),
            'memory_mb_used': memory_mb - memory_free,
            'local_gb_used': disk_used,
            # nova reports QEMU for both kvm and qemu virt types.
            'hypervisor_type': 'QEMU',
            'hypervisor_version': self._host.get_version(),
            'hypervisor_hostname': self._host.get_hostname(),
            'disk_available_least': disk_free,
            'cpu_info': resources.cpu_info_json(caps),
            'numa_topology': None,
            'pci_passthrough_devices': None,
            'supported_instances': resources.supported_instances(caps),
        }

    @staticmethod
    def _ratio(explicit, current_inventory, rc, initial):
        # An operator-set ratio wins, then whatever Placement holds (it may
        # have been changed there), then the initial ratio.
        if explicit:
            return explicit
        if current_inventory and rc in current_inventory:
            return current_inventory[rc]['allocation_ratio']
        return initial

    def _inventory(self, current):
        _arch, memory_mb, cpus = self._host.get_info()[:3]
        disk_gb = resources.disk_usage_gb(CONF.instances_path)[0]

        def one(total, ratio, initial, rc, reserved):
            return {'total': total, 'min_unit': 1, 'max_unit': total,
                    'step_size': 1, 'reserved': reserved,
                    'allocation_ratio': self._ratio(ratio, current, rc,
                                                    initial)}
        return {
            'VCPU': one(cpus, CONF.cpu_allocation_ratio,
                        CONF.initial_cpu_allocation_ratio, 'VCPU',
                        CONF.reserved_host_cpus),
            'MEMORY_MB': one(memory_mb, CONF.ram_allocation_ratio,
                             CONF.initial_ram_allocation_ratio,
                             'MEMORY_MB', CONF.reserved_host_memory_mb),
            'DISK_GB': one(disk_gb, CONF.disk_allocation_ratio,
                           CONF.initial_disk_allocation_ratio, 'DISK_GB',
                           -(-CONF.reserved_host_disk_mb // 1024)),
        }

    def _traits(self):
        """:returns: ``(present, managed)``: traits this host has, and
            every trait this driver decides (so stale ones are dropped).
        """
        caps = self._host.get_capabilities()
        features = resources.expanded_cpu_features(
            self._host.get_connection(), caps)
        cpu_traits = resources.cpu_feature_traits(features)
        cap_present, cap_absent = driver.capability_traits(
            self.capabilities, CONF.compute.image_type_exclude_list)
        present = (cpu_traits | cap_present | set(resources.STATIC_TRAITS) |
                   resources.arch_traits(caps))
        managed = (present | cap_absent |
                   set(os_traits.get_traits('HW_CPU_X86_')))
        return present, managed

    def update_provider_tree(self, provider_tree, nodename, allocations=None):
        data = provider_tree.data(nodename)
        provider_tree.update_inventory(nodename,
                                       self._inventory(data.inventory))
        present, managed = self._traits()
        # Keep traits someone else set (CUSTOM_*, COMPUTE_STATUS_DISABLED).
        traits = (set(data.traits or ()) - managed) | present
        provider_tree.update_traits(nodename, traits)

    # -------------------------------------------------------- listings

    def get_info(self, instance, use_cache=True):
        guest = self._host.get_guest(instance)
        return driver.InstanceInfo(state=guest.get_info()[0],
                                   internal_id=guest.id)

    def list_instances(self):
        return [guest.name for guest in self._host.list_guests()]

    def list_instance_uuids(self):
        return [guest.uuid for guest in self._host.list_guests()]

    def instance_exists(self, instance):
        try:
            self._host.get_guest(instance)
        except exception.InstanceNotFound:
            return False
        return True

    # ------------------------------------------------------------ spawn

    def _image_cache(self):
        return imagebackend.ImageCache(
            CONF.instances_path, CONF.image_cache.subdirectory_name,
            force_raw=CONF.force_raw_images)

    def _download(self, context, image_id, dst_path):
        self._image_api.download(context, image_id, dst_path=dst_path)

    def _fetch(self, context, image_id):
        """:returns: ``(path, format)`` of ``image_id`` in the cache."""
        return self._image_cache().fetch(context, image_id, self._download)

    def _glance_props(self, context, image_id):
        # ImageMeta drops kernel_id, ramdisk_id and os_command_line;
        # Glance still has them.
        if not image_id:
            return {}
        return self._image_api.get(context, image_id).get('properties', {})

    def _kernel_ramdisk_ids(self, context, instance, image_id):
        kernel_id, ramdisk_id = instance.kernel_id, instance.ramdisk_id
        if kernel_id:
            return kernel_id, ramdisk_id
        props = self._glance_props(context, image_id)
        return props.get('kernel_id'), props.get('ramdisk_id')

    def _cmdline(self, context, image_id):
        """:returns: the image's ``os_command_line`` or None."""
        return self._glance_props(context, image_id).get('os_command_line')

    def _copy_boot_file(self, context, image_id, dst):
        path, _fmt = self._fetch(context, image_id)
        shutil.copyfile(path, dst)
        return dst

    def _create_root_disk(self, context, image_id, disk_path, size_gb):
        base, fmt = self._fetch(context, image_id)
        backend = imagebackend.backend_for(CONF.libvirt.images_type,
                                           CONF.use_cow_images)
        backend.create_disk(base, fmt, disk_path,
                            (size_gb or 0) * imagebackend.GiB)
        return guest_config.DiskSpec(disk_path, backend.disk_format, 'vda')

    def _boot_files(self, context, instance, image_id, inst_dir,
                    kernel_id=None, ramdisk_id=None, suffix=''):
        """:returns: ``(kernel path, ramdisk path)``, None for missing."""
        kernel = ramdisk = None
        if kernel_id:
            kernel = self._copy_boot_file(
                context, kernel_id, os.path.join(
                    inst_dir, guest_config.KERNEL + suffix))
        if kernel and ramdisk_id:
            ramdisk = self._copy_boot_file(
                context, ramdisk_id, os.path.join(
                    inst_dir, guest_config.RAMDISK + suffix))
        return kernel, ramdisk

    def _serial_port(self):
        if not CONF.serial_console.enabled:
            return None
        used = set()
        for guest in self._host.list_guests():
            tcp = vconfig.read_tcp_serial(guest.get_xml_desc())
            if tcp:
                used.add(tcp[1])
        return guest_config.free_tcp_port(
            CONF.serial_console.proxyclient_address, used,
            CONF.serial_console.port_range)

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None, power_on=True, accel_info=None):
        image_id = _image_id(image_meta, instance)
        if not image_id:
            raise virt_exc.InstanceSpawnFailure(
                instance_uuid=instance.uuid,
                reason='booting from volume is not supported by this driver')
        if self.instance_exists(instance):
            raise exception.InstanceExists(name=instance.name)
        inst_dir = guest_config.instance_dir(instance)
        os.makedirs(inst_dir, exist_ok=True)
        props = _props_dict(image_meta)
        disks = [self._create_root_disk(
            context, image_id,
            os.path.join(inst_dir, guest_config.DISK), instance.root_gb)]
        kernel_id, ramdisk_id = self._kernel_ramdisk_ids(
            context, instance, image_id)
        kernel, ramdisk = self._boot_files(context, instance, image_id,
                                           inst_dir, kernel_id, ramdisk_id)
        cmdline = None
        if kernel:
            cmdline = (props.get('os_command_line') or
                       self._cmdline(context, image_id))
        if configdrive.required(instance, props,
                                force=CONF.force_config_drive):
            iso = os.path.join(inst_dir, guest_config.DISK_CONFIG)
            configdrive.make_drive(iso, instance, injected_files,
                                   admin_password)
            disks.append(guest_config.DiskSpec(iso, 'raw', 'hdd', bus='ide',
                                               device='cdrom'))
        arch = self._host.get_info()[0]
        config = guest_config.build(
            instance, props, disks, network_info, kernel=kernel,
            ramdisk=ramdisk, cmdline=cmdline,
            serial_port=self._serial_port(), image_id=image_id,
            arch='x86_64' if arch in ('i686', 'x86_64') else arch)
        with open(os.path.join(inst_dir, 'libvirt.xml'), 'w') as f:
            f.write(config.to_xml())
        guest = self._host.define_guest(config.to_xml())
        if power_on:
            guest.launch()
        LOG.info('Instance %s spawned as %s', instance.uuid, guest.name)

    # ------------------------------------------------ destroy, cleanup

    def destroy(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, destroy_secrets=True):
        try:
            self._host.get_guest(instance).poweroff()
        except exception.InstanceNotFound:
            LOG.warning('Instance %s not found on this host while '
                        'destroying it', instance.uuid)
        self.cleanup(context, instance, network_info, block_device_info,
                     destroy_disks=destroy_disks,
                     destroy_secrets=destroy_secrets)

    def cleanup(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, migrate_data=None, destroy_vifs=True,
                destroy_secrets=True):
        try:
            guest = self._host.get_guest(instance)
        except exception.InstanceNotFound:
            guest = None
        if guest is not None:
            guest.poweroff()
            guest.undefine()
        if destroy_disks:
            shutil.rmtree(guest_config.instance_dir(instance),
                          ignore_errors=True)

    # ------------------------------------------------------------ power

    def _wait_for_shutoff(self, guest, timeout, retry_interval=0):
        """Poll once a second; re-ask every ``retry_interval`` seconds.

        :returns: whether the guest stopped within ``timeout`` seconds.
        """
        watch = timeutils.StopWatch(duration=timeout).start()
        last_request = 0.0
        while not watch.expired():
            if not guest.is_active():
                return True
            elapsed = watch.elapsed()
            if retry_interval and elapsed - last_request >= retry_interval:
                last_request = elapsed
                try:
                    guest.shutdown()
                except libvirt.libvirtError:
                    pass
            concurrency.sleep(min(1, max(timeout - elapsed, 0.01)))
        return not guest.is_active()

    def _clean_shutdown(self, guest, timeout, retry_interval=0):
        if not guest.is_active():
            return True
        try:
            guest.shutdown()
        except libvirt.libvirtError as e:
            LOG.info('Guest %s refused a clean shutdown: %s', guest.uuid, e)
            return False
        return self._wait_for_shutoff(guest, timeout, retry_interval)

    def _hard_reboot(self, instance):
        guest = self._host.get_guest(instance)
        guest.poweroff()
        # A hard reboot boots cold, so a managed save must not be resumed.
        if guest.has_managed_save():
            guest.remove_managed_save()
        guest.launch()

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None, bad_volumes_callback=None,
               accel_info=None):
        if reboot_type == 'SOFT':
            guest = self._host.get_guest(instance)
            if (guest.get_power_state() == power_state.RUNNING and
                    self._clean_shutdown(
                        guest, CONF.libvirt.wait_soft_reboot_seconds)):
                guest.launch()
                LOG.info('Instance %s soft rebooted', instance.uuid)
                return
            LOG.warning('Soft reboot of %s failed; rebooting hard',
                        instance.uuid)
        try:
            self._hard_reboot(instance)
        except libvirt.libvirtError as e:
            raise virt_exc.InstanceRebootFailure(reason=str(e)) from e

    def power_off(self, instance, timeout=0, retry_interval=0):
        guest = self._host.get_guest(instance)
        if timeout and self._clean_shutdown(guest, timeout, retry_interval):
            return
        try:
            guest.poweroff()
        except libvirt.libvirtError as e:
            raise virt_exc.InstancePowerOffFailure(reason=str(e)) from e

    def power_on(self, context, instance, network_info,
                 block_device_info=None, accel_info=None):
        try:
            self._hard_reboot(instance)
        except libvirt.libvirtError as e:
            raise virt_exc.InstancePowerOnFailure(reason=str(e)) from e

    def pause(self, instance):
        self._host.get_guest(instance).pause()

    def unpause(self, instance):
        self._host.get_guest(instance).resume()

    def suspend(self, context, instance):
        try:
            self._host.get_guest(instance).managed_save()
        except libvirt.libvirtError as e:
            raise virt_exc.InstanceSuspendFailure(reason=str(e)) from e

    def resume(self, context, instance, network_info, block_device_info=None):
        guest = self._host.get_guest(instance)
        try:
            # Starting a domain with a managed save restores its memory.
            guest.launch()
        except libvirt.libvirtError as e:
            raise virt_exc.InstanceResumeFailure(reason=str(e)) from e

    # -------------------------------------------- snapshot and rescue

    def snapshot(self, context, instance, image_id, update_task_state):
        guest = self._host.get_guest(instance)
        disk_ops.snapshot(self._image_api, context, instance, guest,
                          image_id, update_task_state)

    def rescue(self, context, instance, network_info, image_meta,
               rescue_password, block_device_info):
        disk_ops.rescue(self, context, instance, network_info, image_meta,
                        rescue_password)

    def unrescue(self, context, instance):
        disk_ops.unrescue(self._host, instance)

    # ------------------------------------------------- images, VIFs

    def manage_image_cache(self, context, all_instances):
        """Remove base images no instance here needs (periodic task).

        :param all_instances: the instances on this host.
        :returns: the removed paths.
        """
        manager = imagecache.ImageCacheManager(
            CONF.instances_path, CONF.image_cache.subdirectory_name)
        return manager.update(
            all_instances,
            remove_unused=CONF.image_cache.remove_unused_base_images,
            min_age_seconds=(CONF.image_cache.
                             remove_unused_original_minimum_age_seconds))

    def plug_vifs(self, instance, network_info):
        # NOTE: bridged VIFs are plugged by libvirt when the domain
        # starts; user-mode networking needs nothing on the host.
        pass

    def unplug_vifs(self, instance, network_info):
        pass

    # ------------------------------------------------------ diagnostics

    def get_diagnostics(self, instance):
        guest = self._host.get_guest(instance)
        return diagnostics.legacy(guest.domain)

    def get_instance_diagnostics(self, instance):
        guest = self._host.get_guest(instance)
        config_drive = os.path.exists(os.path.join(
            guest_config.instance_dir(instance), guest_config.DISK_CONFIG))
        return diagnostics.standard(guest.domain, guest.get_power_state(),
                                    CONF.libvirt.virt_type, config_drive)

    # --------------------------------------------------------- consoles

    def get_console_output(self, context, instance):
        guest = self._host.get_guest(instance)
        path = (vconfig.read_serial_log(guest.get_xml_desc()) or
                os.path.join(guest_config.instance_dir(instance),
                             guest_config.CONSOLE_LOG))
        try:
            with open(path, 'rb') as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - MAX_CONSOLE_BYTES))
                data = f.read()
        except FileNotFoundError:
            LOG.info('No console log yet for %s at %s', instance.uuid, path)
            return ''
        return data.decode('utf-8', errors='replace')

    def _graphics(self, instance, kind):
        guest = self._host.get_guest(instance)
        info = guest.get_graphics(kind)
        if info is None or info.port is None:
            raise virt_exc.ConsoleTypeUnavailable(console_type=kind)
        return info

    def get_vnc_console(self, context, instance):
        info = self._graphics(instance, 'vnc')
        return driver.ConsoleVNC(host=CONF.vnc.server_proxyclient_address,
                                 port=info.port)

    def get_spice_console(self, context, instance):
        info = self._graphics(instance, 'spice')
        return driver.ConsoleSpice(
            host=CONF.spice.server_proxyclient_address, port=info.port,
            tls_port=info.tls_port)

    def get_serial_console(self, context, instance):
        if not CONF.serial_console.enabled:
            raise virt_exc.ConsoleTypeUnavailable(console_type='serial')
        guest = self._host.get_guest(instance)
        tcp = vconfig.read_tcp_serial(guest.get_xml_desc())
        if tcp is None:
            raise virt_exc.ConsoleTypeUnavailable(console_type='serial')
        return driver.ConsoleSerial(host=tcp[0], port=tcp[1])
