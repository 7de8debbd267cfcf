"""SchedulerManager.select_destinations against the real Placement and
real API and cell databases: two compute nodes reported to Placement,
with their ComputeNode rows and compute services in cell1.
"""

import oslo_messaging as messaging
from oslo_utils import uuidutils

from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.scheduler.client import report
from nova_clone.scheduler import manager
from nova_clone.tests import base
from nova_clone.tests.fixtures import database
from nova_clone.tests.fixtures import placement as placement_fixture


def _inventory(vcpus, memory_mb, disk_gb):
    return {'VCPU': {'total': vcpus, 'max_unit': vcpus},
            'MEMORY_MB': {'total': memory_mb, 'max_unit': memory_mb},
            'DISK_GB': {'total': disk_gb, 'max_unit': disk_gb}}


class SchedulerManagerTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('api'))
        cell_db = self.useFixture(database.Database('main'))
        self.placement = self.useFixture(
            placement_fixture.PlacementFixture())
        self.raw = self.placement.client()
        self.ctxt = nova_context.RequestContext(
            user_id='user', project_id='project', is_admin=True)
        self.cell = objects.CellMapping(
            self.ctxt, uuid=uuidutils.generate_uuid(), name='cell1',
            transport_url='fake:/',
            database_connection=cell_db.connection)
        self.cell.create()
        self.report = report.SchedulerReportClient()
        self.nodes = {}
        self.services = {}
        # host1 has more free RAM, so the RAMWeigher prefers it.
        self._compute('host1', vcpus=8, memory_mb=8192, disk_gb=100)
        self._compute('host2', vcpus=8, memory_mb=4096, disk_gb=100)
        self.flags(group='filter_scheduler', host_subset_size=1)
        self.manager = manager.SchedulerManager(host='scheduler1')

    def _compute(self, host, vcpus, memory_mb, disk_gb):
        with nova_context.target_cell(self.ctxt, self.cell) as cctxt:
            service = objects.Service(cctxt, host=host,
                                      binary='nova-compute',
                                      topic='compute')
            service.create()
            node = objects.ComputeNode(
                cctxt, host=host, hypervisor_hostname=host, vcpus=vcpus,
                memory_mb=memory_mb, local_gb=disk_gb, vcpus_used=0,
                memory_mb_used=0, local_gb_used=0, free_ram_mb=memory_mb,
                free_disk_gb=disk_gb, hypervisor_type='fake',
                hypervisor_version=1000, cpu_info='{}', mapped=0,
                service_id=service.id, stats={},
                supported_hv_specs=[objects.HVSpec(
                    arch='x86_64', hv_type='fake', vm_mode='hvm')],
                cpu_allocation_ratio=1.0, ram_allocation_ratio=1.0,
                disk_allocation_ratio=1.0)
            node.create()
        self.report.ensure_resource_provider(self.ctxt, node.uuid, host)
        self.report.set_inventory_for_provider(
            self.ctxt, node.uuid, _inventory(vcpus, memory_mb, disk_gb))
        self.nodes[host] = node
        self.services[host] = service

    def _instance_on(self, host):
        with nova_context.target_cell(self.ctxt, self.cell) as cctxt:
            inst = objects.Instance(
                cctxt, project_id='project', user_id='user', host=host,
                node=host, vm_state='active', task_state=None,
                display_name='vm', metadata={}, system_metadata={})
            inst.create()
        return inst.uuid

    def _spec(self, memory_mb=512, group=None, num_instances=1):
        flavor = objects.Flavor(id=1, flavorid='1', name='test', vcpus=1,
                                memory_mb=memory_mb, root_gb=1,
                                ephemeral_gb=0, swap=0, extra_specs={})
        return objects.RequestSpec(
            instance_uuid=uuidutils.generate_uuid(), project_id='project',
            user_id='user', flavor=flavor, num_instances=num_instances,
            image=objects.ImageMeta.from_dict({'properties': {}}),
            instance_group=group, scheduler_hints={},
            availability_zone=None, is_bfv=False, ignore_hosts=None,
            force_hosts=None, force_nodes=None, retry=None,
            requested_destination=None)

    def _assert_no_valid_host(self, spec, uuids):
        # NOTE: the RPC server unwraps what expected_exceptions wraps; a
        # direct call sees the wrapper.
        exc = self.assertRaises(messaging.ExpectedException,
                                self.manager.select_destinations, self.ctxt,
                                spec, uuids)
        self.assertIsInstance(exc.exc_info[1], exception.NoValidHost)

    def _allocations(self, consumer):
        return self.raw.get('/allocations/%s' % consumer,
                            microversion='1.28').json()['allocations']

    def _group(self, policy, members):
        group = objects.InstanceGroup(self.ctxt, name='g', policy=policy,
                                      project_id='project', user_id='user')
        group.create()
        objects.InstanceGroup.add_members(self.ctxt, group.uuid, members)
        return objects.InstanceGroup.get_by_uuid(self.ctxt, group.uuid)

    def test_select_claims_and_returns_alternates(self):
        uuid = uuidutils.generate_uuid()
        result = self.manager.select_destinations(self.ctxt, self._spec(),
                                                  [uuid])
        self.assertEqual(1, len(result))
        chosen, alternate = result[0]
        self.assertEqual(('host1', self.nodes['host1'].uuid,
                          self.cell.uuid),
                         (chosen.service_host, chosen.compute_node_uuid,
                          chosen.cell_uuid))
        allocs = self._allocations(uuid)
        self.assertEqual({'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1},
                         allocs[self.nodes['host1'].uuid]['resources'])
        # The alternate is host2, with its own (unclaimed) request.
        self.assertEqual('host2', alternate.service_host)
        self.assertIn(self.nodes['host2'].uuid,
                      alternate.allocation_request)
        self.assertEqual([self.nodes['host1'].uuid], list(allocs))

    def test_flavor_too_big(self):
        uuid = uuidutils.generate_uuid()
        self._assert_no_valid_host(self._spec(memory_mb=16384), [uuid])
        self.assertEqual({}, self._allocations(uuid))

    def test_disabled_service_filtered_out(self):
        with nova_context.target_cell(self.ctxt, self.cell) as cctxt:
            service = objects.Service.get_by_host_and_binary(
                cctxt, 'host1', 'nova-compute')
            service.disabled = True
            service.save()
        uuid = uuidutils.generate_uuid()
        result = self.manager.select_destinations(self.ctxt, self._spec(),
                                                  [uuid])
        self.assertEqual(['host2'], [s.service_host for s in result[0]])

    def test_anti_affinity_two_instances(self):
        uuids = [uuidutils.generate_uuid() for _ in range(2)]
        group = self._group('anti-affinity', uuids)
        result = self.manager.select_destinations(
            self.ctxt, self._spec(group=group, num_instances=2), uuids)
        self.assertEqual({'host1', 'host2'},
                         {sels[0].service_host for sels in result})
        for uuid, sels in zip(uuids, result):
            self.assertEqual([sels[0].compute_node_uuid],
                             list(self._allocations(uuid)))

    def test_anti_affinity_too_many_cleans_up(self):
        uuids = [uuidutils.generate_uuid() for _ in range(3)]
        group = self._group('anti-affinity', uuids)
        self._assert_no_valid_host(
            self._spec(group=group, num_instances=3), uuids)
        for uuid in uuids:
            self.assertEqual({}, self._allocations(uuid))

    def test_affinity_follows_existing_member(self):
        existing = self._instance_on('host2')
        uuid = uuidutils.generate_uuid()
        group = self._group('affinity', [existing, uuid])
        result = self.manager.select_destinations(
            self.ctxt, self._spec(group=group), [uuid])
        self.assertEqual('host2', result[0][0].service_host)
