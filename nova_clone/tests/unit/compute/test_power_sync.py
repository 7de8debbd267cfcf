"""Power-state sync rules, lifecycle events and restart recovery."""

from nova_clone.compute import power_state
from nova_clone.compute import power_sync
from nova_clone.compute import task_states
from nova_clone.tests.unit.compute import base


class SyncPowerStatesTestCase(base.ComputeTestCase):

    def _sync(self):
        self.compute._sync_power_states(self.context)
        return self.conductor

    def test_active_found_shutdown_is_stopped(self):
        inst = self.active_instance()
        self.compute.driver.simulate_power_state(inst, power_state.SHUTDOWN,
                                                 emit=False)
        stored = self._sync().stored(inst.uuid)
        self.assertEqual('stopped', stored.vm_state)
        self.assertIsNone(stored.task_state)
        self.assertEqual(power_state.SHUTDOWN, stored.power_state)
        self.assertIn((inst.uuid, 'stop', 'start'), self.conductor.actions)
        self.assertEqual(['instance.power_off.start',
                          'instance.power_off.end'],
                         self.notifier.event_types())
        self.assertIn(task_states.POWERING_OFF,
                      self.conductor.task_states_of(inst.uuid))

    def test_active_found_crashed_is_stopped(self):
        inst = self.active_instance()
        self.compute.driver.simulate_power_state(inst, power_state.CRASHED,
                                                 emit=False)
        self.assertEqual('stopped', self._sync().stored(inst.uuid).vm_state)

    def test_stopped_found_running_is_powered_off(self):
        inst = self.active_instance()
        stored = self.conductor.stored(inst.uuid)
        stored.vm_state = 'stopped'
        stored.power_state = power_state.SHUTDOWN
        self._sync()
        self.assertEqual('stopped', stored.vm_state)
        self.assertEqual(power_state.SHUTDOWN,
                         self.compute.driver.get_info(inst).state)
        self.assertEqual(power_state.SHUTDOWN, stored.power_state)

    def test_active_missing_on_hypervisor(self):
        inst = self.active_instance()
        self.compute.driver.simulate_vanished(inst)
        stored = self._sync().stored(inst.uuid)
        self.assertEqual('active', stored.vm_state)
        self.assertEqual(power_state.NOSTATE, stored.power_state)

    def test_active_paused_is_ignored(self):
        inst = self.active_instance()
        self.compute.driver.simulate_power_state(inst, power_state.PAUSED,
                                                 emit=False)
        stored = self._sync().stored(inst.uuid)
        self.assertEqual('active', stored.vm_state)
        self.assertEqual(power_state.PAUSED, stored.power_state)

    def test_pending_task_is_skipped(self):
        inst = self.active_instance()
        stored = self.conductor.stored(inst.uuid)
        stored.task_state = task_states.REBOOTING
        self.compute.driver.simulate_power_state(inst, power_state.SHUTDOWN,
                                                 emit=False)
        self._sync()
        self.assertEqual('active', stored.vm_state)
        self.assertEqual(power_state.RUNNING, stored.power_state)

    def test_error_instance_only_gets_power_state(self):
        inst = self.active_instance()
        stored = self.conductor.stored(inst.uuid)
        stored.vm_state = 'error'
        self.compute.driver.simulate_power_state(inst, power_state.SHUTDOWN,
                                                 emit=False)
        self._sync()
        self.assertEqual('error', stored.vm_state)
        self.assertEqual(power_state.SHUTDOWN, stored.power_state)

    def test_lifecycle_event_stops_instance(self):
        inst = self.active_instance()
        self.compute.driver.simulate_power_state(inst, power_state.SHUTDOWN)
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('stopped', stored.vm_state)

    def test_stale_lifecycle_event_is_ignored(self):
        inst = self.active_instance()
        event = power_sync.virtevent.LifecycleEvent(
            inst.uuid, power_sync.virtevent.EVENT_LIFECYCLE_STOPPED)
        self.compute.handle_events(event)
        self.assertEqual('active', self.conductor.stored(inst.uuid).vm_state)


class InitHostTestCase(base.ComputeTestCase):

    def _restart(self):
        """Start a new manager that keeps the old driver's guests."""
        self.compute = self.start_compute(driver=self.compute.driver)
        return self.compute

    def test_active_instances_survive_restart(self):
        inst = self.active_instance()
        self._restart()
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('active', stored.vm_state)
        self.assertEqual(power_state.RUNNING, stored.power_state)
        self.assertEqual('1', self.node.stats['num_instances'])

    def test_interrupted_build_goes_to_error(self):
        inst = self.new_instance(host='compute1', node='compute1',
                                 task_state=task_states.SPAWNING)
        self._restart()
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('error', stored.vm_state)
        self.assertIsNone(stored.task_state)
        self.assertIn('restarted', self.conductor.faults[0].message)

    def test_interrupted_delete_is_finished(self):
        inst = self.active_instance()
        self.conductor.stored(inst.uuid).task_state = task_states.DELETING
        self._restart()
        self.assertTrue(self.conductor.stored(inst.uuid).deleted)
        self.assertNotIn(inst.uuid,
                         self.compute.driver.list_instance_uuids())

    def test_deleted_instance_guest_is_reaped(self):
        inst = self.active_instance()
        self.conductor.stored(inst.uuid).deleted = True
        self._restart()
        self.assertNotIn(inst.uuid,
                         self.compute.driver.list_instance_uuids())

    def test_deleted_instance_guest_only_logged(self):
        self.flags(running_deleted_instance_action='log')
        inst = self.active_instance()
        self.conductor.stored(inst.uuid).deleted = True
        self._restart()
        self.assertIn(inst.uuid, self.compute.driver.list_instance_uuids())

    def test_restart_without_guests(self):
        inst = self.active_instance()
        self.start_compute()
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('active', stored.vm_state)
        self.assertEqual(power_state.NOSTATE, stored.power_state)
