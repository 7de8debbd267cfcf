"""How many servers of a boot request fit the quota."""

from unittest import mock

import fixtures

from nova_clone import exception
from nova_clone import objects
from nova_clone import quota
from nova_clone.tests import base


class CheckInstancesTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.context = mock.Mock(project_id='p', user_id='u')
        self.flavor = objects.Flavor(vcpus=2, memory_mb=1024)
        self.limits = {'instances': 10, 'cores': 20, 'ram': 51200,
                       'metadata_items': 128}
        self.usage = {'instances': 0, 'cores': 0, 'ram': 0}
        self.useFixture(fixtures.MockPatchObject(
            quota, 'get_limits',
            side_effect=lambda ctx, p, u=None: dict(self.limits)))
        self.useFixture(fixtures.MockPatchObject(
            quota, 'count_usage',
            side_effect=lambda ctx, p, u=None: dict(self.usage)))

    def check(self, min_count, max_count):
        return quota.check_num_instances_quota(self.context, self.flavor,
                                               min_count, max_count)

    def test_all_fit(self):
        self.assertEqual(5, self.check(1, 5))

    def test_max_count_shrinks_to_what_fits(self):
        self.usage.update(instances=7, cores=14)
        self.assertEqual(3, self.check(1, 5))
        self.usage.update(instances=0, cores=16)
        self.assertEqual(2, self.check(2, 5))

    def test_unlimited(self):
        self.limits.update(instances=-1, cores=-1, ram=-1)
        self.usage.update(instances=1000)
        self.assertEqual(50, self.check(50, 50))

    def test_too_many_names_every_resource_over(self):
        self.usage.update(instances=9, cores=19, ram=0)
        exc = self.assertRaises(exception.TooManyInstances, self.check, 2, 2)
        self.assertEqual('Quota exceeded for instances, cores: Requested 2, '
                         'but already used 9 of 10 instances',
                         exc.format_message())
        self.assertEqual(403, exc.code)

    def test_metadata_items(self):
        self.limits['metadata_items'] = 1
        quota.check_metadata_quota(self.context, {'a': '1'})
        self.assertRaises(exception.MetadataLimitExceeded,
                          quota.check_metadata_quota, self.context,
                          {'a': '1', 'b': '2'})
