"""Extra spec validators (2.86)."""

from nova_clone.api.validation.extra_specs import validators
from nova_clone import exception
from nova_clone.tests import base


class ExtraSpecValidatorsTest(base.NoDBTestCase):

    def _fails(self, name, value, message):
        exc = self.assertRaises(exception.ValidationError,
                                validators.validate, name, value)
        self.assertIn(message, exc.format_message())

    def test_valid(self):
        for name, value in (
                ('hw:cpu_policy', 'dedicated'),
                ('hw:numa_nodes', '2'),
                ('hw:numa_cpus.0', '0-3,^2'),
                ('hw:numa_mem.1', '1024'),
                ('hw:mem_page_size', '2MB'),
                ('hw:boot_menu', 'yes'),
                ('hw_rng:allowed', 'True'),
                ('hw_video:ram_max_mb', '64'),
                ('quota:disk_read_bytes_sec', '1000'),
                ('quota:vif_inbound_average', '10'),
                ('resources:VCPU', '2'),
                ('resources_gpu:VGPU', '1'),
                ('trait:HW_CPU_X86_AVX2', 'required'),
                ('trait1:STORAGE_DISK_SSD', 'forbidden'),
                ('group_policy', 'isolate'),
                ('capabilities:cpu_info:vendor', 'Intel'),
                ('aggregate_instance_extra_specs:ssd', 'true'),
                ('os:secure_boot', 'required'),
                ('accel:device_profile', 'fpga-profile'),
                ('other:anything', 'goes'),
                ('no_namespace', 'goes')):
            validators.validate(name, value)

    def test_invalid_values(self):
        self._fails('hw:cpu_policy', 'maybe', "is not one of: dedicated")
        self._fails('hw:numa_nodes', '0', "less than the min value of '1'")
        self._fails('hw:numa_nodes', 'two', 'is not a valid integer value')
        self._fails('hw:boot_menu', 'perhaps', 'valid boolean-like value')
        self._fails('hw:mem_page_size', 'huge', 'is not of the format')
        self._fails('trait:FOO', 'sometimes', 'is not one of: required')

    def test_unknown_spec_in_known_namespace(self):
        for name in ('hw:bogus', 'quota:bogus', 'hw_rng:bogus',
                     'resources1:lower_case'):
            self._fails(name, '1', "extra spec '%s' does not appear to be "
                        "a valid extra spec." % name)
