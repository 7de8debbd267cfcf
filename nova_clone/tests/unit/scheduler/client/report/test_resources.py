"""resources_from_flavor and the allocation candidates query string."""

from urllib import parse

from nova_clone.exception import base as exc_base
from nova_clone.scheduler.client import report
from nova_clone.tests import base


def _flavor(**kw):
    flavor = {'vcpus': 2, 'memory_mb': 2048, 'root_gb': 10,
              'ephemeral_gb': 0, 'swap': 0, 'extra_specs': {}}
    flavor.update(kw)
    return flavor


class FakeFlavor(object):
    def __init__(self, **kw):
        for key, value in _flavor(**kw).items():
            setattr(self, key, value)


class TestResourcesFromFlavor(base.NoDBTestCase):

    def test_basic_resources(self):
        req = report.resources_from_flavor(_flavor())
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 10},
                         req.unsuffixed.resources)
        # objects work as well as dicts
        from_object = report.resources_from_flavor(FakeFlavor())
        self.assertEqual(req.unsuffixed.resources,
                         from_object.unsuffixed.resources)

    def test_disk_is_root_plus_ephemeral_plus_swap_rounded_up(self):
        for swap, expected in ((0, 15), (1, 16), (1024, 16), (1025, 17),
                               (2048, 17)):
            req = report.resources_from_flavor(
                _flavor(ephemeral_gb=5, swap=swap))
            self.assertEqual(expected, req.unsuffixed.resources['DISK_GB'],
                             'swap=%s' % swap)

    def test_boot_from_volume_leaves_root_out(self):
        req = report.resources_from_flavor(_flavor(swap=512), is_bfv=True)
        self.assertEqual(1, req.unsuffixed.resources['DISK_GB'])
        req = report.resources_from_flavor(_flavor(), is_bfv=True)
        self.assertNotIn('DISK_GB', req.unsuffixed.resources)

    def test_resource_overrides_and_custom_classes(self):
        req = report.resources_from_flavor(_flavor(extra_specs={
            'resources:VCPU': '0', 'resources:MEMORY_MB': '4096',
            'resources:CUSTOM_GPU': '2', 'hw:something': 'else'}))
        self.assertEqual({'MEMORY_MB': 4096, 'DISK_GB': 10, 'CUSTOM_GPU': 2},
                         req.unsuffixed.resources)

    def test_traits(self):
        req = report.resources_from_flavor(_flavor(extra_specs={
            'trait:HW_CPU_X86_AVX2': 'required',
            'trait:CUSTOM_SLOW': 'forbidden'}))
        self.assertEqual({'HW_CPU_X86_AVX2'}, req.unsuffixed.required_traits)
        self.assertEqual({'CUSTOM_SLOW'}, req.unsuffixed.forbidden_traits)

    def test_bad_specs_are_invalid_input(self):
        for specs in ({'trait:CUSTOM_X': 'maybe'},
                      {'resources:VCPU': '-1'},
                      {'resources:VCPU': 'many'},
                      {'resources:lower_case': '1'}):
            self.assertRaises(exc_base.InvalidInput,
                              report.resources_from_flavor,
                              _flavor(extra_specs=specs))

    def test_image_traits(self):
        req = report.resources_from_flavor(
            _flavor(), image_props={'trait:HW_CPU_X86_SSE42': 'required',
                                    'hw_disk_bus': 'scsi'})
        self.assertEqual({'HW_CPU_X86_SSE42'}, req.unsuffixed.required_traits)

    def test_dedicated_cpus_ask_for_pcpu(self):
        req = report.resources_from_flavor(_flavor(extra_specs={
            'hw:cpu_policy': 'dedicated', 'hw:cpu_thread_policy': 'isolate'}))
        self.assertEqual(2, req.unsuffixed.resources['PCPU'])
        self.assertNotIn('VCPU', req.unsuffixed.resources)
        self.assertEqual({'HW_CPU_HYPERTHREADING'},
                         req.unsuffixed.forbidden_traits)

    def test_granular_groups(self):
        req = report.resources_from_flavor(_flavor(extra_specs={
            'resources1:SRIOV_NET_VF': '1', 'trait1:CUSTOM_PHYSNET_A':
            'required', 'resources_gpu:VGPU': '1', 'group_policy': 'isolate'}))
        self.assertEqual(['', '1', '_gpu'],
                         [g.suffix for g in req.groups])
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 10,
                          'SRIOV_NET_VF': 1, 'VGPU': 1},
                         req.merged_resources())
        self.assertEqual({'CUSTOM_PHYSNET_A'}, req.all_required_traits)


class TestQueryString(base.NoDBTestCase):

    def test_simple(self):
        req = report.resources_from_flavor(_flavor(), limit=50)
        self.assertEqual(
            'resources=DISK_GB:10,MEMORY_MB:2048,VCPU:2&limit=50',
            req.to_querystring())

    def test_everything(self):
        req = report.resources_from_flavor(_flavor(extra_specs={
            'trait:HW_CPU_X86_AVX2': 'required',
            'trait:CUSTOM_SLOW': 'forbidden',
            'resources1:VGPU': '1', 'trait1:CUSTOM_GPU_BIG': 'required',
            'group_policy': 'none'}))
        req.unsuffixed.member_of.append({'agg2', 'agg1'})
        req.unsuffixed.forbidden_aggregates.add('agg9')
        req.unsuffixed.in_tree = 'rp-uuid'
        req.root_forbidden.add('COMPUTE_STATUS_DISABLED')
        query = parse.parse_qsl(req.to_querystring())
        self.assertEqual([
            ('resources', 'DISK_GB:10,MEMORY_MB:2048,VCPU:2'),
            ('required', 'HW_CPU_X86_AVX2,!CUSTOM_SLOW'),
            ('member_of', 'in:agg1,agg2'),
            ('member_of', '!in:agg9'),
            ('in_tree', 'rp-uuid'),
            ('resources1', 'VGPU:1'),
            ('required1', 'CUSTOM_GPU_BIG'),
            ('root_required', '!COMPUTE_STATUS_DISABLED'),
            ('group_policy', 'none'),
        ], query)
