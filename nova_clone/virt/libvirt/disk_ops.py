"""Flows that work on a guest's disks: snapshot to Glance, rescue."""

import os
import tempfile

from oslo_log import log as logging

from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone import conf as nova_conf
from nova_clone.exception import virt as virt_exc
from nova_clone.virt.libvirt import guest_config
from nova_clone.virt.libvirt import images

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# Disk formats a snapshot may be written in; anything else becomes qcow2.
SNAPSHOT_FORMATS = ('raw', 'qcow2')
_RESCUE_FILES = (guest_config.DISK_RESCUE, guest_config.KERNEL_RESCUE,
                 guest_config.RAMDISK_RESCUE, guest_config.UNRESCUE_XML)


def root_disk_path(instance, guest):
    """:returns: the file of the guest's root disk."""
    expected = os.path.join(guest_config.instance_dir(instance),
                            guest_config.DISK)
    paths = guest.get_disk_paths()
    if expected in paths or not paths:
        return expected
    return paths[0]


def _snapshot_format(current_format):
    if CONF.libvirt.snapshot_image_format:
        return CONF.libvirt.snapshot_image_format
    return current_format if current_format in SNAPSHOT_FORMATS else 'qcow2'


def snapshot(image_api, context, instance, guest, image_id,
             update_task_state):
    """Copy the root disk into the Glance image ``image_id``.

    A running guest is saved (managed save) while its disk is copied, so
    the copy is consistent, and restored afterwards: a cold snapshot,
    nova's fallback when live snapshots are unavailable.
    """
    image = image_api.get(context, image_id)
    update_task_state(task_state=task_states.IMAGE_PENDING_UPLOAD)
    disk = root_disk_path(instance, guest)
    src_format = images.info(disk).format
    out_format = _snapshot_format(image.get('disk_format'))
    state = guest.get_power_state()
    was_live = state in (power_state.RUNNING, power_state.PAUSED)
    if was_live:
        guest.managed_save()
    os.makedirs(CONF.libvirt.snapshots_directory, exist_ok=True)
    with tempfile.TemporaryDirectory(
            dir=CONF.libvirt.snapshots_directory) as tmp:
        out = os.path.join(tmp, image_id)
        try:
            images.convert(disk, out, out_format, src_format=src_format,
                           compress=CONF.libvirt.snapshot_compression)
        finally:
            if was_live:
                guest.launch(pause=state == power_state.PAUSED)
        update_task_state(task_state=task_states.IMAGE_UPLOADING,
                          expected_state=task_states.IMAGE_PENDING_UPLOAD)
        changes = {}
        if image.get('disk_format') != out_format:
            changes['disk_format'] = out_format
        if not image.get('container_format'):
            changes['container_format'] = 'bare'
        if changes:
            image_api.update(context, image_id, changes)
        with open(out, 'rb') as data:
            image_api.upload(context, image_id, data)
    LOG.info('Snapshot of %s uploaded to image %s', instance.uuid, image_id)


def _rescue_image_id(instance, image_meta):
    if CONF.libvirt.rescue_image_id:
        return CONF.libvirt.rescue_image_id
    if isinstance(image_meta, dict):
        return image_meta.get('id') or instance.image_ref
    if image_meta is not None and image_meta.obj_attr_is_set('id'):
        return image_meta.id
    return instance.image_ref


def rescue(drv, context, instance, network_info, image_meta,
           rescue_password):
    """Boot ``instance`` from a rescue disk with its own disk second.

    The guest's normal XML is kept as ``unrescue.xml`` for
    :func:`unrescue`.
    """
    host = drv._host
    guest = host.get_guest(instance)
    inst_dir = guest_config.instance_dir(instance)
    unrescue_xml = os.path.join(inst_dir, guest_config.UNRESCUE_XML)
    if os.path.exists(unrescue_xml):
        raise virt_exc.InstanceNotRescuable(instance_id=instance.uuid,
                                            reason='already rescued')
    with open(unrescue_xml, 'w') as f:
        f.write(guest.get_xml_desc(inactive=True))
    image_id = _rescue_image_id(instance, image_meta)
    rescue_disk = drv._create_root_disk(
        context, image_id, os.path.join(inst_dir, guest_config.DISK_RESCUE), 0)
    own_disk = root_disk_path(instance, guest)
    own = guest_config.DiskSpec(own_disk, images.info(own_disk).format,
                                'vdb')
    # A rescue image booting through its own kernel/ramdisk properties
    # keeps doing so, unless the operator named a rescue kernel.
    kernel_id, ramdisk_id = drv._kernel_ramdisk_ids(context, instance,
                                                    image_id)
    kernel, ramdisk = drv._boot_files(
        context, instance, None, inst_dir,
        CONF.libvirt.rescue_kernel_id or kernel_id,
        CONF.libvirt.rescue_ramdisk_id or ramdisk_id,
        suffix='.rescue')
    config = guest_config.build(instance, {}, [rescue_disk, own],
                                network_info, kernel=kernel,
                                ramdisk=ramdisk,
                                cmdline=drv._cmdline(context, image_id)
                                if kernel else None)
    guest.poweroff()
    host.define_guest(config.to_xml()).launch()
    LOG.info('Instance %s rescued', instance.uuid)


def unrescue(host, instance):
    """Boot a rescued guest from its own disk again."""
    inst_dir = guest_config.instance_dir(instance)
    unrescue_xml = os.path.join(inst_dir, guest_config.UNRESCUE_XML)
    if not os.path.exists(unrescue_xml):
        raise virt_exc.InstanceNotInRescueMode(instance_id=instance.uuid)
    with open(unrescue_xml) as f:
        xml = f.read()
    host.get_guest(instance).poweroff()
    guest = host.define_guest(xml)
    for name in _RESCUE_FILES:
        path = os.path.join(inst_dir, name)
        if os.path.exists(path):
            os.unlink(path)
    guest.launch()
    LOG.info('Instance %s unrescued', instance.uuid)
