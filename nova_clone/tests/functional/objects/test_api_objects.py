"""Round trips of the API-database objects on a migrated SQLite DB."""

from oslo_utils import uuidutils

from nova_clone import context
from nova_clone import exception
from nova_clone import objects
from nova_clone import quota
from nova_clone.tests import base as test_base
from nova_clone.tests.fixtures import database


class _APITestCase(test_base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('api'))
        self.ctxt = context.get_admin_context()

    def _cell(self, name='cell1', disabled=False, uuid=None):
        cell = objects.CellMapping(
            self.ctxt, uuid=uuid or uuidutils.generate_uuid(), name=name,
            transport_url='fake://', database_connection='sqlite://',
            disabled=disabled)
        cell.create()
        return cell


class TestCellMapping(_APITestCase):

    def test_create_get_save_destroy(self):
        cell = self._cell()
        got = objects.CellMapping.get_by_uuid(self.ctxt, cell.uuid)
        self.assertEqual('cell1', got.name)
        self.assertFalse(got.disabled)
        got.disabled = True
        got.save()
        self.assertTrue(
            objects.CellMapping.get_by_uuid(self.ctxt, cell.uuid).disabled)
        got.destroy()
        self.assertRaises(exception.CellMappingNotFound,
                          objects.CellMapping.get_by_uuid, self.ctxt,
                          cell.uuid)

    def test_list_and_disabled(self):
        self._cell(name='cell0', uuid=objects.CellMapping.CELL0_UUID)
        self._cell(name='off', disabled=True)
        cells = objects.CellMappingList.get_all(self.ctxt)
        self.assertEqual(['cell0', 'off'], [c.name for c in cells])
        self.assertTrue(cells[0].is_cell0())
        self.assertEqual(['off'], [c.name for c in objects.CellMappingList
                                   .get_by_disabled(self.ctxt, True)])


class TestHostAndInstanceMappings(_APITestCase):

    def test_host_mapping(self):
        cell1, cell2 = self._cell('c1'), self._cell('c2')
        for host, cell in (('h1', cell1), ('h2', cell1), ('h3', cell2)):
            objects.HostMapping(self.ctxt, host=host,
                                cell_mapping=cell).create()
        self.assertRaises(exception.HostMappingExists,
                          objects.HostMapping(self.ctxt, host='h1',
                                              cell_mapping=cell2).create)
        hosts = objects.HostMappingList.get_by_cell_id(self.ctxt, cell1.id)
        self.assertEqual(['h1', 'h2'], sorted(h.host for h in hosts))
        mapping = objects.HostMapping.get_by_host(self.ctxt, 'h1')
        self.assertEqual(cell1.uuid, mapping.cell_mapping.uuid)
        mapping.cell_mapping = cell2
        mapping.save()
        self.assertEqual('c2', objects.HostMapping.get_by_host(
            self.ctxt, 'h1').cell_mapping.name)
        mapping.destroy()
        self.assertRaises(exception.HostMappingNotFound,
                          objects.HostMapping.get_by_host, self.ctxt, 'h1')
        self.assertEqual(2, len(objects.HostMappingList.get_all(self.ctxt)))

    def test_instance_mapping(self):
        cell = self._cell()
        uuid1, uuid2 = uuidutils.generate_uuid(), uuidutils.generate_uuid()
        im = objects.InstanceMapping(self.ctxt, instance_uuid=uuid1,
                                     project_id='p1', user_id='u1',
                                     cell_mapping=None)
        im.create()
        self.assertIsNone(im.cell_mapping)
        self.assertFalse(im.queued_for_delete)
        im.cell_mapping = cell
        im.save()
        objects.InstanceMapping(self.ctxt, instance_uuid=uuid2,
                                project_id='p2', cell_mapping=cell).create()
        by_cell = objects.InstanceMappingList.get_by_cell_id(self.ctxt,
                                                             cell.id)
        self.assertEqual({uuid1, uuid2}, {m.instance_uuid for m in by_cell})
        by_project = objects.InstanceMappingList.get_by_project_id(
            self.ctxt, 'p1')
        self.assertEqual([uuid1], [m.instance_uuid for m in by_project])
        self.assertEqual(
            {'project': {'instances': 1}, 'user': {'instances': 1}},
            objects.InstanceMappingList.get_counts(self.ctxt, 'p1', 'u1'))
        got = objects.InstanceMapping.get_by_instance_uuid(self.ctxt, uuid1)
        self.assertEqual(cell.uuid, got.cell_mapping.uuid)
        got.destroy()
        self.assertRaises(exception.InstanceMappingNotFound,
                          objects.InstanceMapping.get_by_instance_uuid,
                          self.ctxt, uuid1)


class TestFlavorKeyPair(_APITestCase):

    def _flavor(self, **kw):
        values = dict(name='m1.small', memory_mb=512, vcpus=1, root_gb=1,
                      ephemeral_gb=0, flavorid='1')
        values.update(kw)
        flavor = objects.Flavor(self.ctxt, **values)
        flavor.create()
        return flavor

    def test_flavor_round_trip(self):
        flavor = self._flavor(extra_specs={'hw:cpu_policy': 'shared'})
        got = objects.Flavor.get_by_flavor_id(self.ctxt, '1')
        self.assertEqual({'hw:cpu_policy': 'shared'}, got.extra_specs)
        self.assertEqual(flavor.id,
                         objects.Flavor.get_by_name(self.ctxt,
                                                    'm1.small').id)
        got.add_access('proj')
        self.assertEqual(['proj'],
                         objects.Flavor.get_by_id(self.ctxt,
                                                  flavor.id).projects)
        self.assertRaises(exception.FlavorIdExists, self._flavor,
                          name='other')
        got.destroy()
        self.assertRaises(exception.FlavorNotFound,
                          objects.Flavor.get_by_flavor_id, self.ctxt, '1')

    def test_keypair(self):
        objects.KeyPair(self.ctxt, name='k1', user_id='u', public_key='ssh',
                        fingerprint='fp').create()
        objects.KeyPair(self.ctxt, name='k2', user_id='u', public_key='ssh',
                        fingerprint='fp', type='x509').create()
        self.assertRaises(exception.KeyPairExists,
                          objects.KeyPair(self.ctxt, name='k1', user_id='u',
                                          public_key='x').create)
        self.assertEqual('ssh', objects.KeyPair.get_by_name(
            self.ctxt, 'u', 'k1').type)
        page = objects.KeyPairList.get_by_user(self.ctxt, 'u', marker='k1')
        self.assertEqual(['k2'], [k.name for k in page])
        self.assertEqual(2, objects.KeyPairList.get_count_by_user(self.ctxt,
                                                                  'u'))
        objects.KeyPair.destroy_by_name(self.ctxt, 'u', 'k1')
        self.assertRaises(exception.KeypairNotFound,
                          objects.KeyPair.get_by_name, self.ctxt, 'u', 'k1')


class TestRequestSpecBuildRequest(_APITestCase):

    def test_request_spec(self):
        flavor = objects.Flavor(id=1, name='m1', memory_mb=512, vcpus=1,
                                root_gb=1, ephemeral_gb=0, flavorid='1',
                                swap=0, extra_specs={}, projects=[])
        uuid = uuidutils.generate_uuid()
        spec = objects.RequestSpec(self.ctxt, instance_uuid=uuid,
                                   flavor=flavor, num_instances=1,
                                   ignore_hosts=['h1'],
                                   scheduler_hints={'group': ['g']})
        spec.create()
        got = objects.RequestSpec.get_by_instance_uuid(self.ctxt, uuid)
        self.assertEqual('m1', got.flavor.name)
        self.assertIsNone(got.ignore_hosts)
        self.assertEqual('g', got.get_scheduler_hint('group'))
        got.availability_zone = 'az1'
        got.save()
        self.assertEqual('az1', objects.RequestSpec.get_by_instance_uuid(
            self.ctxt, uuid).availability_zone)
        got.destroy()
        self.assertRaises(exception.RequestSpecNotFound,
                          objects.RequestSpec.get_by_instance_uuid,
                          self.ctxt, uuid)

    def test_hints_without_building_specs(self):
        flavor = objects.Flavor(id=1, name='m1', memory_mb=512, vcpus=1,
                                root_gb=1, ephemeral_gb=0, flavorid='1',
                                swap=0, extra_specs={}, projects=[])
        first, second = (uuidutils.generate_uuid() for _ in range(2))
        objects.RequestSpec(self.ctxt, instance_uuid=first, flavor=flavor,
                            num_instances=1, availability_zone='az1',
                            scheduler_hints={'group': ['g'],
                                             'a': ['1', '2']}).create()
        objects.RequestSpec(self.ctxt, instance_uuid=second, flavor=flavor,
                            num_instances=1).create()
        got = objects.RequestSpec.get_hints_by_instance_uuids(
            self.ctxt, [first, second, uuidutils.generate_uuid()])
        self.assertEqual({first: ({'group': ['g'], 'a': ['1', '2']}, 'az1'),
                          second: ({}, None)}, got)
        self.assertEqual(
            {}, objects.RequestSpec.get_hints_by_instance_uuids(self.ctxt, []))

    def test_build_request(self):
        uuid = uuidutils.generate_uuid()
        inst = objects.Instance(uuid=uuid, project_id='p', display_name='vm',
                                vm_state='building')
        req = objects.BuildRequest(
            self.ctxt, instance_uuid=uuid, project_id='p', instance=inst,
            block_device_mappings=objects.BlockDeviceMappingList(objects=[]),
            tags=objects.TagList(objects=[]))
        req.create()
        got = objects.BuildRequest.get_by_instance_uuid(self.ctxt, uuid)
        self.assertEqual('vm', got.instance.display_name)
        self.assertEqual(1, len(objects.BuildRequestList.get_by_filters(
            self.ctxt, {'display_name': 'vm'})))
        self.assertEqual(0, len(objects.BuildRequestList.get_by_filters(
            self.ctxt, {'deleted': True})))
        got.destroy()
        self.assertRaises(exception.BuildRequestNotFound,
                          objects.BuildRequest.get_by_instance_uuid,
                          self.ctxt, uuid)

    def test_queued_builds_count_for_quota(self):
        for project, user, vcpus in (('p', 'u', 2), ('p', 'v', 4),
                                     ('other', 'u', 8)):
            uuid = uuidutils.generate_uuid()
            inst = objects.Instance(uuid=uuid, project_id=project,
                                    user_id=user, vcpus=vcpus,
                                    memory_mb=vcpus * 256)
            objects.BuildRequest(
                self.ctxt, instance_uuid=uuid, project_id=project,
                instance=inst,
                block_device_mappings=objects.BlockDeviceMappingList(
                    objects=[]),
                tags=objects.TagList(objects=[])).create()
        usage = objects.BuildRequestList.get_queued_usage(self.ctxt, 'p')
        self.assertEqual([('u', 2, 512), ('v', 4, 1024)],
                         sorted((u.user_id, u.vcpus, u.memory_mb)
                                for u in usage.values()))
        self.assertEqual(
            {'project': {'instances': 2, 'cores': 6, 'ram': 1536},
             'user': {'instances': 1, 'cores': 2, 'ram': 512}},
            quota.count_instances(self.ctxt, 'p', 'u'))


class TestAggregateGroupQuotas(_APITestCase):

    def test_aggregate(self):
        agg = objects.Aggregate(self.ctxt, name='a1',
                                metadata={'availability_zone': 'az1'})
        agg.create()
        self.assertEqual('az1', agg.availability_zone)
        agg.add_host('h1')
        self.assertRaises(exception.AggregateHostExists, agg.add_host, 'h1')
        agg.update_metadata({'ssd': 'true', 'availability_zone': None})
        got = objects.Aggregate.get_by_uuid(self.ctxt, agg.uuid)
        self.assertEqual({'ssd': 'true'}, got.metadata)
        self.assertEqual(['h1'], got.hosts)
        self.assertEqual(1, len(objects.AggregateList.get_by_host(
            self.ctxt, 'h1', key='ssd')))
        self.assertRaises(exception.AggregateNameExists,
                          objects.Aggregate(self.ctxt, name='a1').create)
        got.delete_host('h1')
        got.destroy()
        self.assertRaises(exception.AggregateNotFound,
                          objects.Aggregate.get_by_id, self.ctxt, agg.id)

    def test_instance_group(self):
        ctxt = context.RequestContext('u', 'p', is_admin=False)
        group = objects.InstanceGroup(ctxt, name='g', user_id='u',
                                      project_id='p', policy='affinity',
                                      rules={}, members=['m1'])
        group.create()
        objects.InstanceGroup.add_members(ctxt, group.uuid, ['m2', 'm1'])
        got = objects.InstanceGroup.get_by_hint(ctxt, 'g')
        self.assertEqual('affinity', got.policy)
        self.assertEqual(['m1', 'm2'], sorted(got.members))
        self.assertEqual(group.uuid, objects.InstanceGroup
                         .get_by_instance_uuid(ctxt, 'm2').uuid)
        self.assertEqual({'project': {'server_groups': 1},
                          'user': {'server_groups': 1}},
                         objects.InstanceGroupList.get_counts(ctxt, 'p',
                                                              'u'))
        got.destroy()
        self.assertRaises(exception.InstanceGroupNotFound,
                          objects.InstanceGroup.get_by_uuid, ctxt,
                          group.uuid)

    def test_quotas(self):
        quotas = objects.Quotas
        quotas.create_limit(self.ctxt, 'p', 'cores', 10)
        quotas.create_limit(self.ctxt, 'p', 'cores', 5, user_id='u')
        self.assertRaises(exception.QuotaExists, quotas.create_limit,
                          self.ctxt, 'p', 'cores', 1)
        quotas.update_limit(self.ctxt, 'p', 'cores', 20)
        self.assertEqual({'project_id': 'p', 'cores': 20},
                         quotas.get_all_by_project(self.ctxt, 'p'))
        self.assertEqual({'project_id': 'p', 'user_id': 'u', 'cores': 5},
                         quotas.get_all_by_project_and_user(self.ctxt, 'p',
                                                            'u'))
        self.assertRaises(exception.ProjectUserQuotaNotFound,
                          quotas.update_limit, self.ctxt, 'p', 'ram', 1,
                          user_id='u')
        quotas.destroy_all_by_project(self.ctxt, 'p')
        self.assertRaises(exception.ProjectQuotaNotFound, quotas.get,
                          self.ctxt, 'p', 'cores')
        quotas.create_class(self.ctxt, 'default', 'instances', 10)
        quotas.update_class(self.ctxt, 'default', 'instances', 12)
        self.assertEqual({'instances': 12},
                         quotas.get_default_class(self.ctxt))
        self.assertRaises(exception.QuotaClassNotFound, quotas.get_class,
                          self.ctxt, 'gold', 'instances')
