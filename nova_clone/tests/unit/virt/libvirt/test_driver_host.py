"""What the driver reports about the host: nodes, resources, traits."""

import json
import os
from xml.etree import ElementTree as etree

import fixtures
import libvirt

from nova_clone import exception
from nova_clone.scheduler.client.report import provider_tree
from nova_clone.tests.unit.virt.libvirt import base
from nova_clone.virt import driver
from nova_clone.virt.libvirt import driver as libvirt_driver
from nova_clone.virt.libvirt import resources
from nova_clone.virt import virtapi

CAPS = """<capabilities><host><cpu><arch>x86_64</arch><model>Haswell</model>
  <vendor>Intel</vendor><topology sockets='1' cores='2' threads='2'/>
  <feature name='vmx'/><feature name='sse4.2'/><feature name='aes'/>
  <feature name='pdpe1gb'/><feature name='hypervisor'/></cpu></host>
  <guest><os_type>hvm</os_type><arch name='x86_64'>
    <domain type='qemu'/><domain type='kvm'/></arch></guest>
  <guest><os_type>hvm</os_type><arch name='i686'>
    <domain type='qemu'/></arch></guest>
</capabilities>"""


class ResourcesTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    def test_nodes_and_stable_node_uuid(self):
        self.assertEqual(['vm'], self.driver.get_available_nodes())
        by_uuid = self.driver.get_nodenames_by_uuid()
        self.assertEqual(['vm'], list(by_uuid.values()))
        # A restarted service keeps the node uuid.
        again = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        self.assertEqual(by_uuid, again.get_nodenames_by_uuid())

    def test_available_resource(self):
        res = self.driver.get_available_resource('vm')
        self.assertEqual(4, res['vcpus'])
        self.assertEqual(8192, res['memory_mb'])
        self.assertEqual('QEMU', res['hypervisor_type'])
        self.assertEqual('vm', res['hypervisor_hostname'])
        self.assertGreater(res['local_gb'], 0)
        self.assertEqual(0, res['vcpus_used'])
        self.assertEqual(list(self.driver.get_nodenames_by_uuid())[0],
                         res['uuid'])
        self.assertIn('arch', json.loads(res['cpu_info']))
        self.assertIsInstance(res['supported_instances'], list)

    def test_running_guests_count_as_used_vcpus(self):
        self.spawn()
        self.spawn(power_on=False, id=8)
        self.assertEqual(1, self.driver.get_available_resource(
            'vm')['vcpus_used'])

    def _tree(self, traits=()):
        tree = provider_tree.ProviderTree()
        tree.new_root('vm', 'rp-vm')
        tree.update_traits('vm', traits)
        return tree

    def test_inventory(self):
        self.flags(reserved_host_memory_mb=512, reserved_host_disk_mb=1500,
                   cpu_allocation_ratio=2.0)
        tree = self._tree()
        self.driver.update_provider_tree(tree, 'vm')
        inv = tree.data('vm').inventory
        self.assertEqual({'VCPU', 'MEMORY_MB', 'DISK_GB'}, set(inv))
        self.assertEqual((4, 4, 2.0), (inv['VCPU']['total'],
                                       inv['VCPU']['max_unit'],
                                       inv['VCPU']['allocation_ratio']))
        self.assertEqual((8192, 512), (inv['MEMORY_MB']['total'],
                                       inv['MEMORY_MB']['reserved']))
        self.assertEqual(1.0, inv['MEMORY_MB']['allocation_ratio'])
        self.assertEqual(2, inv['DISK_GB']['reserved'])

    def test_traits_keep_foreign_ones_and_drop_stale_ones(self):
        tree = self._tree(['CUSTOM_GOLD', 'COMPUTE_STATUS_DISABLED',
                           'HW_CPU_X86_AVX512F',
                           'COMPUTE_VOLUME_MULTI_ATTACH'])
        self.driver.update_provider_tree(tree, 'vm')
        traits = set(tree.data('vm').traits)
        self.assertIn('CUSTOM_GOLD', traits)
        self.assertIn('COMPUTE_STATUS_DISABLED', traits)
        self.assertNotIn('HW_CPU_X86_AVX512F', traits)
        self.assertNotIn('COMPUTE_VOLUME_MULTI_ATTACH', traits)
        for trait in ('COMPUTE_IMAGE_TYPE_QCOW2', 'COMPUTE_IMAGE_TYPE_RAW',
                      'COMPUTE_IMAGE_TYPE_AKI', 'COMPUTE_STORAGE_BUS_VIRTIO',
                      'COMPUTE_NET_VIF_MODEL_VIRTIO',
                      'COMPUTE_GRAPHICS_MODEL_CIRRUS'):
            self.assertIn(trait, traits)

    def test_excluded_image_types_are_not_traits(self):
        self.flags(group='compute', image_type_exclude_list=['raw'])
        tree = self._tree(['COMPUTE_IMAGE_TYPE_RAW'])
        self.driver.update_provider_tree(tree, 'vm')
        self.assertNotIn('COMPUTE_IMAGE_TYPE_RAW', tree.data('vm').traits)

    def test_host_uptime(self):
        self.assertIn('load average', self.driver.get_host_uptime())
        self.assertIn('load average', resources.uptime_from_proc())

    def test_loads_by_entry_point_name(self):
        loaded = driver.load_compute_driver(virtapi.FakeVirtAPI(),
                                            'libvirt.LibvirtDriver')
        self.assertIsInstance(loaded, libvirt_driver.LibvirtDriver)

    def test_refuses_eventlet(self):
        self.useFixture(fixtures.MockPatch(
            'nova_clone.monkey_patch.is_eventlet', return_value=True))
        drv = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        exc = self.assertRaises(exception.NovaException, drv.init_host,
                                'compute1')
        self.assertIn('native threads', str(exc))

    def test_default_uri_follows_virt_type(self):
        self.flags(group='libvirt', connection_uri='', virt_type='kvm')
        drv = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        self.assertEqual('qemu:///system', drv._uri)

    def test_unsupported_images_type_fails_init_host(self):
        self.flags(group='libvirt', images_type='rbd')
        drv = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        self.assertRaises(Exception, drv.init_host, 'compute1')


class HostCapabilitiesTestCase(base.LibvirtTestCase):
    """Pure functions over a capabilities document."""

    USES_IMAGES = False

    def test_cpu_feature_traits(self):
        self.assertEqual(
            {'HW_CPU_X86_SSE42', 'HW_CPU_X86_SSE41', 'HW_CPU_X86_AESNI',
             'HW_CPU_X86_VMX', 'HW_CPU_X86_INTEL_VMX', 'HW_CPU_X86_AVX512F',
             'HW_CPU_X86_CLMUL', 'HW_CPU_X86_AMD_SVM', 'HW_CPU_X86_SVM'},
            resources.cpu_feature_traits(
                ['sse4.2', 'SSE4.1', 'aes', 'vmx', 'avx512f', 'pclmuldq',
                 'svm', 'hypervisor', 'pae']))

    def test_host_cpu_and_instances(self):
        caps = etree.fromstring(CAPS)
        cpu = resources.host_cpu(caps)
        self.assertEqual('Haswell', cpu['model'])
        self.assertEqual({'sockets': 1, 'cores': 2, 'threads': 2},
                         cpu['topology'])
        self.assertIn('sse4.2', cpu['features'])
        self.assertEqual([['x86_64', 'qemu', 'hvm'], ['x86_64', 'kvm', 'hvm'],
                          ['i686', 'qemu', 'hvm']],
                         resources.supported_instances(caps))
        self.assertEqual({'COMPUTE_ARCH_X86_64'},
                         resources.arch_traits(caps))

    def test_test_driver_features_are_listed(self):
        conn = self.driver._host.get_connection()
        caps = self.driver._host.get_capabilities()
        self.assertEqual(['nonpae', 'pae'],
                         resources.expanded_cpu_features(conn, caps))


class HostConnectionTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    def test_reconnects_after_the_connection_closed(self):
        changes = []
        host = self.driver._host
        host._conn_handler = lambda enabled, reason: changes.append(enabled)
        first = host.get_connection()
        first.close()
        second = host.get_connection()
        self.assertIsNot(first, second)
        self.assertEqual(1, second.isAlive())
        self.assertIn(True, changes)

    def test_close_callback_reports_lost_then_back(self):
        changes = []
        host = self.driver._host
        host._conn_handler = lambda enabled, reason: changes.append(enabled)
        conn = host.get_connection()
        # What libvirt calls when libvirtd goes away (from its loop).
        host._close_callback(conn, libvirt.VIR_CONNECT_CLOSE_REASON_EOF,
                             None)
        self.assertEqual([False], changes)
        self.assertEqual(['vm'], self.driver.get_available_nodes())
        self.assertEqual([False, True], changes)

    def test_unreachable_libvirt(self):
        self.flags(group='libvirt',
                   connection_uri='test://%s' % os.path.join(self.tmp, 'no'))
        drv = libvirt_driver.LibvirtDriver(virtapi.FakeVirtAPI())
        from nova_clone.exception import virt as virt_exc
        self.assertRaises(virt_exc.HypervisorUnavailable, drv.init_host,
                          'compute1')

    def test_connection_error_codes(self):
        err = libvirt.libvirtError('gone')
        err.err = (libvirt.VIR_ERR_SYSTEM_ERROR,) + (None,) * 8
        self.assertTrue(self.driver._host.is_connection_error(err))
        self.assertFalse(self.driver._host.is_connection_error(
            ValueError('x')))
