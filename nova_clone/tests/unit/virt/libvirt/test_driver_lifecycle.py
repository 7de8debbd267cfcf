"""LibvirtDriver power operations on libvirt's test hypervisor."""

import os

import libvirt

from nova_clone.compute import power_state
from nova_clone import exception
from nova_clone.tests.unit.virt.libvirt import base
from nova_clone.virt import event as virtevent
from nova_clone.virt.libvirt import guest_config
from nova_clone.virt.libvirt import host as libvirt_host


class LifecycleTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    def _state(self, instance):
        return self.driver.get_info(instance).state

    def test_spawn_defines_and_starts_the_guest(self):
        inst = self.spawn()
        self.assertEqual(power_state.RUNNING, self._state(inst))
        self.assertEqual(['instance-00000007'], self.driver.list_instances())
        self.assertEqual([inst.uuid], self.driver.list_instance_uuids())
        self.assertTrue(self.driver.instance_exists(inst))
        self.assertGreater(self.driver.get_info(inst).internal_id, 0)

    def test_spawn_powered_off(self):
        inst = self.spawn(power_on=False)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))
        self.assertEqual(-1, self.driver.get_info(inst).internal_id)

    def test_unknown_instance(self):
        inst = base.make_instance()
        self.assertFalse(self.driver.instance_exists(inst))
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.get_info, inst)
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.power_off, inst)

    def test_power_off_and_on(self):
        inst = self.spawn()
        self.driver.power_off(inst)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))
        self.driver.power_off(inst)  # already off: no error
        self.driver.power_on(self.context, inst, [])
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_clean_power_off_uses_acpi_shutdown(self):
        inst = self.spawn()
        self.driver.power_off(inst, timeout=5, retry_interval=1)
        self.assertEqual(power_state.SHUTDOWN, self._state(inst))

    def test_pause_unpause(self):
        inst = self.spawn()
        self.driver.pause(inst)
        self.assertEqual(power_state.PAUSED, self._state(inst))
        self.driver.unpause(inst)
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_suspend_is_a_managed_save(self):
        inst = self.spawn()
        self.driver.suspend(self.context, inst)
        self.assertEqual(power_state.SUSPENDED, self._state(inst))
        guest = self.driver._host.get_guest(inst)
        self.assertTrue(guest.has_managed_save())
        self.driver.resume(self.context, inst, [])
        self.assertEqual(power_state.RUNNING, self._state(inst))
        self.assertFalse(guest.has_managed_save())

    def test_soft_reboot(self):
        inst = self.spawn()
        self.driver.reboot(self.context, inst, [], 'SOFT')
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_hard_reboot_of_a_paused_guest_runs_it(self):
        inst = self.spawn()
        self.driver.pause(inst)
        self.driver.reboot(self.context, inst, [], 'HARD')
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_hard_reboot_drops_a_managed_save(self):
        inst = self.spawn()
        self.driver.suspend(self.context, inst)
        self.driver.reboot(self.context, inst, [], 'HARD')
        self.assertEqual(power_state.RUNNING, self._state(inst))
        self.assertFalse(
            self.driver._host.get_guest(inst).has_managed_save())

    def test_soft_reboot_of_a_stopped_guest_falls_back_to_hard(self):
        inst = self.spawn(power_on=False)
        self.driver.reboot(self.context, inst, [], 'SOFT')
        self.assertEqual(power_state.RUNNING, self._state(inst))

    def test_destroy_undefines_and_removes_the_instance_dir(self):
        inst = self.spawn()
        inst_dir = guest_config.instance_dir(inst)
        self.assertTrue(os.path.isdir(inst_dir))
        self.driver.destroy(self.context, inst, [])
        self.assertFalse(self.driver.instance_exists(inst))
        self.assertEqual([], self.driver.list_instances())
        self.assertFalse(os.path.exists(inst_dir))
        # A second destroy of a vanished guest is not an error.
        self.driver.destroy(self.context, inst, [])

    def test_destroy_can_keep_disks(self):
        inst = self.spawn()
        self.driver.destroy(self.context, inst, [], destroy_disks=False)
        self.assertFalse(self.driver.instance_exists(inst))
        self.assertTrue(os.path.isdir(guest_config.instance_dir(inst)))

    def test_cleanup_of_a_suspended_guest(self):
        inst = self.spawn()
        self.driver.suspend(self.context, inst)
        self.driver.cleanup(self.context, inst, [])
        self.assertFalse(self.driver.instance_exists(inst))


class LifecycleEventTestCase(base.LibvirtTestCase):
    """libvirt's callbacks become LifecycleEvents for the manager."""

    USES_IMAGES = False

    def _transitions(self, uuid):
        return [e.get_transition() for e in self.events
                if e.get_instance_uuid() == uuid]

    def _wait_for_transition(self, uuid, transition):
        self.wait_for(lambda: transition in self._transitions(uuid))

    def test_power_operations_emit_events(self):
        inst = self.spawn()
        self._wait_for_transition(inst.uuid, virtevent.EVENT_LIFECYCLE_STARTED)
        self.driver.pause(inst)
        self._wait_for_transition(inst.uuid, virtevent.EVENT_LIFECYCLE_PAUSED)
        self.driver.unpause(inst)
        self._wait_for_transition(inst.uuid,
                                  virtevent.EVENT_LIFECYCLE_RESUMED)
        self.driver.power_off(inst)
        self._wait_for_transition(inst.uuid,
                                  virtevent.EVENT_LIFECYCLE_STOPPED)
        for event in self.events:
            self.assertIsInstance(event, virtevent.LifecycleEvent)

    def test_suspend_emits_suspended_not_stopped(self):
        inst = self.spawn()
        self.driver.suspend(self.context, inst)
        self._wait_for_transition(inst.uuid,
                                  virtevent.EVENT_LIFECYCLE_SUSPENDED)
        self.assertNotIn(virtevent.EVENT_LIFECYCLE_STOPPED,
                         self._transitions(inst.uuid))

    def test_lifecycle_transition_map(self):
        self.assertEqual(
            virtevent.EVENT_LIFECYCLE_STOPPED,
            libvirt_host.lifecycle_transition(
                libvirt.VIR_DOMAIN_EVENT_STOPPED,
                libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED))
        self.assertEqual(
            virtevent.EVENT_LIFECYCLE_POSTCOPY_STARTED,
            libvirt_host.lifecycle_transition(
                libvirt.VIR_DOMAIN_EVENT_SUSPENDED,
                libvirt.VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY))
        self.assertIsNone(libvirt_host.lifecycle_transition(
            libvirt.VIR_DOMAIN_EVENT_DEFINED, 0))

    def test_events_flow_again_after_a_service_restart(self):
        # The event loop is process-wide; a new driver (a restarted
        # nova-compute in the same process) must still get events.
        self.driver.cleanup_host('compute1')
        self.driver = self.make_driver()
        inst = self.define_without_disks(base.make_instance())
        self._wait_for_transition(inst.uuid, virtevent.EVENT_LIFECYCLE_STARTED)


class DiagnosticsTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    def test_legacy_diagnostics(self):
        inst = self.spawn()
        diags = self.driver.get_diagnostics(inst)
        self.assertEqual(262144, diags['memory'])
        self.assertIn('cpu0_time', diags)

    def test_standard_diagnostics(self):
        vifs = [{'address': 'fa:16:3e:00:00:01', 'type': 'ovs'}]
        inst = base.make_instance()
        config = guest_config.build(inst, {}, [guest_config.DiskSpec(
            '/i/disk', 'qcow2', 'vda')], vifs)
        self.driver._host.define_guest(config.to_xml()).launch()
        diags = self.driver.get_instance_diagnostics(inst)
        self.assertEqual(('running', 'libvirt', 'qemu', False),
                         (diags['state'], diags['driver'],
                          diags['hypervisor'], diags['config_drive']))
        self.assertEqual(1, diags['num_cpus'])
        self.assertEqual(256, diags['memory_details']['maximum'])
        [nic] = diags['nic_details']
        self.assertEqual('fa:16:3e:00:00:01', nic['mac_address'])
        self.assertIn('rx_octets', nic)
        self.assertEqual(1, diags['num_disks'])
        self.assertEqual({'read_requests', 'read_bytes', 'write_requests',
                          'write_bytes', 'errors_count'},
                         set(diags['disk_details'][0]))

    def test_unknown_instance(self):
        self.assertRaises(exception.InstanceNotFound,
                          self.driver.get_instance_diagnostics,
                          base.make_instance())
