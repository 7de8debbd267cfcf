"""Retry bookkeeping and legacy filter properties of the build flows."""

from oslo_utils import uuidutils

from nova_clone.conductor import build_utils
from nova_clone.conductor import manager as conductor_manager
from nova_clone import exception
from nova_clone import objects
from nova_clone.tests import base

UUID = uuidutils.generate_uuid()


class PopulateRetryTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()

    def test_counts_attempts_up_to_max(self):
        self.flags(max_attempts=2, group='scheduler')
        props = {}
        build_utils.populate_retry(props, UUID)
        self.assertEqual({'num_attempts': 1, 'hosts': []}, props['retry'])
        build_utils.populate_retry(props, UUID)
        self.assertEqual(2, props['retry']['num_attempts'])
        exc = self.assertRaises(exception.MaxRetriesExceeded,
                                build_utils.populate_retry, props, UUID)
        self.assertIn('Exceeded max scheduling attempts 2',
                      exc.format_message())
        self.assertIsInstance(exc, exception.NoValidHost)

    def test_last_error_reason_is_reported_and_dropped(self):
        self.flags(max_attempts=1 + 1, group='scheduler')
        props = {'retry': {'num_attempts': 2, 'hosts': [['h1', 'h1']],
                           'exc_reason': 'disk on fire'}}
        exc = self.assertRaises(exception.MaxRetriesExceeded,
                                build_utils.populate_retry, props, UUID)
        self.assertIn('disk on fire', exc.format_message())
        self.assertNotIn('exc_reason', props['retry'])

    def test_disabled_by_one_attempt_or_one_forced_host(self):
        self.flags(max_attempts=1, group='scheduler')
        props = {}
        build_utils.populate_retry(props, UUID)
        self.assertNotIn('retry', props)
        self.flags(max_attempts=3, group='scheduler')
        props = {'force_hosts': ['h1']}
        build_utils.populate_retry(props, UUID)
        self.assertNotIn('retry', props)
        props = {'force_hosts': ['h1', 'h2']}
        build_utils.populate_retry(props, UUID)
        self.assertEqual(1, props['retry']['num_attempts'])

    def test_populate_filter_properties_records_host_and_limits(self):
        props = {'retry': {'num_attempts': 1, 'hosts': []}}
        selection = objects.Selection(
            compute_node_uuid=uuidutils.generate_uuid(),
            service_host='h1', nodename='n1',
            cell_uuid=uuidutils.generate_uuid(),
            limits=objects.SchedulerLimits(memory_mb=2048, vcpu=None,
                                           disk_gb=None, numa_topology=None))
        build_utils.populate_filter_properties(props, selection)
        self.assertEqual([['h1', 'n1']], props['retry']['hosts'])
        self.assertEqual({'memory_mb': 2048}, props['limits'])

    def test_legacy_filter_properties(self):
        flavor = objects.Flavor(vcpus=1, memory_mb=1, root_gb=1)
        group = objects.InstanceGroup(uuid=UUID, policy='anti-affinity',
                                      members=['a'], hosts=['h1'])
        spec = objects.RequestSpec(
            instance_uuid=UUID, flavor=flavor,
            scheduler_hints={'same_host': ['x']}, force_hosts=['h2'],
            force_nodes=None, ignore_hosts=None, instance_group=group)
        props = build_utils.legacy_filter_properties(spec)
        self.assertEqual({'same_host': ['x']}, props['scheduler_hints'])
        self.assertEqual(['h2'], props['force_hosts'])
        self.assertNotIn('force_nodes', props)
        self.assertEqual({'anti-affinity'}, props['group_policies'])
        self.assertEqual({'h1'}, props['group_hosts'])
        self.assertEqual(UUID, props['group_uuid'])


class ComputeTaskEndpointTestCase(base.NoDBTestCase):

    def test_served_beside_the_conductor_manager(self):
        mgr = conductor_manager.ConductorManager(host='c1')
        [task] = mgr.additional_endpoints
        self.assertIsInstance(task, conductor_manager.ComputeTaskManager)
        self.assertEqual('compute_task', task.target.namespace)
        self.assertEqual('1.1', task.target.version)
        self.assertIsNone(mgr.target.namespace)
