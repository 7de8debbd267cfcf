"""Turns an instance, its flavor and image into a :class:`config.Guest`."""

import os
import socket

from oslo_utils import timeutils

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.virt.libvirt import config as vconfig

CONF = nova_conf.CONF

# Kernel command line for direct kernel boot when the image sets none:
# the serial console is what console.log captures.
DEFAULT_CMDLINE = 'root=/dev/vda console=tty0 console=ttyS0 panic=-1'

# File names inside an instance directory, as nova names them (operators
# and tools look for them).
DISK = 'disk'
DISK_RESCUE = 'disk.rescue'
DISK_CONFIG = 'disk.config'
KERNEL = 'kernel'
RAMDISK = 'ramdisk'
KERNEL_RESCUE = 'kernel.rescue'
RAMDISK_RESCUE = 'ramdisk.rescue'
CONSOLE_LOG = 'console.log'
UNRESCUE_XML = 'unrescue.xml'


def instance_dir(instance):
    """:returns: the directory holding an instance's disks and logs."""
    return os.path.join(CONF.instances_path, instance.uuid)


class DiskSpec(object):
    """One disk to put in the domain."""

    def __init__(self, path, fmt, dev, bus='virtio', device='disk'):
        self.path = path
        self.fmt = fmt
        self.dev = dev
        self.bus = bus
        self.device = device

    def to_config(self):
        cdrom = self.device == 'cdrom'
        return vconfig.GuestDisk(
            self.path, self.dev, target_bus=self.bus,
            driver_format=self.fmt,
            # NOTE: cache=none needs O_DIRECT; a read-only ISO gains
            # nothing from it and some filesystems refuse it.
            driver_cache='writeback' if cdrom else _disk_cache(),
            device=self.device, readonly=cdrom)


def _disk_cache():
    for mode in CONF.libvirt.disk_cachemodes or ():
        kind, _sep, value = mode.partition('=')
        if kind == 'file' and value:
            return value
    return 'none'


def _flavor_meta(instance):
    flavor = instance.flavor
    return {'name': flavor.name, 'memory': flavor.memory_mb,
            'disk': flavor.root_gb, 'swap': flavor.swap or 0,
            'ephemeral': flavor.ephemeral_gb or 0, 'vcpus': flavor.vcpus}


def _metadata(instance, image_id):
    # A flavor is always set on built instances; tools and tests may
    # hand over instances without one.
    flavor = (_flavor_meta(instance) if instance.obj_attr_is_set('flavor')
              and instance.flavor is not None else None)
    return vconfig.GuestMetadata(
        name=instance.display_name or instance.uuid,
        creation_time=timeutils.utcnow().strftime('%Y-%m-%d %H:%M:%S'),
        flavor=flavor,
        owner={'user_id': instance.user_id,
               'project_id': instance.project_id},
        image_id=image_id)


def _vif_configs(network_info, default_model):
    """Interfaces for Neutron ports: bridged when Neutron named a bridge,
    else QEMU's user-mode network so the guest still has its NIC and MAC.
    """
    vifs = []
    for vif in network_info or ():
        mac = vif.get('address')
        if not mac:
            continue
        network = vif.get('network') or {}
        bridge = network.get('bridge')
        if vif.get('type') == 'bridge' and bridge:
            vifs.append(vconfig.GuestInterface(
                mac, kind='bridge', model=default_model, source=bridge,
                target_dev=vif.get('devname')))
        else:
            vifs.append(vconfig.GuestInterface(mac, kind='user',
                                               model=default_model))
    return vifs


def build(instance, image_props, disks, network_info=None, kernel=None,
          ramdisk=None, cmdline=None, serial_port=None, image_id=None,
          arch='x86_64'):
    """:param image_props: the boot image's properties (a dict).
    :param disks: :class:`DiskSpec` objects, boot disk first.
    :param kernel: a kernel file for direct kernel boot, or None.
    :param serial_port: a TCP port for nova-serialproxy, or None.
    :returns: the guest's :class:`config.Guest`.
    """
    image_props = image_props or {}
    guest = vconfig.Guest(
        CONF.libvirt.virt_type, instance.name, instance.uuid,
        memory_kib=instance.memory_mb * 1024, vcpus=instance.vcpus,
        arch=image_props.get('hw_architecture') or arch,
        machine=image_props.get('hw_machine_type') or _machine_type(arch))
    guest.metadata = _metadata(instance, image_id)
    if CONF.libvirt.virt_type == 'kvm':
        guest.cpu_mode = CONF.libvirt.cpu_mode or 'host-model'
    else:
        guest.cpu_mode = CONF.libvirt.cpu_mode
    if guest.cpu_mode == 'custom' and CONF.libvirt.cpu_models:
        guest.cpu_model = CONF.libvirt.cpu_models[0]
    if kernel:
        guest.kernel = kernel
        guest.initrd = ramdisk
        guest.cmdline = cmdline or DEFAULT_CMDLINE
    for disk in disks:
        guest.add_device(disk.to_config())
    model = image_props.get('hw_vif_model') or 'virtio'
    for vif in _vif_configs(network_info, model):
        guest.add_device(vif)
    log_path = os.path.join(instance_dir(instance), CONSOLE_LOG)
    if serial_port is not None:
        guest.add_device(vconfig.GuestSerial(
            log_path=log_path,
            tcp_host=CONF.serial_console.proxyclient_address,
            tcp_port=serial_port))
    else:
        guest.add_device(vconfig.GuestSerial(log_path=log_path))
    guest.add_device(vconfig.GuestConsole())
    _add_graphics(guest, image_props)
    return guest


def _machine_type(arch):
    for entry in CONF.libvirt.hw_machine_type or ():
        key, _sep, value = entry.partition('=')
        if key == arch and value:
            return value
    return None


def _add_graphics(guest, image_props):
    listened = False
    if CONF.vnc.enabled:
        guest.add_device(vconfig.GuestGraphics(
            'vnc', listen=CONF.vnc.server_listen))
        listened = True
    if CONF.spice.enabled:
        guest.add_device(vconfig.GuestGraphics(
            'spice', listen=CONF.spice.server_listen))
        listened = True
    if listened:
        guest.add_device(vconfig.GuestVideo(
            image_props.get('hw_video_model') or 'cirrus'))


def free_tcp_port(host, used, port_range):
    """:returns: a port in ``port_range`` (``'lo:hi'``) that no guest
        uses and that can be bound on ``host``.
    :raises: SocketPortRangeExhaustedException when none is free.
    """
    low, _sep, high = port_range.partition(':')
    for port in range(int(low), int(high) + 1):
        if port in used:
            continue
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
        return port
    raise exception.NovaException(
        'No free port in [serial_console] port_range %s on %s'
        % (port_range, host))
