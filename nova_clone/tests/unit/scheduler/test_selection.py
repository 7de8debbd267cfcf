"""The selection algorithm with a fake Placement and in-memory hosts:
claims, retries on lost claims, alternates, cleanup and group handling.
"""

import fixtures
from oslo_serialization import jsonutils

from nova_clone import context as nova_context
from nova_clone.exception import build as build_exc
from nova_clone import objects
from nova_clone.scheduler import host_manager
from nova_clone.scheduler import selection
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

CELL2 = 'c0000000-0000-0000-0000-000000000002'
I1 = '11111111-0000-4000-8000-000000000000'
I2 = '22222222-0000-4000-8000-000000000000'
I3 = '33333333-0000-4000-8000-000000000000'


def _alloc_req(rp_uuid):
    return {'allocations': {rp_uuid: {'resources': {'VCPU': 1,
                                                    'MEMORY_MB': 512}}}}


class FakePlacement(object):
    """Offers every host as a candidate; records claims and deletes."""

    def __init__(self, hosts):
        self.hosts = hosts
        self.offered = [h.uuid for h in hosts]
        self.lost_claims = set()
        self.claims = {}
        self.deleted = []
        self.requests = []

    def get_allocation_candidates(self, context, request):
        self.requests.append(request)
        reqs = [_alloc_req(uuid) for uuid in self.offered]
        return reqs, {uuid: {} for uuid in self.offered}, '1.36'

    def claim_resources(self, context, consumer_uuid, alloc_request,
                        project_id, user_id, allocation_request_version,
                        consumer_generation=None):
        rp_uuid = list(alloc_request['allocations'])[0]
        if rp_uuid in self.lost_claims:
            return False
        self.claims[consumer_uuid] = (rp_uuid, project_id, user_id,
                                      allocation_request_version)
        return True

    def delete_allocation_for_instance(self, context, uuid, force=False):
        self.deleted.append(uuid)
        self.claims.pop(uuid, None)
        return True


class FakeHostManager(host_manager.HostManager):
    """Serves preset host states instead of reading the cells."""

    def __init__(self, hosts):
        super().__init__()
        self.hosts = hosts
        self.asked = []

    def get_host_states_by_uuids(self, context, compute_uuids, spec_obj):
        self.asked.append(compute_uuids)
        return [h for h in self.hosts
                if compute_uuids is None or h.uuid in compute_uuids]

    def hosts_of_instances(self, context, instance_uuids):
        return {h.host for h in self.hosts
                if set(instance_uuids).intersection(h.instances)}


class SelectionTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.flags(group='filter_scheduler', weight_classes=['RAMWeigher'])
        self.hosts = [fakes.host_state('host1', free_ram_mb=8192),
                      fakes.host_state('host2', free_ram_mb=4096),
                      fakes.host_state('host3', free_ram_mb=2048),
                      fakes.host_state('host4', free_ram_mb=16384,
                                       cell_uuid=CELL2)]
        self.placement = FakePlacement(self.hosts)
        self.host_manager = FakeHostManager(self.hosts)
        self.selector = selection.DestinationSelector(self.host_manager,
                                                      self.placement)
        self.ctxt = nova_context.RequestContext(user_id='user',
                                                project_id='project')
        self.group_get = self.useFixture(fixtures.MockPatch(
            'nova_clone.objects.InstanceGroup.get_by_uuid')).mock
        self.group_get.side_effect = lambda ctxt, uuid: fakes.group()

    def _reload_manager(self):
        self.host_manager.load_plugins()

    def _select(self, spec, uuids, **kw):
        return self.selector.select_destinations(self.ctxt, spec, uuids,
                                                 **kw)

    def _uuid(self, name):
        return next(h.uuid for h in self.hosts if h.host == name)

    def test_picks_best_and_claims(self):
        result = self._select(fakes.spec(), [I1])
        self.assertEqual(1, len(result))
        chosen = result[0][0]
        # host4 has the most RAM.
        self.assertEqual('host4', chosen.service_host)
        self.assertEqual((self._uuid('host4'), 'project', 'user', '1.36'),
                         self.placement.claims[I1])
        self.assertEqual(_alloc_req(self._uuid('host4')),
                         jsonutils.loads(chosen.allocation_request))
        self.assertEqual('1.36', chosen.allocation_request_version)
        # No other host is in CELL2, so there are no alternates.
        self.assertEqual(1, len(result[0]))

    def test_alternates_from_the_same_cell(self):
        self.placement.offered.remove(self._uuid('host4'))
        self.flags(group='scheduler', max_attempts=3)
        result = self._select(fakes.spec(), [I1])
        self.assertEqual(['host1', 'host2', 'host3'],
                         [s.service_host for s in result[0]])
        self.assertEqual({fakes.CELL1}, {s.cell_uuid for s in result[0]})
        # Alternates carry their own allocation request, unclaimed.
        self.assertEqual(_alloc_req(self._uuid('host2')),
                         jsonutils.loads(result[0][1].allocation_request))
        self.assertEqual([I1], list(self.placement.claims))

    def test_max_attempts_limits_alternates(self):
        self.placement.offered.remove(self._uuid('host4'))
        self.flags(group='scheduler', max_attempts=2)
        result = self._select(fakes.spec(), [I1])
        self.assertEqual(2, len(result[0]))

    def test_no_alternates_when_not_asked(self):
        self.placement.offered.remove(self._uuid('host4'))
        result = self._select(fakes.spec(), [I1], return_alternates=False)
        self.assertEqual(1, len(result[0]))

    def test_legacy_dicts(self):
        result = self._select(fakes.spec(), [I1], return_objects=False)
        self.assertEqual('host4', result[0]['host'])
        self.assertEqual('host4', result[0]['nodename'])

    def test_no_candidates(self):
        self.placement.offered = []
        self.assertRaises(build_exc.NoValidHost, self._select,
                          fakes.spec(), [I1])
        self.assertEqual({}, self.placement.claims)

    def test_request_uses_flavor_and_limit(self):
        self.flags(group='scheduler', max_placement_results=7)
        self._select(fakes.spec(fakes.flavor(vcpus=2, memory_mb=1024,
                                             root_gb=10)), [I1])
        request = self.placement.requests[0]
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 1024, 'DISK_GB': 10},
                         request.merged_resources())
        self.assertEqual(7, request.limit)
        self.assertIn('COMPUTE_STATUS_DISABLED', request.root_forbidden)

    def test_only_offered_providers_considered(self):
        self.placement.offered = [self._uuid('host3')]
        result = self._select(fakes.spec(), [I1])
        self.assertEqual('host3', result[0][0].service_host)
        self.assertEqual([[self._uuid('host3')]], self.host_manager.asked)

    def test_lost_claim_moves_to_next_host(self):
        self.placement.lost_claims.add(self._uuid('host4'))
        result = self._select(fakes.spec(), [I1])
        self.assertEqual('host1', result[0][0].service_host)
        self.assertEqual(self._uuid('host1'), self.placement.claims[I1][0])

    def test_all_claims_lost(self):
        self.placement.lost_claims.update(h.uuid for h in self.hosts)
        self.assertRaises(build_exc.NoValidHost, self._select,
                          fakes.spec(), [I1])

    def test_multi_create_consumes(self):
        self.flags(group='filter_scheduler', ram_weight_multiplier=1.0)
        flavor = fakes.flavor(memory_mb=10000)
        result = self._select(fakes.spec(flavor, num_instances=2), [I1, I2])
        # host4 (16384MB) takes the first; with 6384MB left the second
        # goes to host1 (8192MB).
        self.assertEqual(['host4', 'host1'],
                         [r[0].service_host for r in result])
        self.assertEqual((1, 1), (self.hosts[3].num_instances,
                                  self.hosts[0].num_instances))

    def test_partial_failure_deletes_claims(self):
        self.flags(group='filter_scheduler',
                   enabled_filters=['NumInstancesFilter'],
                   max_instances_per_host=1)
        self._reload_manager()
        self.placement.offered = [self._uuid('host1')]
        exc = self.assertRaises(build_exc.NoValidHost, self._select,
                                fakes.spec(num_instances=2), [I1, I2])
        self.assertIn('There are not enough hosts available', str(exc))
        self.assertEqual([I1], self.placement.deleted)
        self.assertEqual({}, self.placement.claims)
        self.assertIsNone(self.hosts[0].updated)

    def test_anti_affinity_multi_create(self):
        group = fakes.group('anti-affinity')
        spec = fakes.spec(instance_group=group, num_instances=3)
        result = self._select(spec, [I1, I2, I3])
        hosts = [r[0].service_host for r in result]
        self.assertEqual(3, len(set(hosts)))
        self.assertEqual([I1, I2, I3], group.members)

    def test_anti_affinity_exhausted(self):
        self.placement.offered = [self._uuid('host1'), self._uuid('host2')]
        spec = fakes.spec(instance_group=fakes.group('anti-affinity'))
        self.assertRaises(build_exc.NoValidHost, self._select, spec,
                          [I1, I2, I3])
        self.assertEqual(sorted([I1, I2]), sorted(self.placement.deleted))

    def test_affinity_multi_create(self):
        group = fakes.group('affinity')
        result = self._select(fakes.spec(instance_group=group), [I1, I2])
        self.assertEqual(['host4', 'host4'],
                         [r[0].service_host for r in result])

    def test_affinity_follows_existing_member(self):
        self.hosts[2].instances = {I3: fakes.instance(I3, 'host3')}
        self.group_get.side_effect = lambda ctxt, uuid: fakes.group(
            'affinity', members=[I3])
        group = fakes.group('affinity', members=[])
        result = self._select(fakes.spec(instance_group=group), [I1])
        self.assertEqual('host3', result[0][0].service_host)
        self.assertEqual(['host3'], sorted(set(group.hosts)))

    def test_host_subset_size_randomises(self):
        self.flags(group='filter_scheduler', host_subset_size=2)
        choice = self.useFixture(fixtures.MockPatch(
            'random.choice', side_effect=lambda seq: seq[-1])).mock
        result = self._select(fakes.spec(), [I1])
        self.assertEqual(2, len(choice.call_args[0][0]))
        self.assertEqual('host1', result[0][0].service_host)

    def test_rebuild_skips_placement(self):
        spec = fakes.spec(scheduler_hints={'_nova_check_type': ['rebuild']},
                          force_hosts=['host2'])
        result = self._select(spec, [I1])
        self.assertEqual([], self.placement.requests)
        self.assertEqual({}, self.placement.claims)
        self.assertEqual([None], self.host_manager.asked)
        self.assertEqual('host2', result[0][0].service_host)
        self.assertIsNone(result[0][0].allocation_request)

    def test_request_filter_failure_is_no_valid_host(self):
        self.flags(group='scheduler',
                   limit_tenants_to_placement_aggregate=True,
                   placement_aggregate_required_for_tenants=True)
        self.useFixture(fixtures.MockPatch(
            'nova_clone.objects.AggregateList.get_all',
            return_value=objects.AggregateList(objects=[])))
        self.assertRaises(build_exc.NoValidHost, self._select,
                          fakes.spec(), [I1])
