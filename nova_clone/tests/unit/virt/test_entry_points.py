"""The installed entry points load the drivers by nova's names."""

from nova_clone.exception import virt as virt_exc
from nova_clone.tests import base
from nova_clone.virt import driver
from nova_clone.virt import fake
from nova_clone.virt import virtapi


class EntryPointTestCase(base.NoDBTestCase):

    def test_fake_drivers_load_by_name(self):
        for name, cls in (('fake.FakeDriver', fake.FakeDriver),
                          ('fake.SmallFakeDriver', fake.SmallFakeDriver),
                          ('fake.MediumFakeDriver', fake.MediumFakeDriver)):
            loaded = driver.load_compute_driver(virtapi.FakeVirtAPI(), name)
            self.assertIsInstance(loaded, cls)

    def test_compute_driver_option_is_used(self):
        self.flags(compute_driver='fake.SmallFakeDriver')
        loaded = driver.load_compute_driver(virtapi.FakeVirtAPI())
        self.assertIsInstance(loaded, fake.SmallFakeDriver)

    def test_unknown_name_lists_installed_drivers(self):
        exc = self.assertRaises(virt_exc.ComputeDriverNotFound,
                                driver.load_compute_driver,
                                virtapi.FakeVirtAPI(), 'fake.NoSuchDriver')
        msg = exc.format_message()
        self.assertIn('fake.NoSuchDriver', msg)
        self.assertIn('fake.FakeDriver', msg)
        self.assertIn('fake.FakeDriver', driver.available_driver_names())
