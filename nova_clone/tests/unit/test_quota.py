"""The quota engine's arithmetic: how many servers of a boot request fit,
the 403 messages, limit resolution and what a new limit must respect.
"""

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
                       'metadata_items': 128, 'server_groups': 10,
                       'server_group_members': 10, 'key_pairs': 100}
        self.user_limits = {}
        self.usage = {'instances': 0, 'cores': 0, 'ram': 0}
        self.user_usage = None

        def get_limits(ctx, project_id, user_id=None):
            limits = dict(self.limits)
            if user_id:
                limits.update(self.user_limits)
            return limits

        def count_instances(ctx, project_id, user_id=None):
            counts = {'project': dict(self.usage)}
            if user_id:
                counts['user'] = dict(self.user_usage or self.usage)
            return counts

        self.useFixture(fixtures.MockPatchObject(
            quota, 'get_limits', side_effect=get_limits))
        self.useFixture(fixtures.MockPatchObject(
            quota, 'count_instances', side_effect=count_instances))

    def check(self, min_count, max_count):
        return quota.check_num_instances_quota(self.context, self.flavor,
                                               min_count, max_count)

    def test_all_fit(self):
        self.assertEqual(5, self.check(1, 5))
        self.assertEqual(10, self.check(10, 10))

    def test_max_count_shrinks_to_what_fits(self):
        self.usage.update(instances=7, cores=14)
        self.assertEqual(3, self.check(1, 5))
        self.usage.update(instances=0, cores=16)
        self.assertEqual(2, self.check(2, 5))
        self.usage.update(cores=0, ram=51200 - 3 * 1024)
        self.assertEqual(3, self.check(1, 5))

    def test_unlimited(self):
        self.limits.update(instances=-1, cores=-1, ram=-1)
        self.usage.update(instances=1000, cores=5000)
        self.assertEqual(50, self.check(50, 50))

    def test_zero_sized_flavor_only_counts_instances(self):
        self.flavor = objects.Flavor(vcpus=0, memory_mb=0)
        self.usage.update(cores=20, ram=51200)
        self.assertEqual(10, self.check(1, 10))

    def test_one_over(self):
        self.usage.update(instances=9)
        exc = self.assertRaises(exception.TooManyInstances, self.check, 2, 2)
        self.assertEqual('Quota exceeded for instances: Requested 2, but '
                         'already used 9 of 10 instances',
                         exc.format_message())
        self.assertEqual(403, exc.code)

    def test_every_over_resource_is_named_sorted(self):
        self.usage.update(instances=9, cores=19, ram=0)
        exc = self.assertRaises(exception.TooManyInstances, self.check, 2, 2)
        self.assertEqual('Quota exceeded for cores, instances: Requested '
                         '4, 2, but already used 19, 9 of 20, 10 cores, '
                         'instances', exc.format_message())

    def test_range_requested_shows_min_and_max(self):
        self.usage.update(instances=10)
        exc = self.assertRaises(exception.TooManyInstances, self.check, 1, 3)
        self.assertEqual('Quota exceeded for instances: Requested 1-3, but '
                         'already used 10 of 10 instances',
                         exc.format_message())

    def test_usage_already_over_the_limit(self):
        self.usage.update(cores=30)
        exc = self.assertRaises(exception.TooManyInstances, self.check, 1, 1)
        self.assertIn('already used 30 of 20 cores', exc.format_message())

    def test_user_limit_is_tighter(self):
        self.user_limits = {'instances': 3}
        self.user_usage = {'instances': 2, 'cores': 4, 'ram': 2048}
        self.usage.update(instances=5, cores=10, ram=5120)
        self.assertEqual(1, self.check(1, 4))
        exc = self.assertRaises(exception.TooManyInstances, self.check, 2, 4)
        self.assertEqual('Quota exceeded for instances: Requested 2-4, but '
                         'already used 2 of 3 instances',
                         exc.format_message())

    def test_project_limit_is_tighter(self):
        self.user_limits = {'instances': -1}
        self.user_usage = {'instances': 1, 'cores': 2, 'ram': 1024}
        self.usage.update(instances=8)
        self.assertEqual(2, self.check(1, 5))

    def test_noop_driver(self):
        self.flags(driver=quota.NOOP_DRIVER, group='quota')
        self.usage.update(instances=100)
        self.assertEqual(5, self.check(5, 5))

    def test_metadata_items(self):
        self.limits['metadata_items'] = 1
        quota.check_metadata_quota(self.context, {'a': '1'})
        exc = self.assertRaises(exception.MetadataLimitExceeded,
                                quota.check_metadata_quota, self.context,
                                {'a': '1', 'b': '2'})
        self.assertEqual('Maximum number of metadata items exceeds 1',
                         exc.format_message())
        self.assertEqual(403, exc.code)
        self.limits['metadata_items'] = -1
        quota.check_metadata_quota(self.context, dict.fromkeys('abcdef'))

    def test_server_groups(self):
        counts = {'project': {'server_groups': 9},
                  'user': {'server_groups': 1}}
        with mock.patch.object(objects.InstanceGroupList, 'get_counts',
                               return_value=counts):
            quota.check_server_groups(self.context, 'p', 'u')
            counts['project']['server_groups'] = 10
            exc = self.assertRaises(exception.OverQuota,
                                    quota.check_server_groups,
                                    self.context, 'p', 'u')
            self.assertEqual('Quota exceeded, too many server groups.',
                             exc.format_message())
            counts['project']['server_groups'] = 0
            self.user_limits = {'server_groups': 1}
            self.assertRaises(exception.OverQuota, quota.check_server_groups,
                              self.context, 'p', 'u')

    def test_server_group_members(self):
        self.limits['server_group_members'] = 2
        group = mock.Mock(members=['a', 'b', 'c'])
        mappings = [mock.Mock(user_id='u', queued_for_delete=False),
                    mock.Mock(user_id='other', queued_for_delete=False),
                    mock.Mock(user_id='u', queued_for_delete=True)]
        with mock.patch.object(objects.InstanceMappingList,
                               'get_by_instance_uuids',
                               return_value=mappings):
            quota.check_server_group_members(self.context, group, 1)
            exc = self.assertRaises(exception.OverQuota,
                                    quota.check_server_group_members,
                                    self.context, group, 2)
            self.assertEqual('Quota exceeded, too many servers in group',
                             exc.format_message())

    def test_key_pairs(self):
        self.limits['key_pairs'] = 2
        with mock.patch.object(objects.KeyPairList, 'get_count_by_user',
                               return_value=1):
            quota.check_key_pairs(self.context)
            self.limits['key_pairs'] = 1
            self.assertRaises(exception.KeypairLimitExceeded,
                              quota.check_key_pairs, self.context)


class LimitResolutionTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.context = mock.Mock(project_id='p', user_id='u')
        self.default_class = {}
        self.classes = {}
        self.project = {}
        self.users = {}
        for name, func in (
                ('get_default_class',
                 lambda ctx: dict(self.default_class)),
                ('get_all_class_by_name',
                 lambda ctx, name: dict(self.classes, class_name=name)),
                ('get_all_by_project',
                 lambda ctx, p: dict(self.project, project_id=p)),
                ('get_all_by_project_and_user',
                 lambda ctx, p, u: dict(self.users.get(u, {}),
                                        project_id=p, user_id=u))):
            self.useFixture(fixtures.MockPatchObject(
                objects.Quotas, name, side_effect=func))

    def test_most_specific_wins(self):
        self.flags(cores=30, group='quota')
        self.default_class.update(cores=40, ram=100)
        self.project.update(cores=50)
        self.users['u'] = {'cores': 5}
        self.assertEqual(30, quota._config_defaults()['cores'])
        self.assertEqual(40, quota.get_defaults(self.context)['cores'])
        self.assertEqual(50, quota.get_limits(self.context, 'p')['cores'])
        self.assertEqual(100, quota.get_limits(self.context, 'p')['ram'])
        self.assertEqual(5, quota.get_limits(self.context, 'p',
                                             'u')['cores'])
        self.assertEqual(50, quota.get_limits(self.context, 'p',
                                              'x')['cores'])

    def test_deprecated_and_renamed_resources(self):
        self.flags(injected_file_path_length=99, group='quota')
        limits = quota.get_defaults(self.context)
        self.assertEqual(99, limits['injected_file_path_bytes'])
        for name in quota.NETWORK_RESOURCES:
            self.assertEqual(-1, limits[name])
        self.assertEqual(set(quota.RESOURCES), set(limits))

    def test_class_quotas_fall_back_to_defaults(self):
        self.default_class.update(instances=7)
        self.classes.update(cores=3)
        limits = quota.get_class_quotas(self.context, 'gold')
        self.assertEqual((7, 3), (limits['instances'], limits['cores']))
        self.assertNotIn('class_name', limits)

    def test_noop_driver_is_unlimited(self):
        self.flags(driver=quota.NOOP_DRIVER, group='quota')
        self.project.update(cores=1)
        quotas = quota.get_project_quotas(self.context, 'p', usages=True)
        self.assertEqual({'limit': -1, 'in_use': -1, 'reserved': -1},
                         quotas['cores'])

    @mock.patch.object(quota, '_user_limit_totals')
    @mock.patch.object(quota, 'count_usage')
    def test_settable_quotas(self, count_usage, totals):
        count_usage.side_effect = lambda ctx, p, u=None: (
            {'instances': 1, 'cores': 2, 'ram': 512, 'server_groups': 0}
            if u else
            {'instances': 4, 'cores': 8, 'ram': 2048, 'server_groups': 1})
        self.project.update(instances=10)
        settable = quota.get_settable_quotas(self.context, 'p')
        self.assertEqual({'minimum': 4, 'maximum': -1},
                         settable['instances'])
        self.assertEqual({'minimum': 0, 'maximum': -1},
                         settable['key_pairs'])
        # Two users hold 3 + 4 of the project's 10 instances; u's own 3
        # may be given back.
        self.users['u'] = {'instances': 3}
        totals.return_value = {'instances': 7}
        settable = quota.get_settable_quotas(self.context, 'p', 'u')
        self.assertEqual({'minimum': 1, 'maximum': 6},
                         settable['instances'])
        self.assertEqual({'minimum': 0, 'maximum': 128},
                         settable['metadata_items'])
        self.assertEqual({'minimum': 0, 'maximum': -1},
                         settable['fixed_ips'])
