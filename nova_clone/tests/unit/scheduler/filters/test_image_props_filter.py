"""ImagePropertiesFilter: architecture, hypervisor type, VM mode and
hypervisor version against the host's supported instances.
"""

from nova_clone.scheduler.filters import image_props_filter
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

KVM_X86 = [['x86_64', 'kvm', 'hvm']]


class ImagePropertiesFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = image_props_filter.ImagePropertiesFilter()

    def _passes(self, props, supported=None, version=6000000):
        host = fakes.host_state(supported_instances=supported or [],
                                hypervisor_version=version)
        return self.filt.host_passes(host,
                                     fakes.spec(image=fakes.image(props)))

    def test_no_properties_passes(self):
        self.assertTrue(self._passes({}, KVM_X86))
        self.assertTrue(self._passes({}, []))

    def test_all_match(self):
        self.assertTrue(self._passes({'hw_architecture': 'x86_64',
                                      'img_hv_type': 'kvm',
                                      'hw_vm_mode': 'hvm'}, KVM_X86))

    def test_architecture_mismatch(self):
        self.assertFalse(self._passes({'hw_architecture': 'aarch64'},
                                      KVM_X86))

    def test_hv_type_mismatch(self):
        self.assertFalse(self._passes({'img_hv_type': 'xen'}, KVM_X86))

    def test_vm_mode_mismatch(self):
        self.assertFalse(self._passes({'hw_vm_mode': 'exe'}, KVM_X86))

    def test_properties_without_supported_instances(self):
        self.assertFalse(self._passes({'hw_architecture': 'x86_64'}, []))

    def test_legacy_names_and_aliases(self):
        # 'architecture' is the old property name; amd64 means x86_64 and
        # 'hv' means hvm.
        self.assertTrue(self._passes({'architecture': 'x86_64',
                                      'vm_mode': 'hvm'}, KVM_X86))
        self.assertEqual('x86_64', image_props_filter._canonical(
            'AMD64', image_props_filter._ARCH_ALIASES))
        self.assertEqual('hvm', image_props_filter._canonical(
            'hv', image_props_filter._VM_MODE_ALIASES))

    def test_one_of_several_supported(self):
        supported = [['aarch64', 'kvm', 'hvm'], ['x86_64', 'qemu', 'hvm']]
        self.assertTrue(self._passes({'hw_architecture': 'x86_64'},
                                     supported))

    def test_default_architecture(self):
        self.flags(group='filter_scheduler',
                   image_properties_default_architecture='aarch64')
        self.assertFalse(self._passes({}, KVM_X86))
        self.assertTrue(self._passes({}, [['aarch64', 'kvm', 'hvm']]))

    def test_requested_version(self):
        props = {'img_hv_type': 'kvm', 'img_hv_requested_version': '>=6.0'}
        self.assertTrue(self._passes(props, KVM_X86, version=6000000))
        self.assertFalse(self._passes(props, KVM_X86, version=5002000))

    def test_requested_version_range(self):
        props = {'img_hv_type': 'kvm',
                 'img_hv_requested_version': '>=6.0,<7.0'}
        self.assertTrue(self._passes(props, KVM_X86, version=6002001))
        self.assertFalse(self._passes(props, KVM_X86, version=7000000))

    def test_version_satisfies(self):
        check = image_props_filter.version_satisfies
        self.assertTrue(check('6.1.0', '>=6.1'))
        self.assertTrue(check('6.1.0', '6.1'))
        self.assertFalse(check('6.1.0', '!=6.1'))
        self.assertTrue(check('6.1.0', '>6,<=6.1'))
        self.assertFalse(check('6.1.0', '>= not.a.version'))
