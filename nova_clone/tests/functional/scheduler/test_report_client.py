"""SchedulerReportClient against the real Placement service (in-process)."""

import socket
import time

import futurist
from oslo_utils import uuidutils

from nova_clone import context as nova_context
from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client import report
from nova_clone.tests import base
from nova_clone.tests.fixtures import placement as placement_fixture

VCPU_INV = {'total': 8, 'reserved': 0, 'min_unit': 1, 'max_unit': 8,
            'step_size': 1, 'allocation_ratio': 1.0}


def _inventory(vcpus=8, memory_mb=4096, disk_gb=100):
    return {
        'VCPU': dict(VCPU_INV, total=vcpus, max_unit=vcpus),
        'MEMORY_MB': {'total': memory_mb, 'reserved': 512,
                      'allocation_ratio': 1.5},
        'DISK_GB': {'total': disk_gb},
    }


def _flavor(vcpus=1, memory_mb=512, root_gb=1, extra_specs=None):
    return {'vcpus': vcpus, 'memory_mb': memory_mb, 'root_gb': root_gb,
            'ephemeral_gb': 0, 'swap': 0, 'extra_specs': extra_specs or {}}


class _CountingClient(report.SchedulerReportClient):
    """Records every (method, url) sent, to prove what was skipped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = []
        real = self._placement.request

        def request(method, url, *a, **kw):
            self.calls.append((method, url))
            return real(method, url, *a, **kw)

        self._placement.request = request


class ReportClientTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.placement = self.useFixture(placement_fixture.PlacementFixture())
        self.raw = self.placement.client()
        self.ctx = nova_context.RequestContext(
            user_id='user', project_id='project', is_admin=True)
        self.client = _CountingClient()

    def _host(self, name, inventory=None, traits=None):
        rp_uuid = uuidutils.generate_uuid()
        self.client.ensure_resource_provider(self.ctx, rp_uuid, name)
        self.client.set_inventory_for_provider(
            self.ctx, rp_uuid, inventory or _inventory())
        if traits:
            self.client.set_traits_for_provider(self.ctx, rp_uuid, traits)
        return rp_uuid

    def _usages(self, rp_uuid):
        return self.raw.get('/resource_providers/%s/usages' % rp_uuid
                            ).json()['usages']

    def _claim(self, consumer, flavor, client=None):
        client = client or self.client
        areqs, _sums, version = client.get_allocation_candidates(
            self.ctx, report.resources_from_flavor(flavor))
        if not areqs:
            return False
        return client.claim_resources(self.ctx, consumer, areqs[0],
                                      'project', 'user', version)


class TestProviders(ReportClientTestCase):

    def test_ensure_is_idempotent(self):
        rp_uuid = uuidutils.generate_uuid()
        self.client.ensure_resource_provider(self.ctx, rp_uuid, 'host1')
        self.client.ensure_resource_provider(self.ctx, rp_uuid, 'host1')
        # a client with an empty cache finds it instead of creating it
        report.SchedulerReportClient().ensure_resource_provider(
            self.ctx, rp_uuid, 'host1')
        rps = self.raw.get('/resource_providers').json()['resource_providers']
        self.assertEqual([(rp_uuid, 'host1', 0)],
                         [(r['uuid'], r['name'], r['generation'])
                          for r in rps])

    def test_concurrent_create_of_same_uuid_is_tolerated(self):
        rp_uuid = uuidutils.generate_uuid()
        self.raw.post('/resource_providers',
                      json={'uuid': rp_uuid, 'name': 'host1'})
        # the POST now answers 409; the client looks again and carries on
        rp = self.client._create_provider(self.ctx, rp_uuid, 'host1', None)
        self.assertEqual(rp_uuid, rp['uuid'])

    def test_same_name_other_uuid_fails_clearly(self):
        self.client.ensure_resource_provider(
            self.ctx, uuidutils.generate_uuid(), 'host1')
        self.assertRaises(sched_exc.ResourceProviderCreationFailed,
                          self.client.ensure_resource_provider, self.ctx,
                          uuidutils.generate_uuid(), 'host1')

    def test_nested_provider_and_tree(self):
        root = self._host('host1')
        child = uuidutils.generate_uuid()
        self.client.ensure_resource_provider(self.ctx, child, 'host1_numa0',
                                             parent_provider_uuid=root)
        tree = self.client.get_providers_in_tree(self.ctx, child)
        self.assertEqual({root, child}, {r['uuid'] for r in tree})
        self.assertEqual([], self.client.get_providers_in_tree(
            self.ctx, uuidutils.generate_uuid()))

    def test_delete_provider_with_allocations(self):
        rp_uuid = self._host('host1')
        consumer = uuidutils.generate_uuid()
        self.assertTrue(self._claim(consumer, _flavor()))
        node = type('Node', (), {'uuid': rp_uuid})()
        self.assertRaises(sched_exc.ResourceProviderInUse,
                          self.client.delete_resource_provider, self.ctx, node)
        self.client.delete_resource_provider(self.ctx, node, cascade=True)
        self.assertEqual(404, self.raw.get(
            '/resource_providers/%s' % rp_uuid).status_code)
        self.assertEqual({}, self.client.get_allocations_for_consumer(
            self.ctx, consumer))
        # deleting again is fine
        self.client.delete_resource_provider(self.ctx, node)

    def test_update_from_provider_tree_sends_only_changes(self):
        root = uuidutils.generate_uuid()
        tree = self.client.get_provider_tree_and_ensure_root(
            self.ctx, root, 'host1')
        tree.update_inventory(root, _inventory())
        tree.update_traits(root, ['HW_CPU_X86_AVX2', 'CUSTOM_GOLD'])
        child = tree.new_child('host1_gpu', root, uuidutils.generate_uuid())
        tree.update_inventory(child, {'VGPU': {'total': 4}})
        self.client.update_from_provider_tree(self.ctx, tree)
        self.assertEqual(4, self.raw.get(
            '/resource_providers/%s/inventories' % child
        ).json()['inventories']['VGPU']['total'])

        # a periodic run with nothing new does not talk to Placement
        self.client.calls[:] = []
        tree = self.client.get_provider_tree_and_ensure_root(
            self.ctx, root, 'host1')
        self.client.update_from_provider_tree(self.ctx, tree)
        self.assertEqual([], self.client.calls)

        # dropping the child deletes it
        tree.remove(child)
        self.client.update_from_provider_tree(self.ctx, tree)
        self.assertEqual(404, self.raw.get(
            '/resource_providers/%s' % child).status_code)


class TestInventory(ReportClientTestCase):

    def test_set_update_and_skip_unchanged(self):
        rp_uuid = self._host('host1')
        got = self.raw.get('/resource_providers/%s/inventories' % rp_uuid
                           ).json()['inventories']
        self.assertEqual(8, got['VCPU']['total'])
        self.assertEqual(2147483647, got['MEMORY_MB']['max_unit'])
        self.assertEqual(1.5, got['MEMORY_MB']['allocation_ratio'])

        self.client.calls[:] = []
        self.assertFalse(self.client.set_inventory_for_provider(
            self.ctx, rp_uuid, _inventory()))
        self.assertEqual([], self.client.calls)

        self.assertTrue(self.client.set_inventory_for_provider(
            self.ctx, rp_uuid, _inventory(vcpus=16)))
        self.assertEqual(16, self.client.get_inventory(self.ctx, rp_uuid)[
            'inventories']['VCPU']['total'])

    def test_generation_conflict_is_retried(self):
        rp_uuid = self._host('host1')
        # someone else bumps the provider generation behind our back
        gen = self.raw.get('/resource_providers/%s' % rp_uuid
                           ).json()['generation']
        self.raw.put('/resource_providers/%s/traits' % rp_uuid,
                     json={'traits': ['HW_CPU_X86_SSE'],
                           'resource_provider_generation': gen})
        self.client.calls[:] = []
        self.assertTrue(self.client.set_inventory_for_provider(
            self.ctx, rp_uuid, _inventory(vcpus=4)))
        puts = [c for c in self.client.calls if c[0] == 'PUT']
        self.assertEqual(2, len(puts))
        self.assertEqual(4, self.raw.get(
            '/resource_providers/%s/inventories' % rp_uuid
        ).json()['inventories']['VCPU']['total'])

    def test_custom_resource_class_is_created(self):
        rp_uuid = self._host('host1', inventory=dict(
            _inventory(), CUSTOM_MAGIC={'total': 3}))
        self.assertEqual(200, self.raw.get(
            '/resource_classes/CUSTOM_MAGIC').status_code)
        self.assertEqual(3, self.raw.get(
            '/resource_providers/%s/inventories' % rp_uuid
        ).json()['inventories']['CUSTOM_MAGIC']['total'])

    def test_removing_inventory_in_use_is_a_clear_error(self):
        rp_uuid = self._host('host1')
        self.assertTrue(self._claim(uuidutils.generate_uuid(), _flavor()))
        inv = _inventory()
        del inv['VCPU']
        exc = self.assertRaises(sched_exc.InventoryInUse,
                                self.client.set_inventory_for_provider,
                                self.ctx, rp_uuid, inv)
        self.assertIn(rp_uuid, str(exc))
        # the cache was refreshed: the next attempt PUTs again
        self.assertRaises(sched_exc.InventoryInUse,
                          self.client.set_inventory_for_provider,
                          self.ctx, rp_uuid, inv)


class TestTraitsAndAggregates(ReportClientTestCase):

    def test_traits_including_custom(self):
        rp_uuid = self._host('host1')
        self.assertTrue(self.client.set_traits_for_provider(
            self.ctx, rp_uuid, ['HW_CPU_X86_AVX2', 'CUSTOM_GOLD']))
        self.assertEqual({'HW_CPU_X86_AVX2', 'CUSTOM_GOLD'},
                         self.client.get_provider_traits(self.ctx, rp_uuid))
        self.assertFalse(self.client.set_traits_for_provider(
            self.ctx, rp_uuid, ['CUSTOM_GOLD', 'HW_CPU_X86_AVX2']))
        self.assertTrue(self.client.set_traits_for_provider(
            self.ctx, rp_uuid, []))
        self.assertEqual(set(), self.client.get_provider_traits(
            self.ctx, rp_uuid))

    def test_unknown_standard_trait_is_refused(self):
        rp_uuid = self._host('host1')
        self.assertRaises(sched_exc.ResourceProviderUpdateFailed,
                          self.client.set_traits_for_provider, self.ctx,
                          rp_uuid, ['NOT_A_REAL_TRAIT'])

    def test_aggregates_and_host_membership(self):
        rp_uuid = self._host('host1')
        agg1, agg2 = uuidutils.generate_uuid(), uuidutils.generate_uuid()
        self.assertTrue(self.client.set_aggregates_for_provider(
            self.ctx, rp_uuid, [agg1]))
        self.assertFalse(self.client.set_aggregates_for_provider(
            self.ctx, rp_uuid, [agg1]))
        self.client.aggregate_add_host(self.ctx, agg2, host_name='host1')
        self.client.aggregate_add_host(self.ctx, agg2, host_name='host1')
        self.assertEqual({agg1, agg2}, self.client.get_provider_aggregates(
            self.ctx, rp_uuid))
        self.client.aggregate_remove_host(self.ctx, agg1, host_name='host1')
        self.assertEqual({agg2}, self.client.get_provider_aggregates(
            self.ctx, rp_uuid))
        self.assertRaises(sched_exc.ResourceProviderNotFound,
                          self.client.aggregate_add_host, self.ctx, agg1,
                          host_name='nosuchhost')


class TestAllocations(ReportClientTestCase):

    def test_candidates_with_required_and_forbidden_traits(self):
        fast = self._host('fast', traits=['CUSTOM_FAST', 'HW_CPU_X86_AVX2'])
        ht = self._host('ht', traits=['HW_CPU_HYPERTHREADING'])
        plain = self._host('plain')

        def hosts(extra_specs):
            areqs, sums, version = self.client.get_allocation_candidates(
                self.ctx, report.resources_from_flavor(
                    _flavor(extra_specs=extra_specs)))
            self.assertEqual('1.36', version)
            return {rp for a in areqs for rp in a['allocations']}

        self.assertEqual({fast, ht, plain}, hosts({}))
        self.assertEqual({fast}, hosts({'trait:CUSTOM_FAST': 'required'}))
        self.assertEqual({fast, plain}, hosts(
            {'trait:HW_CPU_HYPERTHREADING': 'forbidden'}))
        self.assertEqual({fast}, hosts(
            {'trait:HW_CPU_HYPERTHREADING': 'forbidden',
             'trait:HW_CPU_X86_AVX2': 'required'}))
        self.assertEqual(set(), hosts({'resources:VCPU': '9'}))

    def test_candidates_member_of_in_tree_and_limit(self):
        a = self._host('a')
        b = self._host('b')
        agg = uuidutils.generate_uuid()
        self.client.set_aggregates_for_provider(self.ctx, b, [agg])
        req = report.resources_from_flavor(_flavor())
        req.unsuffixed.member_of.append({agg})
        areqs, sums, _v = self.client.get_allocation_candidates(self.ctx, req)
        self.assertEqual([b], [list(x['allocations'])[0] for x in areqs])
        self.assertEqual({'VCPU', 'MEMORY_MB', 'DISK_GB'},
                         set(sums[b]['resources']))
        req = report.resources_from_flavor(_flavor())
        req.unsuffixed.in_tree = a
        areqs, _s, _v = self.client.get_allocation_candidates(self.ctx, req)
        self.assertEqual([a], [list(x['allocations'])[0] for x in areqs])
        self.flags(max_placement_results=1, group='scheduler')
        areqs, _s, _v = self.client.get_allocation_candidates(
            self.ctx, report.resources_from_flavor(_flavor()))
        self.assertEqual(1, len(areqs))

    def test_claim_then_claim_that_no_longer_fits(self):
        rp_uuid = self._host('host1', inventory=_inventory(vcpus=2))
        first = uuidutils.generate_uuid()
        areqs, _s, version = self.client.get_allocation_candidates(
            self.ctx, report.resources_from_flavor(_flavor(vcpus=2)))
        self.assertTrue(self.client.claim_resources(
            self.ctx, first, areqs[0], 'project', 'user', version))
        # the second scheduler saw the same (now stale) candidate
        self.assertFalse(self.client.claim_resources(
            self.ctx, uuidutils.generate_uuid(), areqs[0], 'project', 'user',
            version))
        allocs = self.client.get_allocations_for_consumer(self.ctx, first)
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 512, 'DISK_GB': 1},
                         allocs[rp_uuid]['resources'])
        # claiming an existing consumer as if new is someone else's change
        self.assertRaises(sched_exc.AllocationUpdateFailed,
                          self.client.claim_resources, self.ctx, first,
                          areqs[0], 'project', 'user', version)

    def test_concurrent_claims_lose_nothing(self):
        rp_uuid = self._host('host1', inventory=_inventory(vcpus=6))
        flavor = _flavor(vcpus=1, memory_mb=64, root_gb=1)
        consumers = [uuidutils.generate_uuid() for _ in range(12)]
        # each thread has its own client, like separate schedulers
        clients = [report.SchedulerReportClient() for _ in consumers]
        with futurist.ThreadPoolExecutor(max_workers=6) as pool:
            futures = [pool.submit(self._claim, c, flavor, cl)
                       for c, cl in zip(consumers, clients)]
            results = [f.result() for f in futures]
        self.assertEqual(6, results.count(True))
        self.assertEqual(6, results.count(False))
        self.assertEqual(6, self._usages(rp_uuid)['VCPU'])
        claimed = {c for c, ok in zip(consumers, results) if ok}
        self.assertEqual(claimed, set(
            self.client.get_allocations_for_resource_provider(
                self.ctx, rp_uuid)))

    def test_delete_allocation(self):
        rp_uuid = self._host('host1')
        consumer = uuidutils.generate_uuid()
        self.assertTrue(self._claim(consumer, _flavor()))
        self.assertTrue(self.client.delete_allocation_for_instance(
            self.ctx, consumer))
        self.assertFalse(self.client.delete_allocation_for_instance(
            self.ctx, consumer))
        self.assertFalse(self.client.delete_allocation_for_instance(
            self.ctx, consumer, force=True))
        self.assertEqual(0, self._usages(rp_uuid)['VCPU'])
        other = uuidutils.generate_uuid()
        self.assertTrue(self._claim(other, _flavor()))
        self.assertTrue(self.client.delete_allocation_for_instance(
            self.ctx, other, force=True))
        self.assertEqual(0, self._usages(rp_uuid)['VCPU'])

    def test_move_and_remove_tree_from_allocation(self):
        src = self._host('src')
        dst = self._host('dst')
        instance, migration = (uuidutils.generate_uuid(),
                               uuidutils.generate_uuid())
        self.client.put_allocations(self.ctx, instance, {
            'allocations': {src: {'resources': {'VCPU': 1}}},
            'consumer_generation': None,
            'project_id': 'project', 'user_id': 'user'})
        self.assertTrue(self.client.move_allocations(self.ctx, instance,
                                                     migration))
        self.assertEqual({}, self.client.get_allocations_for_consumer(
            self.ctx, instance))
        self.assertEqual([src], list(self.client.get_allocations_for_consumer(
            self.ctx, migration)))
        # a "resize" allocation spanning two hosts; then drop the source
        allocs = {rp: {'resources': {'VCPU': 1}} for rp in (src, dst)}
        # the emptied consumer is gone, so it is new again (generation None)
        self.client.put_allocations(self.ctx, instance, {
            'allocations': allocs, 'consumer_generation': None,
            'project_id': 'project', 'user_id': 'user'})
        self.assertTrue(self.client.remove_provider_tree_from_instance_allocation(
            self.ctx, instance, src))
        self.assertEqual([dst], list(self.client.get_allocations_for_consumer(
            self.ctx, instance)))


class TestPlacementDown(base.NoDBTestCase):

    def test_unreachable_placement_is_a_clear_fast_error(self):
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        url = 'http://127.0.0.1:%d' % sock.getsockname()[1]
        sock.close()
        self.useFixture(placement_fixture.PlacementFixture())
        self.flags(endpoint_override=url, group='placement')
        client = report.SchedulerReportClient()
        start = time.monotonic()
        exc = self.assertRaises(
            sched_exc.PlacementAPIConnectFailure,
            client.ensure_resource_provider,
            nova_context.get_admin_context(), uuidutils.generate_uuid(), 'h')
        self.assertLess(time.monotonic() - start, 5)
        self.assertIn(url, str(exc))
