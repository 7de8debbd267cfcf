"""Tests for the ComputeDriver base class and driver loading."""

from unittest import mock

import os_traits
from stevedore import extension

from nova_clone.compute import power_state
from nova_clone.exception import virt as virt_exc
from nova_clone.tests import base
from nova_clone.virt import driver
from nova_clone.virt import event as virtevent
from nova_clone.virt import fake
from nova_clone.virt import virtapi


def _test_manager(name, plugin, obj):
    ext = extension.Extension(name, None, plugin, obj)
    return driver.stevedore.DriverManager.make_test_instance(
        ext, namespace=driver.DRIVER_NAMESPACE)


class PowerStateTestCase(base.NoDBTestCase):

    def test_values(self):
        self.assertEqual((0, 1, 3, 4, 6, 7),
                         (power_state.NOSTATE, power_state.RUNNING,
                          power_state.PAUSED, power_state.SHUTDOWN,
                          power_state.CRASHED, power_state.SUSPENDED))

    def test_names(self):
        self.assertEqual('running', power_state.STATE_MAP[1])
        self.assertEqual('shutdown', power_state.name(4))
        self.assertEqual('pending', power_state.name(99))
        self.assertEqual(6, len(power_state.STATE_MAP))


class EventTestCase(base.NoDBTestCase):

    def test_lifecycle_event(self):
        ev = virtevent.LifecycleEvent('u1', virtevent.EVENT_LIFECYCLE_PAUSED,
                                      timestamp=5)
        self.assertEqual('u1', ev.get_instance_uuid())
        self.assertEqual(virtevent.EVENT_LIFECYCLE_PAUSED,
                         ev.get_transition())
        self.assertEqual('Paused', ev.get_name())
        self.assertEqual(5, ev.timestamp)
        self.assertIn('Paused', repr(ev))

    def test_transition_values(self):
        self.assertEqual(
            list(range(7)),
            [virtevent.EVENT_LIFECYCLE_STARTED,
             virtevent.EVENT_LIFECYCLE_STOPPED,
             virtevent.EVENT_LIFECYCLE_PAUSED,
             virtevent.EVENT_LIFECYCLE_RESUMED,
             virtevent.EVENT_LIFECYCLE_SUSPENDED,
             virtevent.EVENT_LIFECYCLE_POSTCOPY_STARTED,
             virtevent.EVENT_LIFECYCLE_MIGRATION_COMPLETED])

    def test_unknown_transition(self):
        self.assertRaises(ValueError, virtevent.LifecycleEvent, 'u', 42)


class ComputeDriverBaseTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.driver = driver.ComputeDriver(virtapi.FakeVirtAPI())

    def test_unimplemented_methods_raise(self):
        inst = mock.Mock(uuid='u', name='n')
        calls = [
            (self.driver.get_info, (inst,)),
            (self.driver.list_instances, ()),
            (self.driver.list_instance_uuids, ()),
            (self.driver.spawn, (None, inst, {}, [], 'pw', {})),
            (self.driver.destroy, (None, inst, [])),
            (self.driver.reboot, (None, inst, [], 'SOFT')),
            (self.driver.power_off, (inst,)),
            (self.driver.power_on, (None, inst, [])),
            (self.driver.pause, (inst,)),
            (self.driver.unpause, (inst,)),
            (self.driver.suspend, (None, inst)),
            (self.driver.resume, (None, inst, [])),
            (self.driver.rescue, (None, inst, [], {}, 'pw', None)),
            (self.driver.unrescue, (None, inst)),
            (self.driver.snapshot, (None, inst, 'img', mock.Mock())),
            (self.driver.get_console_output, (None, inst)),
            (self.driver.get_vnc_console, (None, inst)),
            (self.driver.get_available_resource, ('node',)),
            (self.driver.get_available_nodes, ()),
            (self.driver.update_provider_tree, (mock.Mock(), 'node')),
            (self.driver.get_host_uptime, ()),
            (self.driver.get_nodenames_by_uuid, ()),
            (self.driver.get_host_ip_addr, ()),
            (self.driver.get_spice_console, (None, inst)),
            (self.driver.get_serial_console, (None, inst)),
            (self.driver.rebuild, (None, inst, {}, [], 'pw', {}, [],
                                   mock.Mock(), mock.Mock())),
        ]
        for method, args in calls:
            self.assertRaises(NotImplementedError, method, *args)

    def test_init_and_cleanup_host_are_noops(self):
        self.driver.init_host('h')
        self.driver.cleanup_host('h')

    def test_spawn_hooks_are_noops(self):
        inst = mock.Mock(uuid='u')
        self.driver.prepare_for_spawn(inst)
        self.driver.failed_spawn_cleanup(inst)

    def test_capabilities_default_false(self):
        self.assertFalse(any(driver.ComputeDriver.capabilities.values()))

    def test_instance_exists_falls_back_to_names(self):
        inst = mock.Mock(uuid='u')
        inst.name = 'n'
        with mock.patch.object(self.driver, 'list_instances',
                               return_value=['n']):
            self.assertTrue(self.driver.instance_exists(inst))

    def test_emit_event_without_listener(self):
        self.driver.emit_event(virtevent.LifecycleEvent(
            'u', virtevent.EVENT_LIFECYCLE_STARTED))

    def test_emit_event_calls_listener(self):
        cb = mock.Mock()
        self.driver.register_event_listener(cb)
        ev = virtevent.LifecycleEvent('u', virtevent.EVENT_LIFECYCLE_STARTED)
        self.driver.emit_event(ev)
        cb.assert_called_once_with(ev)

    def test_emit_event_listener_error_is_swallowed(self):
        cb = mock.Mock(side_effect=RuntimeError('boom'))
        self.driver.register_event_listener(cb)
        self.driver.emit_event(virtevent.LifecycleEvent(
            'u', virtevent.EVENT_LIFECYCLE_STOPPED))
        cb.assert_called_once()

    def test_emit_event_rejects_non_events(self):
        self.assertRaises(ValueError, self.driver.emit_event, 'nope')


class LoadComputeDriverTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.virtapi = virtapi.FakeVirtAPI()

    def test_load_through_stevedore_test_instance(self):
        obj = fake.FakeDriver(self.virtapi)
        mgr = _test_manager('fake.FakeDriver', fake.FakeDriver, obj)
        with mock.patch.object(driver, '_driver_manager',
                               return_value=mgr) as dm:
            loaded = driver.load_compute_driver(self.virtapi,
                                                'fake.FakeDriver')
        self.assertIs(obj, loaded)
        dm.assert_called_once_with('fake.FakeDriver', self.virtapi)

    def test_load_uses_conf_value(self):
        self.flags(compute_driver='fake.FakeDriver')
        obj = fake.FakeDriver(self.virtapi)
        mgr = _test_manager('fake.FakeDriver', fake.FakeDriver, obj)
        with mock.patch.object(driver, '_driver_manager',
                               return_value=mgr) as dm:
            self.assertIs(obj, driver.load_compute_driver(self.virtapi))
        dm.assert_called_once_with('fake.FakeDriver', self.virtapi)

    def test_driver_manager_arguments(self):
        with mock.patch.object(driver.stevedore, 'DriverManager') as dm:
            driver._driver_manager('fake.FakeDriver', self.virtapi)
        dm.assert_called_once_with(
            'nova_clone.virt.drivers', 'fake.FakeDriver',
            invoke_on_load=True, invoke_args=(self.virtapi,),
            on_load_failure_callback=driver._reraise_load_failure)

    def test_unknown_name_lists_available_drivers(self):
        with mock.patch.object(driver, 'available_driver_names',
                               return_value=['fake.FakeDriver',
                                             'libvirt.LibvirtDriver']):
            exc = self.assertRaises(virt_exc.ComputeDriverNotFound,
                                    driver.load_compute_driver,
                                    self.virtapi, 'nope.NopeDriver')
        msg = exc.format_message()
        self.assertIn("'nope.NopeDriver'", msg)
        self.assertIn('nova_clone.virt.drivers', msg)
        self.assertIn('fake.FakeDriver, libvirt.LibvirtDriver', msg)

    def test_not_set(self):
        self.flags(compute_driver=None)
        self.assertRaises(virt_exc.ComputeDriverNotSet,
                          driver.load_compute_driver, self.virtapi)

    def test_load_failure_is_wrapped(self):
        with mock.patch.object(driver, '_driver_manager',
                               side_effect=ImportError('no module')):
            exc = self.assertRaises(virt_exc.ComputeDriverLoadFailed,
                                    driver.load_compute_driver,
                                    self.virtapi, 'fake.FakeDriver')
        self.assertIn('no module', exc.format_message())

    def test_not_a_compute_driver(self):
        mgr = _test_manager('x.Y', object, object())
        with mock.patch.object(driver, '_driver_manager', return_value=mgr):
            self.assertRaises(virt_exc.ComputeDriverLoadFailed,
                              driver.load_compute_driver, self.virtapi,
                              'x.Y')

    def test_reraise_load_failure(self):
        self.assertRaises(KeyError, driver._reraise_load_failure,
                          None, None, KeyError('k'))


class CapabilityTraitsTestCase(base.NoDBTestCase):

    def test_map_covers_known_capabilities_and_real_traits(self):
        caps = driver.ComputeDriver.capabilities
        for cap, trait in driver.CAPABILITY_TRAITS_MAP.items():
            self.assertIn(cap, caps)
            self.assertFalse(os_traits.is_custom(trait))
            self.assertIn(trait, os_traits.get_traits('COMPUTE_'))

    def test_split(self):
        caps = dict(driver.ComputeDriver.capabilities,
                    supports_multiattach=True,
                    supports_image_type_raw=True,
                    supports_image_type_qcow2=True)
        present, absent = driver.capability_traits(
            caps, image_type_exclude_list=['qcow2'])
        self.assertEqual({os_traits.COMPUTE_VOLUME_MULTI_ATTACH,
                          os_traits.COMPUTE_IMAGE_TYPE_RAW}, present)
        self.assertIn(os_traits.COMPUTE_IMAGE_TYPE_QCOW2, absent)
        self.assertEqual(set(driver.CAPABILITY_TRAITS_MAP.values()),
                         present | absent)


class ConsoleTestCase(base.NoDBTestCase):

    def test_connection_info(self):
        info = driver.ConsoleSerial('h', 1).get_connection_info('t', 'url')
        self.assertEqual({'token': 't', 'access_url': 'url', 'host': 'h',
                          'port': 1, 'internal_access_path': None}, info)
        spice = driver.ConsoleSpice('h', 5900, tls_port=5901)
        self.assertEqual(5901,
                         spice.get_connection_info('t', 'u')['tlsPort'])
        self.assertIn('ConsoleVNC', repr(driver.ConsoleVNC('h', 2)))
