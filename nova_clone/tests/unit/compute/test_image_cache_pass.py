"""The compute manager's image cache periodic asks the driver only when
the driver keeps a cache and the pass is not disabled."""

from unittest import mock

from nova_clone import objects
from nova_clone.tests.unit.compute import base


class ImageCachePassTest(base.ComputeTestCase):

    def setUp(self):
        super().setUp()
        self.compute = self.start_compute()
        self.instances = objects.InstanceList(objects=[])
        patcher = mock.patch.object(objects.InstanceList, 'get_by_host',
                                    return_value=self.instances)
        self.get_by_host = patcher.start()
        self.addCleanup(patcher.stop)
        self.manage = mock.patch.object(self.compute.driver,
                                        'manage_image_cache').start()
        self.addCleanup(mock.patch.stopall)

    def test_driver_without_cache_is_left_alone(self):
        self.compute.driver.capabilities = dict(
            self.compute.driver.capabilities, has_imagecache=False)
        self.compute._run_image_cache_manager_pass(self.context)
        self.manage.assert_not_called()

    def test_driver_with_cache_gets_this_hosts_instances(self):
        self.compute.driver.capabilities = dict(
            self.compute.driver.capabilities, has_imagecache=True)
        self.compute._run_image_cache_manager_pass(self.context)
        self.get_by_host.assert_called_once_with(
            self.context, self.compute.host, expected_attrs=[])
        self.manage.assert_called_once_with(self.context, self.instances)
        self.flags(manager_interval=-1, group='image_cache')
        self.compute._run_image_cache_manager_pass(self.context)
        self.assertEqual(1, self.manage.call_count)
