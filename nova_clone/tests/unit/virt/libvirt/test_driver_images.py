"""spawn's disks, kernel boot, config drive, snapshot, rescue, consoles."""

import os
import uuid as uuid_lib
from xml.etree import ElementTree as etree

import shutil
import testtools

from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone import exception
from nova_clone.exception import virt as virt_exc
from nova_clone.tests.unit.virt.libvirt import base
from nova_clone.virt import driver
from nova_clone.virt.libvirt import guest_config
from nova_clone.virt.libvirt import images

HAVE_ISO_TOOL = any(shutil.which(t) for t in ('genisoimage', 'mkisofs',
                                              'xorrisofs'))


class _ImagesBase(base.LibvirtTestCase):

    def add_image(self, data, **attrs):
        image_id = str(uuid_lib.uuid4())
        image = dict(
            id=image_id, name=image_id, status='active', size=len(data),
            disk_format='raw', container_format='bare', visibility='public',
            protected=False, min_ram=0, min_disk=0, tags=[])
        image.update(attrs)
        self.glance.images[image_id] = image
        self.glance.data[image_id] = data
        return image_id

    def domain(self, instance):
        guest = self.driver._host.get_guest(instance)
        return etree.fromstring(guest.get_xml_desc())

    def inst_file(self, instance, name):
        return os.path.join(guest_config.instance_dir(instance), name)


@testtools.skipUnless(base.HAVE_QEMU_IMG, 'qemu-img is not installed')
class SpawnDisksTestCase(_ImagesBase):

    def test_root_disk_is_an_overlay_on_the_cached_image(self):
        inst = self.spawn()
        disk = self.inst_file(inst, 'disk')
        info = images.info(disk)
        self.assertEqual('qcow2', info.format)
        self.assertTrue(info.backing_file.startswith(
            os.path.join(self.instances_path, '_base')))
        self.assertEqual(1024 ** 3, info.virtual_size)  # root_gb=1
        dom = self.domain(inst)
        self.assertEqual(disk, dom.find('devices/disk/source').get('file'))
        self.assertTrue(os.path.exists(self.inst_file(inst, 'libvirt.xml')))

    def test_kernel_and_ramdisk_from_image_properties(self):
        kernel = self.add_image(b'KERNEL', disk_format='aki')
        ramdisk = self.add_image(b'RAMDISK', disk_format='ari')
        self.glance.images[self.glance.IMAGE_ID].update(
            kernel_id=kernel, ramdisk_id=ramdisk,
            os_command_line='console=ttyS0 quiet')
        inst = self.spawn(image_meta=None)
        dom = self.domain(inst)
        self.assertEqual(self.inst_file(inst, 'kernel'),
                         dom.findtext('os/kernel'))
        self.assertEqual(self.inst_file(inst, 'ramdisk'),
                         dom.findtext('os/initrd'))
        self.assertEqual('console=ttyS0 quiet',
                         dom.findtext('os/cmdline'))
        with open(self.inst_file(inst, 'kernel'), 'rb') as f:
            self.assertEqual(b'KERNEL', f.read())
        # Rescue boots the image the same way, with its own disk second.
        self.driver.rescue(self.context, inst, [], None, 'pw', None)
        dom = self.domain(inst)
        self.assertEqual(self.inst_file(inst, 'kernel.rescue'),
                         dom.findtext('os/kernel'))
        self.assertEqual(self.inst_file(inst, 'ramdisk.rescue'),
                         dom.findtext('os/initrd'))
        self.driver.unrescue(self.context, inst)
        self.assertFalse(os.path.exists(self.inst_file(inst,
                                                       'kernel.rescue')))

    def test_kernel_id_of_the_instance_wins(self):
        kernel = self.add_image(b'K2', disk_format='aki')
        inst = self.spawn(kernel_id=kernel)
        self.assertEqual(self.inst_file(inst, 'kernel'),
                         self.domain(inst).findtext('os/kernel'))
        self.assertIsNone(self.domain(inst).find('os/initrd'))

    def test_raw_images_type_copies(self):
        self.flags(group='libvirt', images_type='raw')
        inst = self.spawn()
        info = images.info(self.inst_file(inst, 'disk'))
        self.assertEqual(('raw', None), (info.format, info.backing_file))
        self.assertEqual('raw', self.domain(inst).find(
            'devices/disk/driver').get('type'))

    @testtools.skipUnless(HAVE_ISO_TOOL, 'no genisoimage/xorriso')
    def test_config_drive(self):
        inst = self.spawn(config_drive='True', user_data='aGVsbG8=',
                          key_name='k', key_data='ssh-rsa AAA')
        iso = self.inst_file(inst, 'disk.config')
        with open(iso, 'rb') as f:
            data = f.read()
        self.assertIn(b'config-2', data[32768:34816])
        self.assertIn(b'ssh-rsa AAA', data)
        cdroms = [d for d in self.domain(inst).findall('devices/disk')
                  if d.get('device') == 'cdrom']
        self.assertEqual(iso, cdroms[0].find('source').get('file'))

    def test_no_config_drive_unless_asked(self):
        inst = self.spawn()
        self.assertFalse(os.path.exists(self.inst_file(inst, 'disk.config')))

    def test_spawn_twice_is_refused(self):
        inst = self.spawn()
        self.assertRaises(exception.InstanceExists, self.spawn, inst)

    def test_boot_from_volume_is_refused(self):
        inst = base.make_instance(image_ref='')
        self.assertRaises(virt_exc.InstanceSpawnFailure, self.driver.spawn,
                          self.context, inst, None, [], None, {})


@testtools.skipUnless(base.HAVE_QEMU_IMG, 'qemu-img is not installed')
class SnapshotRescueTestCase(_ImagesBase):

    def _snapshot(self, inst):
        image_id = self.glance._create({'name': 'snap'})[1]['id']
        calls = []
        self.driver.snapshot(
            self.context, inst, image_id,
            lambda **kw: calls.append(kw))
        return image_id, calls

    def test_snapshot_uploads_the_disk(self):
        inst = self.spawn()
        image_id, calls = self._snapshot(inst)
        self.assertEqual(
            [{'task_state': task_states.IMAGE_PENDING_UPLOAD},
             {'task_state': task_states.IMAGE_UPLOADING,
              'expected_state': task_states.IMAGE_PENDING_UPLOAD}], calls)
        image = self.glance.images[image_id]
        self.assertEqual(('active', 'qcow2', 'bare'),
                         (image['status'], image['disk_format'],
                          image['container_format']))
        self.assertEqual(b'QFI\xfb', self.glance.data[image_id][:4])
        # The running guest is running again afterwards.
        self.assertEqual(power_state.RUNNING,
                         self.driver.get_info(inst).state)

    def test_snapshot_of_a_paused_guest_keeps_it_paused(self):
        self.flags(group='libvirt', snapshot_image_format='raw')
        # root_gb=0: the disk keeps the image's 16 MiB, so the raw upload
        # stays small.
        inst = self.spawn(root_gb=0)
        self.driver.pause(inst)
        image_id, _calls = self._snapshot(inst)
        self.assertEqual('raw', self.glance.images[image_id]['disk_format'])
        self.assertEqual(power_state.PAUSED,
                         self.driver.get_info(inst).state)

    def test_rescue_and_unrescue(self):
        inst = self.spawn()
        self.driver.rescue(self.context, inst, [], None, 'pw', None)
        disks = [d.find('source').get('file')
                 for d in self.domain(inst).findall('devices/disk')]
        self.assertEqual([self.inst_file(inst, 'disk.rescue'),
                          self.inst_file(inst, 'disk')], disks)
        self.assertEqual(power_state.RUNNING,
                         self.driver.get_info(inst).state)
        self.assertRaises(virt_exc.InstanceNotRescuable, self.driver.rescue,
                          self.context, inst, [], None, 'pw', None)
        self.driver.unrescue(self.context, inst)
        disks = [d.find('source').get('file')
                 for d in self.domain(inst).findall('devices/disk')]
        self.assertEqual([self.inst_file(inst, 'disk')], disks)
        self.assertFalse(os.path.exists(self.inst_file(inst, 'disk.rescue')))
        self.assertRaises(virt_exc.InstanceNotInRescueMode,
                          self.driver.unrescue, self.context, inst)


class ConsoleTestCase(_ImagesBase):

    def test_console_output_is_the_log_tail(self):
        inst = self.spawn()
        log = self.inst_file(inst, 'console.log')
        self.assertEqual('', self.driver.get_console_output(self.context,
                                                            inst))
        with open(log, 'wb') as f:
            f.write(b'x' * 200000 + b'\nTINYGUEST-BOOTED \xff\n')
        out = self.driver.get_console_output(self.context, inst)
        self.assertEqual(100 * 1024, len(out.encode('utf-8')) - 2)
        self.assertTrue(out.endswith('TINYGUEST-BOOTED \ufffd\n'))

    def test_vnc_port_unknown_on_the_test_hypervisor(self):
        # The test driver never assigns the autoport (it stays -1).
        inst = self.spawn()
        self.assertRaises(virt_exc.ConsoleTypeUnavailable,
                          self.driver.get_vnc_console, self.context, inst)
        self.assertRaises(virt_exc.ConsoleTypeUnavailable,
                          self.driver.get_spice_console, self.context, inst)

    def test_vnc_console_from_the_live_xml(self):
        inst = self.spawn()
        guest = self.driver._host.get_guest(inst)
        live = guest.get_xml_desc().replace("port='-1'", "port='5901'")
        guest.get_xml_desc = lambda inactive=False: live
        self.driver._host.get_guest = lambda instance: guest
        self.flags(group='vnc', server_proxyclient_address='192.0.2.5')
        console = self.driver.get_vnc_console(self.context, inst)
        self.assertIsInstance(console, driver.ConsoleVNC)
        self.assertEqual(('192.0.2.5', 5901), (console.host, console.port))

    def test_serial_console(self):
        inst = self.spawn()
        self.assertRaises(virt_exc.ConsoleTypeUnavailable,
                          self.driver.get_serial_console, self.context, inst)
        self.flags(group='serial_console', enabled=True,
                   port_range='10000:10100')
        inst2 = self.spawn(id=9)
        console = self.driver.get_serial_console(self.context, inst2)
        self.assertIsInstance(console, driver.ConsoleSerial)
        self.assertEqual('127.0.0.1', console.host)
        self.assertTrue(10000 <= console.port <= 10100)
        inst3 = self.spawn(id=10)
        self.assertNotEqual(console.port, self.driver.get_serial_console(
            self.context, inst3).port)
