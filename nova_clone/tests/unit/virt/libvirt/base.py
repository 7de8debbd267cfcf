"""A LibvirtDriver on libvirt's own test hypervisor, one per test.

Each test opens ``test:///<tmp>/node.xml``: libvirt gives every such
connection private state, so tests never see each other's domains (the
shared ``test:///default`` always holds a domain named ``test``).
"""

import os
import shutil
import time
import uuid as uuid_lib

import fixtures

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests import base
from nova_clone.tests.fixtures import glance as glance_fixture
from nova_clone.virt.libvirt import driver as libvirt_driver
from nova_clone.virt.libvirt import guest_config
from nova_clone.virt.libvirt import images
from nova_clone.virt import virtapi

objects.register_all()

NODE_XML = """<node>
  <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores>
    <threads>1</threads><mhz>2000</mhz></cpu>
  <memory>8388608</memory>
</node>
"""

HAVE_QEMU_IMG = shutil.which(images.QEMU_IMG) is not None


def make_instance(**overrides):
    """:returns: an Instance with every field the driver reads."""
    flavor = objects.Flavor(name='m1.tiny', memory_mb=256, vcpus=1,
                            root_gb=1, ephemeral_gb=0, swap=0, flavorid='1')
    values = dict(
        id=7, uuid=str(uuid_lib.uuid4()), display_name='vm1',
        hostname='vm1', launch_index=0, availability_zone='nova',
        user_id='u1', project_id='p1', memory_mb=256, vcpus=1, root_gb=1,
        ephemeral_gb=0, image_ref=glance_fixture.GlanceFixture.IMAGE_ID,
        kernel_id=None, ramdisk_id=None, config_drive=None, key_name=None,
        key_data=None, user_data=None, metadata={}, system_metadata={},
        flavor=flavor)
    values.update(overrides)
    return objects.Instance(**values)


class LibvirtTestCase(base.NoDBTestCase):
    """Starts a driver on a private test hypervisor and a Glance fixture.

    Tests about power states, XML and the host set ``USES_IMAGES = False``:
    their guests are defined without disks, which skips Glance and
    qemu-img (about half a second per test).
    """

    USES_IMAGES = True

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        node = os.path.join(self.tmp, 'node.xml')
        with open(node, 'w') as f:
            f.write(NODE_XML)
        self.instances_path = os.path.join(self.tmp, 'instances')
        self.flags(instances_path=self.instances_path,
                   state_path=os.path.join(self.tmp, 'state'),
                   my_ip='10.0.0.5')
        self.flags(group='libvirt', virt_type='qemu',
                   connection_uri=self.libvirt_uri(node))
        if self.USES_IMAGES:
            self.glance = self.useFixture(
                glance_fixture.GlanceFixture(self.conf_fixture))
        self.context = nova_context.RequestContext(
            user_id='u1', project_id='p1', auth_token='tok')
        self.events = []
        self.driver = self.make_driver()

    def libvirt_uri(self, node_xml):
        """:returns: the URI the driver opens (a private test node)."""
        return 'test://%s' % node_xml

    def make_driver(self):
        drv = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        drv.init_host('compute1')
        drv.register_event_listener(self.events.append)
        self.addCleanup(drv.cleanup_host, 'compute1')
        return drv

    def set_image_data(self, image_id, data):
        """Give a fixture image some bytes to download."""
        self.glance.data[image_id] = data
        self.glance.images[image_id].update(size=len(data),
                                            status='active')

    def make_qcow2(self, size='16M'):
        """:returns: the bytes of an empty qcow2 image."""
        path = os.path.join(self.tmp, 'src-%s.qcow2' % uuid_lib.uuid4())
        images._qemu_img('create', '-f', 'qcow2', path, size)
        with open(path, 'rb') as f:
            return f.read()

    def define_without_disks(self, instance, power_on=True):
        """Define a guest the way spawn does, minus the image work.

        Lets the lifecycle tests run where qemu-img is not installed.
        """
        os.makedirs(guest_config.instance_dir(instance), exist_ok=True)
        config = guest_config.build(instance, {}, [])
        guest = self.driver._host.define_guest(config.to_xml())
        if power_on:
            guest.launch()
        return instance

    def spawn(self, instance=None, power_on=True, image_meta=None, **kw):
        """Spawn through the driver (with real disks when qemu-img is
        installed); :returns: the instance.
        """
        instance = instance or make_instance(**kw)
        if not (HAVE_QEMU_IMG and self.USES_IMAGES):
            return self.define_without_disks(instance, power_on)
        if self.glance.IMAGE_ID not in self.glance.data:
            self.set_image_data(self.glance.IMAGE_ID, self.make_qcow2())
        meta = image_meta or objects.ImageMeta.from_dict(
            {'id': instance.image_ref, 'disk_format': 'qcow2',
             'properties': {}})
        self.driver.spawn(self.context, instance, meta, [], 'pw', {},
                          power_on=power_on)
        return instance

    def wait_for(self, predicate, timeout=5.0):
        """Poll ``predicate`` until true; fail after ``timeout`` seconds."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            time.sleep(0.02)
        self.fail('condition not met within %s s' % timeout)
