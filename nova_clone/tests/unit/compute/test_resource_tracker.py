"""ResourceTracker claims and usage, Stats and Claim."""

from nova_clone.compute import claims
from nova_clone.compute import stats as compute_stats
from nova_clone.compute import task_states
from nova_clone import exception
from nova_clone.tests.unit.compute import base
from nova_clone.tests.unit.compute import fakes


class ClaimTestCase(base.ComputeTestCase):

    def setUp(self):
        super().setUp()
        self.rt = self.compute.rt

    def test_claim_counts_instance_and_binds_it(self):
        inst = self.new_instance(task_state=None)
        before = (self.node.vcpus_used, self.node.memory_mb_used,
                  self.node.local_gb_used)
        claim = self.rt.instance_claim(self.context, inst, 'compute1', {})
        self.assertIsInstance(claim, claims.Claim)
        self.assertEqual((before[0] + 1, before[1] + 512, before[2] + 1),
                         (self.node.vcpus_used, self.node.memory_mb_used,
                          self.node.local_gb_used))
        self.assertEqual(self.node.memory_mb - self.node.memory_mb_used,
                         self.node.free_ram_mb)
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual(('compute1', 'compute1', 'compute1'),
                         (stored.host, stored.node, stored.launched_on))
        self.assertEqual('1', self.node.stats['num_vm_building'])
        self.assertEqual('1', self.node.stats['io_workload'])
        saved = self.conductor.nodes[('compute1', 'compute1')]
        self.assertEqual(self.node.memory_mb_used, saved.memory_mb_used)

    def test_claim_aborted_by_failure(self):
        inst = self.new_instance(task_state=None)
        before = (self.node.vcpus_used, self.node.memory_mb_used)

        def fail():
            with self.rt.instance_claim(self.context, inst, 'compute1', {}):
                raise ValueError('boom')

        self.assertRaises(ValueError, fail)
        self.assertEqual(before, (self.node.vcpus_used,
                                  self.node.memory_mb_used))
        self.assertIsNone(self.conductor.stored(inst.uuid).host)
        self.assertEqual('0', self.node.stats['num_instances'])

    def test_claim_over_limit(self):
        inst = self.new_instance(flavor=fakes.fake_flavor(vcpus=4))
        exc = self.assertRaises(
            exception.ComputeResourcesUnavailable, self.rt.instance_claim,
            self.context, inst, 'compute1', {}, {'vcpu': 2})
        self.assertIn('Free vcpu 2.00 VCPU < requested 4 VCPU',
                      exc.format_message())
        self.assertIsNone(self.conductor.stored(inst.uuid).host)

    def test_claim_within_limit(self):
        inst = self.new_instance()
        self.rt.instance_claim(self.context, inst, 'compute1', {},
                               {'memory_mb': 100000, 'disk_gb': 10})

    def test_untracked_node_gives_nop_claim(self):
        inst = self.new_instance()
        claim = self.rt.instance_claim(self.context, inst, 'other', {})
        self.assertIsInstance(claim, claims.NopClaim)
        self.assertEqual('other', self.conductor.stored(inst.uuid).node)

    def test_periodic_recount_with_reserved(self):
        self.flags(reserved_host_cpus=2, reserved_host_memory_mb=1024,
                   reserved_host_disk_mb=2048)
        self.new_instance(host='compute1', node='compute1',
                          vm_state='active', task_state=None)
        self.new_instance(host='compute1', node='compute1',
                          vm_state='stopped', task_state=None,
                          flavor=fakes.fake_flavor(memory_mb=1024, vcpus=2,
                                                   root_gb=5,
                                                   ephemeral_gb=1))
        self.new_instance(host='compute1', node='compute1',
                          vm_state='shelved_offloaded', task_state=None)
        self.compute.update_available_resource(self.context)
        node = self.node
        self.assertEqual(2 + 1 + 2, node.vcpus_used)
        self.assertEqual(1024 + 512 + 1024, node.memory_mb_used)
        self.assertEqual(2 + 1 + 6, node.local_gb_used)
        self.assertEqual(2, node.running_vms)
        self.assertEqual('1', node.stats['num_vm_active'])
        self.assertEqual('1', node.stats['num_vm_stopped'])
        self.assertNotIn('num_vm_shelved_offloaded', node.stats)

    def test_volume_backed_instance_has_no_root_disk(self):
        inst = self.new_instance(image_ref='')
        before = self.node.local_gb_used
        self.rt.instance_claim(self.context, inst, 'compute1', {})
        self.assertEqual(before, self.node.local_gb_used)

    def test_failed_builds_survive_periodic(self):
        self.rt.build_failed('compute1')
        self.rt.build_failed('compute1')
        self.compute.update_available_resource(self.context)
        self.assertEqual('2', self.node.stats['failed_builds'])
        self.rt.build_succeeded('compute1')
        self.compute.update_available_resource(self.context)
        self.assertEqual('0', self.node.stats['failed_builds'])

    def test_update_usage_ignores_untracked(self):
        inst = self.new_instance(vm_state='deleted')
        before = self.node.memory_mb_used
        self.rt.update_usage(self.context, inst, 'compute1')
        self.assertEqual(before, self.node.memory_mb_used)


class _Inst(object):
    def __init__(self, uuid, vm_state='active', task_state=None,
                 os_type=None, project_id='p1'):
        self.uuid = uuid
        self.vm_state = vm_state
        self.task_state = task_state
        self.os_type = os_type
        self.project_id = project_id


class StatsTestCase(base.base.NoDBTestCase):

    def test_counts_follow_state_changes(self):
        stats = compute_stats.Stats()
        stats.update_stats_for_instance(_Inst('a', 'building'))
        stats.update_stats_for_instance(
            _Inst('b', 'active', task_states.REBUILDING, 'linux', 'p2'))
        self.assertEqual(2, stats.num_instances)
        self.assertEqual(1, stats['num_vm_building'])
        self.assertEqual(1, stats['num_os_type_linux'])
        self.assertEqual(1, stats['num_proj_p2'])
        self.assertEqual(2, stats['io_workload'])
        self.assertEqual(1, stats.calculate_workload())
        stats.update_stats_for_instance(_Inst('a', 'active'))
        self.assertEqual(0, stats['num_vm_building'])
        self.assertEqual(2, stats['num_vm_active'])
        self.assertEqual(1, stats['io_workload'])
        stats.update_stats_for_instance(_Inst('a', 'active'),
                                        is_removed=True)
        self.assertEqual(1, stats.num_instances)
        self.assertEqual(1, stats['num_vm_active'])

    def test_deleted_state_removes(self):
        stats = compute_stats.Stats()
        stats.update_stats_for_instance(_Inst('a'))
        stats.update_stats_for_instance(_Inst('a', 'deleted'))
        self.assertEqual(0, stats.num_instances)
        self.assertEqual({}, stats.states)

    def test_build_counters(self):
        stats = compute_stats.Stats()
        stats.build_failed()
        stats.build_failed()
        self.assertEqual(2, stats['failed_builds'])
        stats.build_succeeded()
        self.assertEqual(0, stats['failed_builds'])
        self.assertEqual({'failed_builds': '0'}, stats.to_node_stats())
