"""The weighers and the weight handler: normalisation, multipliers,
aggregate overrides and ordering.
"""

from nova_clone.scheduler import weights
from nova_clone.scheduler.weights import affinity
from nova_clone.scheduler.weights import compute
from nova_clone.scheduler.weights import cpu
from nova_clone.scheduler.weights import disk
from nova_clone.scheduler.weights import hypervisor_version
from nova_clone.scheduler.weights import io_ops
from nova_clone.scheduler.weights import num_instances
from nova_clone.scheduler.weights import ram
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

A = 'aaaaaaaa-0000-4000-8000-000000000000'
B = 'bbbbbbbb-0000-4000-8000-000000000000'
C = 'cccccccc-0000-4000-8000-000000000000'


class NormalizeTestCase(base.NoDBTestCase):

    def test_normalize(self):
        self.assertEqual([], weights.normalize([]))
        self.assertEqual([0.0, 0.5, 1.0], weights.normalize([1, 2, 3]))
        self.assertEqual([0.0, 0.0], weights.normalize([5, 5]))
        self.assertEqual([0.5], weights.normalize([5], minval=0, maxval=10))


class _WeigherTestBase(base.NoDBTestCase):

    def _weigh(self, weigher_cls, hosts, spec=None):
        handler = weights.HostWeightHandler()
        return handler.get_weighed_objects([weigher_cls()], hosts,
                                           spec or fakes.spec())

    def _order(self, weigher_cls, hosts, spec=None):
        return [w.obj.host for w in self._weigh(weigher_cls, hosts, spec)]


class ResourceWeighersTestCase(_WeigherTestBase):

    def _hosts(self, attr, *values):
        return [fakes.host_state('host%d' % i, **{attr: value})
                for i, value in enumerate(values, 1)]

    def test_ram_spreads_by_default(self):
        hosts = self._hosts('free_ram_mb', 512, 2048, 1024)
        weighed = self._weigh(ram.RAMWeigher, hosts)
        self.assertEqual(['host2', 'host3', 'host1'],
                         [w.obj.host for w in weighed])
        expected = [1.0, 1.0 / 3, 0.0]
        for want, got in zip(expected, weighed):
            self.assertAlmostEqual(want, got.weight)

    def test_ram_negative_multiplier_stacks(self):
        self.flags(group='filter_scheduler', ram_weight_multiplier=-1.0)
        hosts = self._hosts('free_ram_mb', 512, 2048, 1024)
        self.assertEqual(['host1', 'host3', 'host2'],
                         self._order(ram.RAMWeigher, hosts))

    def test_ram_aggregate_multiplier_override(self):
        hosts = self._hosts('free_ram_mb', 512, 2048)
        hosts[1].aggregates = [
            fakes.aggregate({'ram_weight_multiplier': '-2.0'}),
            fakes.aggregate({'ram_weight_multiplier': '3.0'})]
        weighed = self._weigh(ram.RAMWeigher, hosts)
        # host2 would win, but its aggregates make its multiplier -2.0
        # (the smallest value).
        self.assertEqual(['host1', 'host2'], [w.obj.host for w in weighed])
        self.assertEqual(-2.0, weighed[1].weight)

    def test_cpu_uses_allocation_ratio(self):
        hosts = [fakes.host_state('host1', vcpus_total=4, vcpus_used=2,
                                  cpu_allocation_ratio=4.0),
                 fakes.host_state('host2', vcpus_total=8, vcpus_used=2,
                                  cpu_allocation_ratio=1.0)]
        # host1: 4 * 4 - 2 = 14 free; host2: 8 - 2 = 6 free.
        self.assertEqual(['host1', 'host2'],
                         self._order(cpu.CPUWeigher, hosts))

    def test_disk(self):
        hosts = self._hosts('free_disk_mb', 1024, 4096)
        self.assertEqual(['host2', 'host1'],
                         self._order(disk.DiskWeigher, hosts))

    def test_io_ops_prefers_idle_hosts(self):
        hosts = self._hosts('num_io_ops', 5, 0, 2)
        self.assertEqual(['host2', 'host3', 'host1'],
                         self._order(io_ops.IoOpsWeigher, hosts))

    def test_num_instances_off_by_default(self):
        hosts = self._hosts('num_instances', 5, 0)
        weighed = self._weigh(num_instances.NumInstancesWeigher, hosts)
        self.assertEqual([0.0, 0.0], [w.weight for w in weighed])
        self.flags(group='filter_scheduler',
                   num_instances_weight_multiplier=-1.0)
        self.assertEqual(['host2', 'host1'], self._order(
            num_instances.NumInstancesWeigher, hosts))

    def test_hypervisor_version(self):
        hosts = self._hosts('hypervisor_version', 6000000, 8000000)
        self.assertEqual(['host2', 'host1'], self._order(
            hypervisor_version.HypervisorVersionWeigher, hosts))

    def test_build_failures_push_host_away(self):
        hosts = self._hosts('failed_builds', 3, 0)
        weighed = self._weigh(compute.BuildFailureWeigher, hosts)
        self.assertEqual(['host2', 'host1'], [w.obj.host for w in weighed])
        self.assertEqual(-1000000.0, weighed[1].weight)

    def test_single_host_not_weighed(self):
        weighed = self._weigh(ram.RAMWeigher,
                              self._hosts('free_ram_mb', 512))
        self.assertEqual(0.0, weighed[0].weight)


class SoftAffinityWeighersTestCase(_WeigherTestBase):

    def _hosts(self):
        return [fakes.host_state('host1', instances={
                    A: fakes.instance(A, 'host1'),
                    B: fakes.instance(B, 'host1')}),
                fakes.host_state('host2', instances={
                    C: fakes.instance(C, 'host2')}),
                fakes.host_state('host3')]

    def test_soft_affinity(self):
        spec = fakes.spec(instance_group=fakes.group('soft-affinity',
                                                     [A, B, C]))
        self.assertEqual(['host1', 'host2', 'host3'], self._order(
            affinity.ServerGroupSoftAffinityWeigher, self._hosts(), spec))

    def test_soft_anti_affinity(self):
        spec = fakes.spec(instance_group=fakes.group('soft-anti-affinity',
                                                     [A, B, C]))
        self.assertEqual(['host3', 'host2', 'host1'], self._order(
            affinity.ServerGroupSoftAntiAffinityWeigher, self._hosts(),
            spec))

    def test_other_policy_or_no_group_is_neutral(self):
        spec = fakes.spec(instance_group=fakes.group('affinity', [A, B]))
        for weigher in (affinity.ServerGroupSoftAffinityWeigher,
                        affinity.ServerGroupSoftAntiAffinityWeigher):
            for request in (spec, fakes.spec()):
                weighed = self._weigh(weigher, self._hosts(), request)
                self.assertEqual({0.0}, {w.weight for w in weighed})


class HandlerTestCase(base.NoDBTestCase):

    def test_weighers_add_up(self):
        hosts = [fakes.host_state('host1', free_ram_mb=1024,
                                  free_disk_mb=0),
                 fakes.host_state('host2', free_ram_mb=0,
                                  free_disk_mb=1024)]
        self.flags(group='filter_scheduler', disk_weight_multiplier=2.0)
        weighed = weights.HostWeightHandler().get_weighed_objects(
            [ram.RAMWeigher(), disk.DiskWeigher()], hosts, fakes.spec())
        self.assertEqual([('host2', 2.0), ('host1', 1.0)],
                         [(w.obj.host, w.weight) for w in weighed])

    def test_all_weighers(self):
        names = {cls.__name__ for cls in weights.all_weighers()}
        self.assertTrue({'RAMWeigher', 'CPUWeigher', 'DiskWeigher',
                         'IoOpsWeigher', 'BuildFailureWeigher',
                         'ServerGroupSoftAffinityWeigher',
                         'ServerGroupSoftAntiAffinityWeigher'} <= names)

    def test_aggregate_multiplier_only_for_its_hosts(self):
        agg = fakes.aggregate({'ram_weight_multiplier': '3.0'})
        hosts = [fakes.host_state('host1', free_ram_mb=0),
                 fakes.host_state('host2', free_ram_mb=512),
                 fakes.host_state('host3', free_ram_mb=1024,
                                  aggregates=[agg])]
        weighed = weights.HostWeightHandler().get_weighed_objects(
            [ram.RAMWeigher()], hosts, fakes.spec())
        self.assertEqual([('host3', 3.0), ('host2', 0.5), ('host1', 0.0)],
                         [(w.obj.host, w.weight) for w in weighed])

    def test_all_hosts_in_aggregates(self):
        agg = fakes.aggregate({'ram_weight_multiplier': '-1.0'})
        hosts = [fakes.host_state('host1', free_ram_mb=0, aggregates=[agg]),
                 fakes.host_state('host2', free_ram_mb=512,
                                  aggregates=[agg])]
        weighed = weights.HostWeightHandler().get_weighed_objects(
            [ram.RAMWeigher()], hosts, fakes.spec())
        self.assertEqual([('host1', 0.0), ('host2', -1.0)],
                         [(w.obj.host, w.weight) for w in weighed])
