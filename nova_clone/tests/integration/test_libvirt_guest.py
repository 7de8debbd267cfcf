"""A real QEMU guest through the libvirt driver (no compute service).

Boots the project's tiny image (tools/build-tiny-image: Debian's cloud
kernel + a busybox initramfs, direct kernel boot through Glance's
kernel_id/ramdisk_id) under ``virt_type = qemu``, waits for its boot line in
console.log, speaks RFB to its VNC port, stops it cleanly (ACPI), starts,
reboots it hard and soft, rescues and unrescues, snapshots and destroys
it, and checks nothing is left.

Skipped unless libvirtd answers on ``NOVA_LIBVIRT_URI`` (default
``qemu:///system``) with QEMU and qemu-img installed. The image is built
once into ``NOVA_TINY_IMAGE_DIR`` (default
``/var/cache/nova-clone/tiny-image``), which needs apt to reach Debian.
"""

import os
import shutil
import socket
import subprocess
import time
import uuid as uuid_lib

import libvirt

from nova_clone.compute import power_state
from nova_clone.tests.unit.virt.libvirt import base as libvirt_base
from nova_clone.virt import event as virtevent
from nova_clone.virt.libvirt import guest_config

URI = os.environ.get('NOVA_LIBVIRT_URI', 'qemu:///system')
IMAGE_DIR = os.environ.get('NOVA_TINY_IMAGE_DIR',
                           '/var/cache/nova-clone/tiny-image')
TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..',
                                   '..'))
MARKER = 'TINYGUEST-BOOTED'
BOOT_TIMEOUT = 120


def _libvirt_reachable():
    try:
        conn = libvirt.open(URI)
    except libvirt.libvirtError:
        return False
    try:
        return conn.getType() == 'QEMU'
    finally:
        conn.close()


def _tiny_image():
    """:returns: ``(kernel, initrd)`` paths, building them if needed."""
    kernel = os.path.join(IMAGE_DIR, 'vmlinuz')
    initrd = os.path.join(IMAGE_DIR, 'initrd.img')
    if not (os.path.exists(kernel) and os.path.exists(initrd)):
        subprocess.run([os.path.join(TOP, 'tools', 'build-tiny-image'),
                        '--output', IMAGE_DIR], check=True,
                       stdout=subprocess.DEVNULL)
    return kernel, initrd


class LibvirtGuestTestCase(libvirt_base.LibvirtTestCase):

    def setUp(self):
        if not shutil.which('qemu-img'):
            self.skipTest('qemu-img is not installed')
        if not _libvirt_reachable():
            self.skipTest('no QEMU libvirtd at %s' % URI)
        super().setUp()
        # qemu may run as another user than root (qemu.conf); let it into
        # the instances directory.
        os.chmod(self.tmp, 0o755)

    def libvirt_uri(self, node_xml):
        return URI

    def _upload_tiny_image(self):
        kernel, initrd = _tiny_image()
        ids = {}
        for key, path, fmt in (('kernel_id', kernel, 'aki'),
                               ('ramdisk_id', initrd, 'ari')):
            image_id = str(uuid_lib.uuid4())
            with open(path, 'rb') as f:
                data = f.read()
            self.glance.images[image_id] = dict(
                id=image_id, name=key, status='active', size=len(data),
                disk_format=fmt, container_format=fmt, visibility='public',
                protected=False, min_ram=0, min_disk=0, tags=[])
            self.glance.data[image_id] = data
            ids[key] = image_id
        self.glance.images[self.glance.IMAGE_ID].update(
            os_command_line='console=ttyS0 panic=-1', **ids)

    def _wait_for_console(self, instance, text, timeout=BOOT_TIMEOUT):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if text in self.driver.get_console_output(self.context,
                                                      instance):
                return
            time.sleep(0.5)
        self.fail('%r not in the console after %d s:\n%s' % (
            text, timeout,
            self.driver.get_console_output(self.context, instance)))

    def _rfb_banner(self, port):
        with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
            return s.recv(12)

    def test_boot_power_cycle_rescue_snapshot_and_destroy(self):
        self._upload_tiny_image()
        # An id of our own: the daemon may run other tests' guests.
        inst = libvirt_base.make_instance(
            id=0x7f000000 + uuid_lib.uuid4().int % 0xffffff, root_gb=0)
        self.addCleanup(self.driver.destroy, self.context, inst, [])
        self.spawn(inst)
        self._wait_for_console(inst, MARKER)
        self.assertEqual(power_state.RUNNING,
                         self.driver.get_info(inst).state)

        console = self.driver.get_vnc_console(self.context, inst)
        self.assertGreaterEqual(console.port, 5900)
        self.assertEqual(b'RFB 003.008\n', self._rfb_banner(console.port))

        # Clean stop: the guest's acpid powers off on the ACPI button.
        self.driver.power_off(inst, timeout=60, retry_interval=10)
        self.assertEqual(power_state.SHUTDOWN,
                         self.driver.get_info(inst).state)
        self.driver.power_on(self.context, inst, [])
        self._wait_for_console(inst, MARKER)
        self.driver.reboot(self.context, inst, [], 'HARD')
        self._wait_for_console(inst, MARKER)
        # Soft: ACPI shutdown (the guest's acpid obeys), then start again.
        self.driver.reboot(self.context, inst, [], 'SOFT')
        self._wait_for_console(inst, MARKER)

        self.driver.rescue(self.context, inst, [], None, 'pw', None)
        self._wait_for_console(inst, MARKER)
        self.driver.unrescue(self.context, inst)
        self._wait_for_console(inst, MARKER)

        snapshot_id = self.glance._create({'name': 'snap'})[1]['id']
        self.driver.snapshot(self.context, inst, snapshot_id,
                             lambda **kw: None)
        self.assertEqual('active',
                         self.glance.images[snapshot_id]['status'])
        self.assertEqual(power_state.RUNNING,
                         self.driver.get_info(inst).state)

        self.driver.destroy(self.context, inst, [])
        self.assertFalse(self.driver.instance_exists(inst))
        self.assertFalse(os.path.exists(guest_config.instance_dir(inst)))
        transitions = {e.get_transition() for e in self.events
                       if e.get_instance_uuid() == inst.uuid}
        self.assertIn(virtevent.EVENT_LIFECYCLE_STARTED, transitions)
        self.assertIn(virtevent.EVENT_LIFECYCLE_STOPPED, transitions)
