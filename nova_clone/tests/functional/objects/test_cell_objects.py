"""Round trips of the cell-database objects on a migrated SQLite DB."""

from oslo_utils import uuidutils

from nova_clone import context
from nova_clone import exception
from nova_clone import objects
from nova_clone.objects import service as service_obj
from nova_clone.tests import base as test_base
from nova_clone.tests.fixtures import database


class _CellTestCase(test_base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('api'))
        self.useFixture(database.Database('main'))
        self.ctxt = context.get_admin_context()

    def _service(self, host='host1', binary='nova-compute', **kw):
        service = objects.Service(self.ctxt, host=host, binary=binary,
                                  topic=binary.split('-', 1)[1], **kw)
        service.create()
        return service

    def _node(self, host='host1', nodename='node1', **kw):
        values = dict(host=host, hypervisor_hostname=nodename, vcpus=4,
                      memory_mb=2048, local_gb=10, vcpus_used=0,
                      memory_mb_used=0, local_gb_used=0,
                      hypervisor_type='fake', hypervisor_version=1,
                      cpu_info='{}', mapped=0)
        values.update(kw)
        node = objects.ComputeNode(self.ctxt, **values)
        node.create()
        return node

    def _instance(self, **kw):
        values = dict(project_id='p', user_id='u', host='host1',
                      node='node1', vm_state='active', task_state=None,
                      display_name='vm', metadata={}, system_metadata={})
        values.update(kw)
        inst = objects.Instance(self.ctxt, **values)
        inst.create()
        return inst


class TestServiceComputeNode(_CellTestCase):

    def test_service_round_trip(self):
        service = self._service()
        self.assertEqual(service_obj.SERVICE_VERSION, service.version)
        self.assertTrue(uuidutils.is_uuid_like(service.uuid))
        self.assertRaises(exception.ServiceBinaryExists, self._service)
        got = objects.Service.get_by_host_and_binary(self.ctxt, 'host1',
                                                     'nova-compute')
        self.assertEqual(service.id, got.id)
        self.assertIsNone(objects.Service.get_by_host_and_binary(
            self.ctxt, 'nope', 'nova-compute'))
        got.disabled = True
        got.disabled_reason = 'maintenance'
        got.save()
        self.assertEqual(1, len(objects.ServiceList.get_all(
            self.ctxt, disabled=True)))
        self.assertEqual(service.id, objects.Service.get_by_compute_host(
            self.ctxt, 'host1').id)
        got.destroy()
        self.assertRaises(exception.ComputeHostNotFound,
                          objects.Service.get_by_compute_host, self.ctxt,
                          'host1')

    def test_get_minimum_version(self):
        self.assertEqual(0, objects.Service.get_minimum_version(
            self.ctxt, 'nova-compute'))
        self._service(host='a', version=3)
        self._service(host='b', version=2)
        self._service(host='c', version=1, forced_down=True)
        self.assertEqual(2, objects.Service.get_minimum_version(
            self.ctxt, 'nova-compute'))
        self.assertRaises(exception.ObjectActionError,
                          objects.Service.get_minimum_version, self.ctxt,
                          'compute')

    def test_service_zones(self):
        self.flags(internal_service_availability_zone='internal')
        self._service()
        self._service(host='ctl', binary='nova-scheduler')
        agg = objects.Aggregate(self.ctxt, name='a',
                                metadata={'availability_zone': 'az1'})
        agg.create()
        agg.add_host('host1')
        zones = {s.host: s.availability_zone for s in
                 objects.ServiceList.get_all(self.ctxt, set_zones=True)}
        self.assertEqual({'host1': 'az1', 'ctl': 'internal'}, zones)

    def test_compute_node_round_trip(self):
        service = self._service()
        node = self._node(service_id=service.id, stats={'x': '1'},
                          supported_hv_specs=[objects.HVSpec(
                              arch='x86_64', hv_type='fake', vm_mode='hvm')])
        got = objects.ComputeNode.get_by_host_and_nodename(self.ctxt,
                                                           'host1', 'node1')
        self.assertEqual(node.uuid, got.uuid)
        self.assertEqual({'x': '1'}, got.stats)
        self.assertEqual('x86_64', got.supported_hv_specs[0].arch)
        got.vcpus_used = 2
        got.save()
        self.assertEqual(2, objects.ComputeNode.get_by_id(
            self.ctxt, node.id).vcpus_used)
        self.assertEqual(1, len(objects.ComputeNodeList.get_all_by_host(
            self.ctxt, 'host1')))
        got.destroy()
        self.assertRaises(exception.ComputeHostNotFound,
                          objects.ComputeNodeList.get_all_by_host,
                          self.ctxt, 'host1')

    def test_get_all_by_not_mapped(self):
        self._node(nodename='n0', mapped=0)
        self._node(nodename='n1', mapped=1)
        self._node(host='host2', nodename='n2', mapped=0)
        unmapped = objects.ComputeNodeList.get_all_by_not_mapped(self.ctxt,
                                                                 1)
        self.assertEqual(['n0', 'n2'],
                         sorted(n.hypervisor_hostname for n in unmapped))
        self.assertEqual(3, len(objects.ComputeNodeList
                                .get_all_by_not_mapped(self.ctxt, 2)))


class TestInstance(_CellTestCase):

    def test_create_get_with_expected_attrs(self):
        flavor = objects.Flavor(id=1, name='m1', memory_mb=512, vcpus=1,
                                root_gb=1, ephemeral_gb=0, flavorid='1',
                                swap=0, extra_specs={}, projects=[])
        inst = self._instance(
            metadata={'k': 'v'}, system_metadata={'s': '1'}, flavor=flavor,
            tags=objects.TagList(objects=[objects.Tag(tag='t1')]))
        got = objects.Instance.get_by_uuid(
            self.ctxt, inst.uuid,
            expected_attrs=['metadata', 'system_metadata', 'info_cache',
                            'fault', 'tags', 'flavor', 'old_flavor'])
        self.assertEqual({'k': 'v'}, got.metadata)
        self.assertEqual({'s': '1'}, got.system_metadata)
        self.assertEqual([], got.info_cache.network_info)
        self.assertIsNone(got.fault)
        self.assertEqual(['t1'], [t.tag for t in got.tags])
        self.assertEqual('m1', got.flavor.name)
        self.assertIsNone(got.old_flavor)
        self.assertEqual('instance-%08x' % inst.id, got.name)
        # Lazy load of an attribute not asked for.
        lazy = objects.Instance.get_by_uuid(self.ctxt, inst.uuid,
                                            expected_attrs=[])
        self.assertEqual({'k': 'v'}, lazy.metadata)
        self.assertEqual('m1', lazy.flavor.name)

    def test_save_metadata_and_cas(self):
        inst = self._instance(metadata={'a': '1', 'b': '2'})
        inst.metadata = {'a': '9', 'c': '3'}
        inst.task_state = 'spawning'
        inst.save(expected_task_state=[None])
        got = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        self.assertEqual({'a': '9', 'c': '3'}, got.metadata)
        self.assertEqual('spawning', got.task_state)
        stale = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        stale.task_state = 'rebooting'
        self.assertRaises(exception.UnexpectedTaskStateError, stale.save,
                          expected_task_state=[None])
        got.task_state = 'deleting'
        got.save(expected_task_state='spawning')
        stale.task_state = 'rebooting'
        self.assertRaises(exception.UnexpectedDeletingTaskStateError,
                          stale.save, expected_task_state=['spawning'])
        stale.vm_state = 'stopped'
        self.assertRaises(exception.UnexpectedVMStateError, stale.save,
                          expected_vm_state=['building'])

    def test_destroy_is_soft(self):
        inst = self._instance()
        objects.InstanceFault(self.ctxt, instance_uuid=inst.uuid, code=500,
                              message='boom', details='', host='h').create()
        inst.destroy()
        self.assertTrue(inst.deleted)
        self.assertRaises(exception.InstanceNotFound,
                          objects.Instance.get_by_uuid, self.ctxt, inst.uuid)
        deleted = objects.Instance.get_by_uuid(
            self.ctxt.elevated(read_deleted='yes'), inst.uuid,
            expected_attrs=[])
        self.assertTrue(deleted.deleted)
        self.assertIsNone(objects.InstanceFault.get_latest_for_instance(
            self.ctxt, inst.uuid))

    def test_destroy_host_constraint(self):
        inst = self._instance(host='host1')
        moved = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        moved.host = 'host2'
        moved.save()
        self.assertRaises(exception.ObjectActionError, inst.destroy)

    def test_list_filters_and_paging(self):
        a = self._instance(display_name='alpha', host='h1')
        b = self._instance(display_name='beta', host='h2',
                           metadata={'role': 'db'})
        c = self._instance(display_name='gamma', host='h1',
                           vm_state='stopped')
        objects.TagList.create(self.ctxt, a.uuid, ['red', 'blue'])
        objects.TagList.create(self.ctxt, c.uuid, ['red'])
        objects.InstanceFault(self.ctxt, instance_uuid=c.uuid, code=500,
                              message='x', details='').create()

        def names(filters, **kw):
            return [i.display_name for i in objects.InstanceList
                    .get_by_filters(self.ctxt, filters, **kw)]

        self.assertEqual(['alpha', 'beta', 'gamma'],
                         names({}, sort_key='display_name', sort_dir='asc'))
        self.assertEqual(['alpha', 'gamma'],
                         sorted(names({'host': 'h1'})))
        self.assertEqual(['alpha'], names({'tags': ['red', 'blue']}))
        self.assertEqual(['alpha', 'gamma'],
                         sorted(names({'tags-any': 'red'})))
        self.assertEqual(['beta'], names({'not-tags-any': ['red']}))
        self.assertEqual(['beta'], names({'metadata': {'role': 'db'}}))
        self.assertEqual(['gamma'], names({'vm_state': ['stopped']}))
        self.assertEqual(['alpha'], names({'display_name': 'lph'}))
        self.assertEqual(['beta', 'gamma'],
                         names({}, sort_key='display_name', sort_dir='asc',
                               marker=a.uuid))
        self.assertEqual(['beta'],
                         names({}, sort_key='display_name', sort_dir='asc',
                               marker=a.uuid, limit=1))
        self.assertRaises(exception.MarkerNotFound, names, {},
                          marker=uuidutils.generate_uuid())
        with_faults = objects.InstanceList.get_by_filters(
            self.ctxt, {'uuid': [b.uuid, c.uuid]}, expected_attrs=['fault'])
        faults = {i.uuid: i.fault for i in with_faults}
        self.assertIsNone(faults[b.uuid])
        self.assertEqual('x', faults[c.uuid].message)
        b.destroy()
        self.assertEqual(['beta'], names({'deleted': True}))
        self.assertEqual(2, len(objects.InstanceList.get_by_host(self.ctxt,
                                                                 'h1')))

    def test_info_cache_and_tags(self):
        inst = self._instance()
        cache = objects.InstanceInfoCache.get_by_instance_uuid(self.ctxt,
                                                               inst.uuid)
        cache.network_info = [{'id': 'vif1'}]
        cache.save()
        self.assertEqual([{'id': 'vif1'}], objects.InstanceInfoCache
                         .get_by_instance_uuid(self.ctxt,
                                               inst.uuid).network_info)
        objects.Tag(self.ctxt, resource_id=inst.uuid, tag='x').create()
        self.assertTrue(objects.Tag.exists(self.ctxt, inst.uuid, 'x'))
        objects.Tag.destroy(self.ctxt, inst.uuid, 'x')
        self.assertRaises(exception.InstanceTagNotFound,
                          objects.Tag.destroy, self.ctxt, inst.uuid, 'x')
        self.assertRaises(exception.InstanceNotFound,
                          objects.TagList.create, self.ctxt,
                          uuidutils.generate_uuid(), ['a'])


class TestMovesActionsBDMs(_CellTestCase):

    def test_migration(self):
        inst = self._instance()
        mig = objects.Migration(self.ctxt, instance_uuid=inst.uuid,
                                source_compute='h1', dest_compute='h2',
                                source_node='n1', dest_node='n2',
                                status='migrating', migration_type='resize')
        mig.create()
        self.assertTrue(uuidutils.is_uuid_like(mig.uuid))
        self.assertEqual(mig.id, objects.Migration.get_by_instance_and_status(
            self.ctxt, inst.uuid, 'migrating').id)
        self.assertEqual(1, len(objects.MigrationList
                                .get_in_progress_by_host_and_node(
                                    self.ctxt, 'h2', 'n2')))
        mig.status = 'confirmed'
        mig.save()
        self.assertEqual(0, len(objects.MigrationList
                                .get_in_progress_by_host_and_node(
                                    self.ctxt, 'h2', 'n2')))
        self.assertEqual(1, len(objects.MigrationList.get_by_filters(
            self.ctxt, {'host': 'h1', 'status': ['confirmed']})))
        self.assertRaises(exception.MigrationNotFound,
                          objects.Migration.get_by_id, self.ctxt, 999)

    def test_instance_actions(self):
        inst = self._instance()
        ctxt = context.RequestContext('u', 'p', is_admin=True)
        action = objects.InstanceAction.action_start(ctxt, inst.uuid,
                                                     'reboot')
        objects.InstanceActionEvent.event_start(ctxt, inst.uuid,
                                                'compute_reboot', host='h')
        try:
            raise exception.NovaException('bad')
        except exception.NovaException as exc:
            objects.InstanceActionEvent.event_finish_with_failure(
                ctxt, inst.uuid, 'compute_reboot', exc_val=exc,
                exc_tb=exc.__traceback__)
        objects.InstanceAction.action_finish(ctxt, inst.uuid)
        got = objects.InstanceAction.get_by_request_id(ctxt, inst.uuid,
                                                       ctxt.request_id)
        self.assertEqual('Error', got.message)
        self.assertIsNotNone(got.finish_time)
        events = objects.InstanceActionEventList.get_by_action(ctxt,
                                                               action.id)
        self.assertEqual(['Error'], [e.result for e in events])
        self.assertEqual('bad', events[0].details)
        self.assertEqual(1, len(objects.InstanceActionList
                                .get_by_instance_uuid(ctxt, inst.uuid)))

    def test_block_device_mappings(self):
        inst = self._instance()
        bdm = objects.BlockDeviceMapping(
            self.ctxt, instance_uuid=inst.uuid, source_type='volume',
            destination_type='volume', volume_id='vol1', boot_index=0,
            device_name='/dev/vda', connection_info='{"secret": 1}')
        bdm.create()
        got = objects.BlockDeviceMapping.get_by_volume_and_instance(
            self.ctxt, 'vol1', inst.uuid)
        self.assertTrue(got.is_root and got.is_volume)
        self.assertEqual(inst.uuid, got.instance.uuid)
        got.volume_size = 5
        got.save()
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            self.ctxt, inst.uuid)
        self.assertEqual(5, bdms.root_bdm().volume_size)
        got.destroy()
        self.assertRaises(exception.VolumeBDMNotFound,
                          objects.BlockDeviceMapping.get_by_volume_id,
                          self.ctxt, 'vol1')
