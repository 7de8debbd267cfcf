"""HostState updates and consumption; HostManager plugin loading and
the ignore/force/destination handling around the filters.
"""

import datetime

import fixtures
from oslo_utils import timeutils

from nova_clone.exception import build as build_exc
from nova_clone import objects
from nova_clone.scheduler import filters
from nova_clone.scheduler.filters import all_hosts_filter
from nova_clone.scheduler import host_manager
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

NODE_UUID = '1c1b6a7e-4a1b-4a3e-9d6f-6f0a0c9d3b11'


def _compute_node(**kw):
    values = dict(id=1, uuid=NODE_UUID, host='host1',
                  hypervisor_hostname='node1', vcpus=8, memory_mb=8192,
                  local_gb=100, vcpus_used=2, memory_mb_used=1024,
                  local_gb_used=10, free_ram_mb=7168, free_disk_gb=90,
                  disk_available_least=None, hypervisor_type='fake',
                  hypervisor_version=1000, cpu_info='{}', host_ip=None,
                  stats={'num_instances': '3', 'io_workload': '1',
                         'failed_builds': '2', 'num_proj_p1': '3'},
                  supported_hv_specs=[objects.HVSpec(
                      arch='x86_64', hv_type='fake', vm_mode='hvm')],
                  cpu_allocation_ratio=16.0, ram_allocation_ratio=1.5,
                  disk_allocation_ratio=1.0,
                  updated_at=timeutils.utcnow(with_timezone=False))
    values.update(kw)
    return objects.ComputeNode(**values)


class HostStateTestCase(base.NoDBTestCase):

    def test_update_from_compute_node(self):
        state = host_manager.HostState('host1', 'node1', fakes.CELL1)
        agg = fakes.aggregate({'availability_zone': 'az1'})
        inst = fakes.instance()
        state.update(_compute_node(), {'host': 'host1', 'disabled': False},
                     [agg], {inst.uuid: inst})
        self.assertEqual(NODE_UUID, state.uuid)
        self.assertEqual(7168, state.free_ram_mb)
        self.assertEqual(90 * 1024, state.free_disk_mb)
        self.assertEqual(10 * 1024, state.disk_mb_used)
        self.assertEqual((8, 2), (state.vcpus_total, state.vcpus_used))
        self.assertEqual((3, 1, 2), (state.num_instances, state.num_io_ops,
                                     state.failed_builds))
        self.assertEqual([['x86_64', 'fake', 'hvm']],
                         state.supported_instances)
        self.assertEqual(16.0, state.cpu_allocation_ratio)
        self.assertEqual('az1', state.availability_zone)
        self.assertEqual([inst.uuid], list(state.instances))
        self.assertFalse(state.service['disabled'])

    def test_disk_available_least_caps_free_disk(self):
        state = host_manager.HostState('host1', 'node1', fakes.CELL1)
        state.update(_compute_node(disk_available_least=50))
        self.assertEqual(50 * 1024, state.free_disk_mb)

    def test_default_zone(self):
        self.flags(default_availability_zone='nova')
        state = host_manager.HostState('host1', 'node1', fakes.CELL1)
        state.update(aggregates=[])
        self.assertEqual('nova', state.availability_zone)

    def test_consume_from_request(self):
        state = host_manager.HostState('host1', 'node1', fakes.CELL1)
        state.update(_compute_node())
        state.consume_from_request(fakes.spec(fakes.flavor(
            vcpus=2, memory_mb=1024, root_gb=5, ephemeral_gb=1)))
        self.assertEqual(6144, state.free_ram_mb)
        self.assertEqual(84 * 1024, state.free_disk_mb)
        self.assertEqual(4, state.vcpus_used)
        self.assertEqual(4, state.num_instances)
        self.assertEqual(2, state.num_io_ops)
        self.assertIsNotNone(state.updated)

    def test_consumed_state_kept_until_node_reports_newer(self):
        state = host_manager.HostState('host1', 'node1', fakes.CELL1)
        old = timeutils.utcnow(with_timezone=False) - datetime.timedelta(
            minutes=5)
        state.update(_compute_node(updated_at=old))
        state.consume_from_request(fakes.spec(fakes.flavor(memory_mb=1024)))
        state.update(_compute_node(updated_at=old))
        self.assertEqual(6144, state.free_ram_mb)
        state.update(_compute_node(
            updated_at=timeutils.utcnow(with_timezone=False) +
            datetime.timedelta(seconds=5)))
        self.assertEqual(7168, state.free_ram_mb)

    def test_repr(self):
        state = fakes.host_state('host1', free_ram_mb=512)
        self.assertIn('(host1, host1) ram: 512MB', repr(state))


class LoadPluginsTestCase(base.NoDBTestCase):

    def test_default_filters_and_weighers(self):
        manager = host_manager.HostManager()
        self.assertEqual(
            ['ComputeFilter', 'ComputeCapabilitiesFilter',
             'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter',
             'ServerGroupAffinityFilter'],
            [f.__class__.__name__ for f in manager.enabled_filters])
        names = {w.__class__.__name__ for w in manager.weighers}
        self.assertIn('RAMWeigher', names)
        self.assertIn('BuildFailureWeigher', names)

    def test_unknown_filter(self):
        self.flags(group='filter_scheduler',
                   enabled_filters=['ComputeFilter', 'NoSuchFilter'])
        exc = self.assertRaises(build_exc.SchedulerHostFilterNotFound,
                                host_manager.HostManager)
        self.assertIn('NoSuchFilter', str(exc))

    def test_nova_weight_classes_alias(self):
        self.flags(group='filter_scheduler',
                   weight_classes=['nova.scheduler.weights.all_weighers'])
        manager = host_manager.HostManager()
        self.assertGreaterEqual(len(manager.weighers), 7)

    def test_named_weigher(self):
        self.flags(group='filter_scheduler',
                   weight_classes=['RAMWeigher', 'nova_clone.scheduler.'
                                   'weights.disk.DiskWeigher'])
        manager = host_manager.HostManager()
        self.assertEqual(['RAMWeigher', 'DiskWeigher'],
                         [w.__class__.__name__ for w in manager.weighers])

    def test_unknown_weigher(self):
        self.flags(group='filter_scheduler', weight_classes=['NoWeigher'])
        self.assertRaises(build_exc.SchedulerWeigherNotFound,
                          host_manager.HostManager)

    def test_available_filters_by_path(self):
        self.flags(group='filter_scheduler',
                   available_filters=['nova_clone.scheduler.filters.'
                                      'all_hosts_filter.AllHostsFilter'],
                   enabled_filters=['AllHostsFilter'])
        manager = host_manager.HostManager()
        self.assertIsInstance(manager.enabled_filters[0],
                              all_hosts_filter.AllHostsFilter)
        self.flags(group='filter_scheduler',
                   enabled_filters=['ComputeFilter'])
        self.assertRaises(build_exc.SchedulerHostFilterNotFound,
                          manager.load_plugins)

    def test_all_filters(self):
        names = {cls.__name__ for cls in filters.all_filters()}
        self.assertIn('AvailabilityZoneFilter', names)
        self.assertIn('SameHostFilter', names)


class _RejectHost2(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj):
        return host_state.host != 'host2'


class _RejectAll(filters.BaseHostFilter):
    run_filter_once_per_request = True

    def host_passes(self, host_state, spec_obj):
        return False


class GetFilteredHostsTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.manager = host_manager.HostManager()
        self.manager.enabled_filters = [_RejectHost2()]
        self.hosts = [fakes.host_state('host1'), fakes.host_state('host2'),
                      fakes.host_state('Host3', node='node3')]

    def _names(self, spec, index=0):
        return [h.host for h in self.manager.get_filtered_hosts(
            self.hosts, spec, index)]

    def test_filters_applied(self):
        self.assertEqual(['host1', 'Host3'], self._names(fakes.spec()))

    def test_ignore_hosts(self):
        self.assertEqual(['Host3'], self._names(fakes.spec(
            ignore_hosts=['HOST1'])))

    def test_force_hosts_skip_filters(self):
        self.assertEqual(['host2'], self._names(fakes.spec(
            force_hosts=['host2'])))

    def test_force_nodes(self):
        self.assertEqual(['Host3'], self._names(fakes.spec(
            force_nodes=['NODE3'])))

    def test_forced_with_check_type_still_filtered(self):
        spec = fakes.spec(force_hosts=['host2'], scheduler_hints={
            '_nova_check_type': ['live_migrate']})
        self.assertEqual([], self._names(spec))

    def test_force_no_match(self):
        self.assertEqual([], self._names(fakes.spec(force_hosts=['nope'])))

    def test_requested_destination(self):
        dest = objects.Destination(host='Host3', node='node3')
        self.assertEqual(['Host3'], self._names(fakes.spec(
            requested_destination=dest)))
        dest = objects.Destination(host='host1', node='other')
        self.assertEqual([], self._names(fakes.spec(
            requested_destination=dest)))

    def test_retry_hosts_skipped(self):
        node = objects.ComputeNode(host='host1', hypervisor_hostname='host1')
        retry = objects.SchedulerRetries(
            num_attempts=1, hosts=objects.ComputeNodeList(objects=[node]))
        self.assertEqual(['Host3'], self._names(fakes.spec(retry=retry)))

    def test_once_per_request_filters_skipped_after_first(self):
        self.manager.enabled_filters = [_RejectAll()]
        self.assertEqual([], self._names(fakes.spec()))
        self.assertEqual(['host1', 'host2', 'Host3'],
                         self._names(fakes.spec(), index=1))

    def test_filter_removing_all_is_logged(self):
        logger = self.useFixture(fixtures.FakeLogger(level='INFO'))
        self.manager.enabled_filters = [_RejectHost2(), _RejectAll()]
        self.assertEqual([], self._names(fakes.spec()))
        self.assertIn('Filter _RejectAll returned 0 hosts', logger.output)
        self.assertIn('_RejectHost2: (start: 3, end: 2)', logger.output)
        self.assertIn('_RejectAll: (start: 2, end: 0)', logger.output)


class _Prepared(filters.BaseHostFilter):
    """Keeps hosts named in the request's hint ``keep``."""

    def __init__(self):
        self.prepared = 0
        self.checked = []

    def request_values(self, spec_obj):
        self.prepared += 1
        keep = spec_obj.get_scheduler_hint('keep')
        if not keep:
            return filters.ALL_PASS
        return {keep} if isinstance(keep, str) else set(keep)

    def passes(self, host_state, keep):
        self.checked.append(host_state.host)
        return host_state.host in keep


class PreparedFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = _Prepared()
        self.hosts = [fakes.host_state('host1'), fakes.host_state('host2')]

    def test_prepared_once_per_pass(self):
        spec = fakes.spec(scheduler_hints={'keep': ['host2']})
        self.assertEqual([self.hosts[1]],
                         list(self.filt.filter_all(self.hosts, spec)))
        self.assertEqual(1, self.filt.prepared)
        self.assertEqual(['host1', 'host2'], self.filt.checked)

    def test_all_pass_looks_at_no_host(self):
        self.assertEqual(self.hosts, list(self.filt.filter_all(
            self.hosts, fakes.spec())))
        self.assertEqual([], self.filt.checked)

    def test_host_passes_prepares_for_one_host(self):
        spec = fakes.spec(scheduler_hints={'keep': ['host2']})
        self.assertFalse(self.filt.host_passes(self.hosts[0], spec))
        self.assertTrue(self.filt.host_passes(self.hosts[1], spec))
        self.assertTrue(self.filt.host_passes(self.hosts[0], fakes.spec()))

    def test_unprepared_filter_must_define_host_passes(self):
        self.assertRaises(NotImplementedError,
                          filters.BaseHostFilter().host_passes,
                          self.hosts[0], fakes.spec())


class InstancesOfStateTestCase(base.NoDBTestCase):

    def test_same_uuids_keep_the_dict(self):
        state = fakes.host_state('host1')
        state.instances = {'a': objects.Instance(uuid='a')}
        self.assertIs(state.instances,
                      host_manager._instances(state, ['a']))

    def test_new_uuids_keep_known_objects(self):
        state = fakes.host_state('host1')
        known = objects.Instance(uuid='a')
        state.instances = {'a': known}
        instances = host_manager._instances(state, ['a', 'b'])
        self.assertIs(known, instances['a'])
        self.assertEqual(('b', 'host1'),
                         (instances['b'].uuid, instances['b'].host))
        self.assertEqual({}, host_manager._instances(state, []))
