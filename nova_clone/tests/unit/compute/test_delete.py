"""The delete flow: guest destroyed, allocation freed, row soft-deleted."""

from nova_clone.compute import delete
from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone import objects
from nova_clone.tests.unit.compute import base
from nova_clone.virt import fake as fake_virt


class TerminateInstanceTestCase(base.ComputeTestCase):

    def _deleting(self, inst):
        inst.task_state = task_states.DELETING
        inst.save()
        return inst

    def _terminate(self, inst):
        self.compute.terminate_instance(
            self.context, inst, objects.BlockDeviceMappingList(objects=[]),
            delete_type='delete')

    def test_terminate(self):
        inst = self._deleting(self.active_instance())
        self._terminate(inst)
        stored = self.conductor.stored(inst.uuid)
        self.assertTrue(stored.deleted)
        self.assertEqual('deleted', stored.vm_state)
        self.assertIsNone(stored.task_state)
        self.assertEqual(power_state.NOSTATE, stored.power_state)
        self.assertIsNotNone(stored.terminated_at)
        self.assertNotIn(inst.uuid,
                         self.compute.driver.list_instance_uuids())
        self.assertIn(inst.uuid, self.report.deleted)
        self.assertEqual(
            [(delete.EVENT_NAME, 'start', None),
             (delete.EVENT_NAME, 'Success', None)],
            self.conductor.event_results(inst.uuid)[-2:])

    def test_notifications(self):
        inst = self._deleting(self.active_instance())
        self._terminate(inst)
        self.assertEqual(['instance.delete.start', 'instance.shutdown.start',
                          'instance.shutdown.end', 'instance.delete.end'],
                         self.notifier.event_types())
        start = self.notifier.versioned[0]['payload']
        self.assertEqual('InstanceActionPayload', start['nova_object.name'])
        self.assertEqual('deleting', start['nova_object.data']['task_state'])
        end = self.notifier.versioned[-1]['payload']['nova_object.data']
        self.assertEqual('deleted', end['state'])
        self.assertIsNotNone(end['terminated_at'])
        self.assertIsNotNone(end['deleted_at'])

    def test_usage_released(self):
        before = (self.node.vcpus_used, self.node.memory_mb_used,
                  self.node.local_gb_used)
        inst = self._deleting(self.active_instance())
        self.assertNotEqual(before[0], self.node.vcpus_used)
        self._terminate(inst)
        self.assertEqual(before, (self.node.vcpus_used,
                                  self.node.memory_mb_used,
                                  self.node.local_gb_used))
        self.assertEqual('0', self.node.stats['num_instances'])
        self.assertEqual(0, self.node.running_vms)

    def test_never_spawned_instance(self):
        inst = self.new_instance(vm_state='error', task_state=None,
                                 host='compute1', node=None)
        self._terminate(self._deleting(inst))
        self.assertTrue(self.conductor.stored(inst.uuid).deleted)
        self.assertIn(inst.uuid, self.report.deleted)

    def test_driver_failure_sets_error(self):
        inst = self._deleting(self.active_instance())
        fake_virt.FakeDriver.inject_failure('destroy')
        self.assertRaises(Exception, self._terminate, inst)
        stored = self.conductor.stored(inst.uuid)
        self.assertFalse(stored.deleted)
        self.assertEqual('error', stored.vm_state)
        self.assertEqual('Error',
                         self.conductor.event_results(inst.uuid)[-1][1])

    def test_already_deleted_instance(self):
        inst = self._deleting(self.active_instance())
        self.conductor.stored(inst.uuid).deleted = True
        self._terminate(inst)
        self.assertEqual('Success',
                         self.conductor.event_results(inst.uuid)[-1][1])

    def test_flavor_loaded_through_the_conductor(self):
        inst = self._deleting(self.active_instance())
        delattr(inst, '_obj_flavor')
        self.assertFalse(inst.obj_attr_is_set('flavor'))
        self._terminate(inst)
        self.assertTrue(self.conductor.stored(inst.uuid).deleted)
        self.assertEqual('0', self.node.stats['num_instances'])
