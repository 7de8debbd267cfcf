"""Tests for the in-memory FakeDriver."""

from unittest import mock

from nova_clone import concurrency
from nova_clone.compute import power_state
from nova_clone import exception
from nova_clone.exception import virt as virt_exc
from nova_clone.scheduler.client.report import provider_tree
from nova_clone.tests import base
from nova_clone.virt import event as virtevent
from nova_clone.virt import fake
from nova_clone.virt import virtapi


class FakeInst(object):
    def __init__(self, uuid, node=None, name=None):
        self.uuid = uuid
        self.node = node
        self.name = name or 'instance-%s' % uuid


class _Base(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(fake.FakeDriverFixture())
        self.flags(host='compute1')
        self.events = []
        self.driver = self._make()

    def _make(self, cls=fake.FakeDriver):
        drv = cls(virtapi.FakeVirtAPI())
        drv.init_host('compute1')
        drv.register_event_listener(self.events.append)
        return drv

    def _spawn(self, uuid='u1', power_on=True, drv=None, node=None):
        inst = FakeInst(uuid, node=node)
        (drv or self.driver).spawn(None, inst, {}, [], 'pw', {},
                                   power_on=power_on)
        return inst

    def _state(self, inst):
        return self.driver.get_info(inst).state

    def _transitions(self):
        return [e.get_transition() for e in self.events]


class LifecycleTestCase(_Base):

    def test_spawn_running(self):
        inst = self._spawn()
        self.assertEqual(power_state.RUNNING, self._state(inst))
        self.assertEqual(['instance-u1'], self.driver.list_instances())
        self.assertEqual(['u1'], self.driver.list_instance_uuids())
        self.assertTrue(self.driver.instance_exists(inst))
        self.assertEqual(1, self.driver.get_num_instances())
        self.assertEqual([virtevent.EVENT_LIFECYCLE_STARTED],
                         self._transitions())
        self.assertEqual('u1', self.events[0].get_instance_uuid())

    def test_spawn_powered_off(self):
        inst = self._spawn(power_on=False)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))
        self.assertEqual([], self.events)

    def test_spawn_twice(self):
        self._spawn()
        self.assertRaises(exception.InstanceExists, self._spawn)

    def test_spawn_accepts_dicts(self):
        self.driver.spawn(None, {'uuid': 'd1', 'name': 'n'}, {}, [], None, {})
        self.assertEqual(['n'], self.driver.list_instances())

    def test_power_cycle(self):
        inst = self._spawn()
        steps = [
            (lambda: self.driver.power_off(inst), power_state.SHUTDOWN,
             virtevent.EVENT_LIFECYCLE_STOPPED),
            (lambda: self.driver.power_on(None, inst, []),
             power_state.RUNNING, virtevent.EVENT_LIFECYCLE_STARTED),
            (lambda: self.driver.pause(inst), power_state.PAUSED,
             virtevent.EVENT_LIFECYCLE_PAUSED),
            (lambda: self.driver.unpause(inst), power_state.RUNNING,
             virtevent.EVENT_LIFECYCLE_RESUMED),
            (lambda: self.driver.suspend(None, inst), power_state.SUSPENDED,
             virtevent.EVENT_LIFECYCLE_SUSPENDED),
            (lambda: self.driver.resume(None, inst, []), power_state.RUNNING,
             virtevent.EVENT_LIFECYCLE_RESUMED),
            (lambda: self.driver.reboot(None, inst, [], 'HARD'),
             power_state.RUNNING, virtevent.EVENT_LIFECYCLE_STARTED),
            (lambda: self.driver.soft_delete(inst), power_state.SHUTDOWN,
             virtevent.EVENT_LIFECYCLE_STOPPED),
            (lambda: self.driver.restore(inst), power_state.RUNNING,
             virtevent.EVENT_LIFECYCLE_STARTED),
        ]
        for call, state, transition in steps:
            del self.events[:]
            call()
            self.assertEqual(state, self._state(inst))
            self.assertEqual([transition], self._transitions())

    def test_rescue_unrescue(self):
        inst = self._spawn()
        self.assertRaises(virt_exc.InstanceNotInRescueMode,
                          self.driver.unrescue, None, inst)
        self.driver.rescue(None, inst, [], {}, 'rpw', None)
        self.assertTrue(self.driver.instances['u1'].rescued)
        self.driver.unrescue(None, inst)
        self.assertFalse(self.driver.instances['u1'].rescued)
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_destroy(self):
        inst = self._spawn()
        del self.events[:]
        self.driver.destroy(None, inst, [])
        self.assertEqual([], self.driver.list_instances())
        self.assertFalse(self.driver.instance_exists(inst))
        self.assertEqual([virtevent.EVENT_LIFECYCLE_STOPPED],
                         self._transitions())
        # A second destroy of a gone guest is not an error.
        self.driver.destroy(None, inst, [])

    def test_missing_instance(self):
        inst = FakeInst('ghost')
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.get_info, inst)
        for call in (lambda: self.driver.power_off(inst),
                     lambda: self.driver.power_on(None, inst, []),
                     lambda: self.driver.pause(inst),
                     lambda: self.driver.reboot(None, inst, [], 'SOFT')):
            self.assertRaises(exception.InstanceNotFound, call)
        self.assertRaises(virt_exc.InstanceNotRunning, self.driver.snapshot,
                          None, inst, 'img', mock.Mock())

    def test_snapshot_reports_progress(self):
        inst = self._spawn()
        update = mock.Mock()
        with mock.patch.object(fake.glance, 'API') as image_api:
            self.driver.snapshot(None, inst, 'img', update)
        update.assert_has_calls([
            mock.call(task_state=fake.IMAGE_PENDING_UPLOAD),
            mock.call(task_state=fake.IMAGE_UPLOADING,
                      expected_state=fake.IMAGE_PENDING_UPLOAD)])
        # The "disk" goes to Glance, so the image becomes active.
        image_api.return_value.upload.assert_called_once_with(
            None, 'img', mock.ANY)

    def test_consoles_and_uptime(self):
        inst = self._spawn()
        self.assertEqual(fake.CONSOLE_OUTPUT,
                         self.driver.get_console_output(None, inst))
        console = self.driver.get_vnc_console(None, inst)
        self.assertEqual(6969, console.port)
        self.assertIn('load average', self.driver.get_host_uptime())

    def test_spice_and_serial_consoles(self):
        inst = self._spawn()
        spice = self.driver.get_spice_console(None, inst)
        self.assertEqual(6970, spice.tls_port)
        serial = self.driver.get_serial_console(None, inst)
        self.assertEqual(('127.0.0.1', 10000), (serial.host, serial.port))

    def test_simulate_power_state(self):
        inst = self._spawn()
        del self.events[:]
        self.driver.simulate_power_state(inst, power_state.CRASHED)
        self.assertEqual(power_state.CRASHED, self._state(inst))
        self.assertEqual([virtevent.EVENT_LIFECYCLE_STOPPED],
                         self._transitions())
        self.driver.simulate_power_state('u1', power_state.SHUTDOWN,
                                         emit=False)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))
        self.assertEqual(1, len(self.events))
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.simulate_power_state, 'ghost',
                          power_state.RUNNING)

    def test_simulate_vanished(self):
        inst = self._spawn()
        self.driver.simulate_vanished(inst)
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.get_info, inst)
        self.assertFalse(self.driver.instance_exists(inst))

    def test_volumes(self):
        inst = self._spawn()
        self.driver.attach_volume(None, {'x': 1}, inst, '/dev/vdb')
        self.assertEqual({'/dev/vdb': {'x': 1}},
                         self.driver.instances['u1'].volumes)
        self.driver.detach_volume(None, {'x': 1}, inst, '/dev/vdb')
        self.assertEqual({}, self.driver.instances['u1'].volumes)
        self.assertEqual('compute1',
                         self.driver.get_volume_connector(inst)['host'])

    def test_concurrent_spawns(self):
        futures = [concurrency.spawn(self._spawn, 'u%d' % i)
                   for i in range(50)]
        for f in futures:
            f.result()
        self.assertEqual(50, len(self.driver.list_instance_uuids()))


class NodesTestCase(_Base):

    def test_default_node_is_host(self):
        self.assertEqual(['compute1'], self.driver.get_available_nodes())
        self.assertTrue(self.driver.node_is_available('compute1'))

    def test_set_and_restore_nodes(self):
        fake.FakeDriver.set_nodes(['n1', 'n2', 'n3'])
        drv = self._make()
        self.assertEqual(['n1', 'n2', 'n3'], drv.get_available_nodes())
        # Drivers already built keep their nodes.
        self.assertEqual(['compute1'], self.driver.get_available_nodes())
        fake.FakeDriver.restore_nodes()
        self.assertEqual(['compute1'], self._make().get_available_nodes())

    def test_set_nodes_empty(self):
        self.assertRaises(ValueError, fake.FakeDriver.set_nodes, [])

    def test_per_node_resources(self):
        fake.FakeDriver.set_nodes(['n1', 'n2'])
        fake.FakeDriver.set_node_resources('n2', vcpus=8)
        drv = self._make()
        r1 = drv.get_available_resource('n1')
        r2 = drv.get_available_resource('n2')
        self.assertEqual(1000, r1['vcpus'])
        self.assertEqual(8, r2['vcpus'])
        self.assertEqual(800000, r2['memory_mb'])
        self.assertEqual('n2', r2['hypervisor_hostname'])
        self.assertEqual('fake', r2['hypervisor_type'])
        self.assertEqual({}, drv.get_available_resource('other'))

    def test_spawn_on_node(self):
        fake.FakeDriver.set_nodes(['n1', 'n2'])
        drv = self._make()
        self._spawn('a', drv=drv, node='n2')
        self._spawn('b', drv=drv)
        self.assertEqual('n2', drv.instances['a'].node)
        self.assertEqual('n1', drv.instances['b'].node)

    def test_node_uuids_are_stable(self):
        fake.FakeDriver.set_nodes(['n1', 'n2'])
        drv = self._make()
        by_uuid = drv.get_nodenames_by_uuid()
        self.assertEqual(['n1', 'n2'], sorted(by_uuid.values()))
        self.assertEqual(by_uuid, self._make().get_nodenames_by_uuid())
        for uuid, node in by_uuid.items():
            self.assertEqual(uuid,
                             drv.get_available_resource(node)['uuid'])
        self.assertEqual(fake.node_uuid('n1'), fake.node_uuid('n1'))
        self.assertNotEqual(fake.node_uuid('n1'), fake.node_uuid('n2'))

    def test_many_nodes_scale(self):
        names = ['node%03d' % i for i in range(200)]
        fake.FakeDriver.set_nodes(names)
        drv = self._make()
        self.assertEqual(names, drv.get_available_nodes())
        self.assertEqual(200, len(drv.get_nodenames_by_uuid()))

    def test_host_ip(self):
        self.flags(my_ip='192.0.2.7')
        self.assertEqual('192.0.2.7', self.driver.get_host_ip_addr())

    def test_medium_and_small(self):
        med = self._make(fake.MediumFakeDriver)
        self.assertEqual(10, med.get_available_resource('compute1')['vcpus'])
        small = self._make(fake.SmallFakeDriver)
        self.assertEqual(1, small.get_available_resource('compute1')['vcpus'])


class FailureInjectionTestCase(_Base):

    def test_fail_spawn_once(self):
        fake.FakeDriver.fail_spawn()
        self.assertRaises(virt_exc.InstanceSpawnFailure, self._spawn)
        self.assertEqual([], self.driver.list_instances())
        self._spawn()
        self.assertEqual(['u1'], self.driver.list_instance_uuids())

    def test_fail_spawn_times_and_custom_exc(self):
        fake.FakeDriver.fail_spawn(times=2, exc=exception.InstanceNotFound)
        self.assertRaises(exception.InstanceNotFound, self._spawn)
        self.assertRaises(exception.InstanceNotFound, self._spawn)
        self._spawn()

    def test_fail_spawn_exception_instance(self):
        err = RuntimeError('boom')
        fake.FakeDriver.fail_spawn(exc=err)
        raised = self.assertRaises(RuntimeError, self._spawn)
        self.assertIs(err, raised)

    def test_fail_spawn_forever_until_cleared(self):
        fake.FakeDriver.fail_spawn(times=None)
        for _ in range(3):
            self.assertRaises(virt_exc.InstanceSpawnFailure, self._spawn)
        fake.FakeDriver.clear_failures()
        self._spawn()

    def test_fail_spawn_by_host(self):
        fake.FakeDriver.fail_spawn(hosts=['compute2'])
        self._spawn()
        self.flags(host='compute2')
        other = self._make()
        other.init_host('compute2')
        self.assertRaises(virt_exc.InstanceSpawnFailure, self._spawn,
                          drv=other)

    def test_fail_spawn_by_node(self):
        fake.FakeDriver.set_nodes(['n1', 'n2'])
        drv = self._make()
        fake.FakeDriver.fail_spawn(hosts=['n2'])
        self._spawn('a', drv=drv, node='n1')
        self.assertRaises(virt_exc.InstanceSpawnFailure, self._spawn, 'b',
                          drv=drv, node='n2')

    def test_fail_by_instance(self):
        fake.FakeDriver.fail_spawn(instance_uuids=['bad'])
        self._spawn('good')
        self.assertRaises(virt_exc.InstanceSpawnFailure, self._spawn, 'bad')

    def test_fail_other_op(self):
        inst = self._spawn()
        fake.FakeDriver.inject_failure('power_off')
        self.assertRaises(exception.NovaException, self.driver.power_off,
                          inst)
        self.assertEqual(power_state.RUNNING, self._state(inst))
        self.driver.power_off(inst)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))

    def test_bad_injection(self):
        self.assertRaises(ValueError, fake.FakeDriver.inject_failure, 'fly')
        self.assertRaises(ValueError, fake.FakeDriver.inject_failure,
                          'spawn', times=0)


class ProviderTreeTestCase(_Base):

    def _tree(self, node='compute1'):
        tree = provider_tree.ProviderTree()
        tree.new_root(node, 'rp-' + node)
        return tree

    def test_inventory_defaults(self):
        tree = self._tree()
        self.driver.update_provider_tree(tree, 'compute1')
        inv = tree.data('compute1').inventory
        self.assertEqual({'VCPU', 'MEMORY_MB', 'DISK_GB'}, set(inv))
        self.assertEqual(1000, inv['VCPU']['total'])
        self.assertEqual(1000, inv['VCPU']['max_unit'])
        self.assertEqual(4.0, inv['VCPU']['allocation_ratio'])
        self.assertEqual(0, inv['VCPU']['reserved'])
        self.assertEqual(800000, inv['MEMORY_MB']['total'])
        self.assertEqual(512, inv['MEMORY_MB']['reserved'])
        self.assertEqual(1.0, inv['MEMORY_MB']['allocation_ratio'])
        self.assertEqual(600000, inv['DISK_GB']['total'])
        self.assertEqual(0, inv['DISK_GB']['reserved'])

    def test_inventory_from_conf(self):
        self.flags(cpu_allocation_ratio=16.0, ram_allocation_ratio=1.5,
                   disk_allocation_ratio=2.0, reserved_host_cpus=2,
                   reserved_host_memory_mb=1024, reserved_host_disk_mb=1025)
        tree = self._tree()
        self.driver.update_provider_tree(tree, 'compute1')
        inv = tree.data('compute1').inventory
        self.assertEqual(16.0, inv['VCPU']['allocation_ratio'])
        self.assertEqual(2, inv['VCPU']['reserved'])
        self.assertEqual(1.5, inv['MEMORY_MB']['allocation_ratio'])
        self.assertEqual(1024, inv['MEMORY_MB']['reserved'])
        self.assertEqual(2.0, inv['DISK_GB']['allocation_ratio'])
        # 1025 MiB rounds up to 2 GiB.
        self.assertEqual(2, inv['DISK_GB']['reserved'])

    def test_keeps_ratio_set_in_placement(self):
        tree = self._tree()
        self.driver.update_provider_tree(tree, 'compute1')
        inv = tree.data('compute1').inventory
        inv['VCPU']['allocation_ratio'] = 8.0
        tree.update_inventory('compute1', inv)
        self.driver.update_provider_tree(tree, 'compute1')
        self.assertEqual(
            8.0, tree.data('compute1').inventory['VCPU']['allocation_ratio'])

    def test_many_nodes(self):
        fake.FakeDriver.set_nodes(['n1', 'n2'])
        fake.FakeDriver.set_node_resources('n2', memory_mb=4096)
        drv = self._make()
        tree = provider_tree.ProviderTree()
        for node in drv.get_available_nodes():
            tree.new_root(node, 'rp-' + node)
            drv.update_provider_tree(tree, node)
        self.assertEqual(
            800000, tree.data('n1').inventory['MEMORY_MB']['total'])
        self.assertEqual(
            4096, tree.data('n2').inventory['MEMORY_MB']['total'])

    def test_unknown_provider(self):
        self.assertRaises(ValueError, self.driver.update_provider_tree,
                          provider_tree.ProviderTree(), 'compute1')
