"""The build flow: states, faults, reschedules, allocations, stats."""

from nova_clone.compute import build
from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone import exception
from nova_clone import objects
from nova_clone.tests.unit.compute import base
from nova_clone.virt import fake as fake_virt


def _retry(hosts=(('compute1', 'compute1'),)):
    return {'retry': {'num_attempts': len(hosts),
                      'hosts': [list(h) for h in hosts]}}


def _alternate():
    return objects.Selection(
        compute_node_uuid=fake_virt.node_uuid('compute2'),
        service_host='compute2', nodename='compute2',
        cell_uuid='00000000-0000-0000-0000-000000000000',
        limits=None, allocation_request='{}',
        allocation_request_version='1.36', availability_zone=None)


class BuildSuccessTestCase(base.ComputeTestCase):

    def test_states_on_success(self):
        inst = self.new_instance()
        self.assertEqual(build.ACTIVE, self.build(inst))
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('active', stored.vm_state)
        self.assertIsNone(stored.task_state)
        self.assertEqual(power_state.RUNNING, stored.power_state)
        self.assertEqual('compute1', stored.host)
        self.assertEqual('compute1', stored.node)
        self.assertEqual('compute1', stored.launched_on)
        self.assertEqual(self.node.id, stored.compute_id)
        self.assertIsNotNone(stored.launched_at)
        self.assertEqual('/dev/sda', stored.root_device_name)
        self.assertEqual(
            [None, task_states.NETWORKING, task_states.BLOCK_DEVICE_MAPPING,
             task_states.SPAWNING, None],
            self.conductor.task_states_of(inst.uuid))
        self.assertIn(inst.uuid,
                      self.compute.driver.list_instance_uuids())
        self.assertEqual([], self.conductor.info_caches[inst.uuid])

    def test_event_and_notifications(self):
        inst = self.new_instance()
        self.build(inst)
        self.assertEqual(
            [(build.EVENT_NAME, 'start', None),
             (build.EVENT_NAME, 'Success', None)],
            self.conductor.event_results(inst.uuid))
        self.assertEqual(['instance.create.start', 'instance.create.end'],
                         self.notifier.event_types())
        end = self.notifier.versioned[1]
        self.assertEqual('nova-compute:compute1', end['publisher_id'])
        self.assertEqual('INFO', end['priority'])
        data = end['payload']['nova_object.data']
        self.assertEqual('active', data['state'])
        self.assertEqual('running', data['power_state'])
        self.assertEqual('compute1', data['host'])
        self.assertIsNone(data['fault'])

    def test_node_usage_and_stats(self):
        inst = self.new_instance()
        self.build(inst)
        self.compute.update_available_resource(self.context)
        node = self.node
        self.assertEqual(1, node.vcpus_used)
        self.assertEqual(512 + 512, node.memory_mb_used)
        self.assertEqual(1, node.local_gb_used)
        self.assertEqual(1, node.running_vms)
        self.assertEqual('1', node.stats['num_instances'])
        self.assertEqual('1', node.stats['num_vm_active'])
        self.assertEqual('1', node.stats['num_task_None'])
        self.assertEqual('1', node.stats['num_proj_fake-project'])
        self.assertEqual('1', node.stats['num_os_type_None'])
        self.assertEqual('0', node.stats['io_workload'])
        self.assertEqual('0', node.stats['failed_builds'])

    def test_build_success_resets_failed_builds(self):
        self.compute.rt.stats['compute1']['failed_builds'] = 3
        self.build(self.new_instance())
        self.assertEqual(0, self.compute.rt.stats['compute1'][
            'failed_builds'])

    def test_max_concurrent_builds_semaphore(self):
        self.flags(max_concurrent_builds=2)
        compute = self.start_compute()
        self.assertTrue(compute._build_semaphore.acquire(blocking=False))
        self.assertTrue(compute._build_semaphore.acquire(blocking=False))
        self.assertFalse(compute._build_semaphore.acquire(blocking=False))


class BuildFailureTestCase(base.ComputeTestCase):

    def _assert_error(self, inst, message_part):
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('error', stored.vm_state)
        self.assertIsNone(stored.task_state)
        self.assertIsNone(stored.host)
        self.assertIsNone(stored.node)
        faults = [f for f in self.conductor.faults
                  if f.instance_uuid == inst.uuid]
        self.assertEqual(1, len(faults))
        self.assertIn(message_part, faults[0].message)
        self.assertEqual('compute1', faults[0].host)
        self.assertIn(inst.uuid, self.report.deleted)
        self.assertNotIn(inst.uuid,
                         self.compute.driver.list_instance_uuids())
        return faults[0]

    def test_build_abort_sets_error_with_fault(self):
        fake_virt.FakeDriver.fail_spawn(
            exc=exception.InstanceExists(name='dup'))
        inst = self.new_instance()
        self.assertEqual(build.FAILED,
                         self.build(inst, filter_properties=_retry()))
        self._assert_error(inst, 'Instance dup already exists')
        self.assertEqual([], self.task_api.calls)
        self.assertEqual(1, self.compute.rt.stats['compute1'][
            'failed_builds'])
        events = self.conductor.event_results(inst.uuid)
        self.assertEqual('Error', events[-1][1])
        self.assertIn('dup already exists', events[-1][2])

    def test_error_notification_carries_exception_payload(self):
        fake_virt.FakeDriver.fail_spawn(
            exc=exception.InstanceExists(name='dup'))
        inst = self.new_instance()
        self.build(inst)
        self.assertEqual(['instance.create.start', 'instance.shutdown.start',
                          'instance.shutdown.end', 'instance.create.error'],
                         self.notifier.event_types())
        error = self.notifier.versioned[-1]
        self.assertEqual('ERROR', error['priority'])
        fault = error['payload']['nova_object.data']['fault']
        self.assertEqual('ExceptionPayload', fault['nova_object.name'])
        self.assertEqual('1.1', fault['nova_object.version'])
        self.assertEqual('InstanceExists',
                         fault['nova_object.data']['exception'])
        self.assertEqual('_maybe_fail',
                         fault['nova_object.data']['function_name'])
        self.assertEqual('nova_clone.virt.fake',
                         fault['nova_object.data']['module_name'])

    def test_node_usage_released_after_failure(self):
        before = (self.node.vcpus_used, self.node.memory_mb_used)
        fake_virt.FakeDriver.fail_spawn()
        self.build(self.new_instance())
        self.assertEqual(before, (self.node.vcpus_used,
                                  self.node.memory_mb_used))
        self.assertEqual('0', self.node.stats['num_instances'])

    def test_reschedule_with_alternates(self):
        fake_virt.FakeDriver.fail_spawn()
        inst = self.new_instance()
        alternates = [_alternate()]
        self.assertEqual(build.RESCHEDULED, self.build(
            inst, filter_properties=_retry(), host_list=alternates))
        self.assertEqual(1, len(self.task_api.calls))
        call = self.task_api.calls[0]
        self.assertEqual([alternates], call['host_lists'])
        self.assertEqual([inst.uuid], [i.uuid for i in call['instances']])
        retry = call['filter_properties']['retry']
        # NOTE: the conductor counts attempts and hosts, not the compute.
        self.assertEqual(1, retry['num_attempts'])
        self.assertEqual([['compute1', 'compute1']], retry['hosts'])
        self.assertIn('injected spawn failure', retry['exc_reason'])
        self.assertIsInstance(retry['exc'], list)
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('building', stored.vm_state)
        self.assertEqual(task_states.SCHEDULING, stored.task_state)
        self.assertIsNone(stored.host)
        self.assertIsNone(stored.node)
        self.assertIn(inst.uuid, self.report.deleted)
        self.assertNotIn(inst.uuid,
                         self.compute.driver.list_instance_uuids())
        self.assertEqual(1, self.compute.rt.stats['compute1'][
            'failed_builds'])

    def test_no_retry_info_means_error(self):
        fake_virt.FakeDriver.fail_spawn()
        inst = self.new_instance()
        self.assertEqual(build.FAILED, self.build(inst))
        fault = self._assert_error(inst, 'injected spawn failure')
        self.assertEqual(500, fault.code)
        self.assertEqual([], self.task_api.calls)

    def test_claim_over_limits_reschedules(self):
        inst = self.new_instance()
        self.assertEqual(build.RESCHEDULED, self.build(
            inst, filter_properties=_retry(), host_list=[],
            limits={'memory_mb': 256}))
        retry = self.task_api.calls[0]['filter_properties']['retry']
        self.assertIn('Free memory', retry['exc_reason'])
        self.assertEqual([[]], self.task_api.calls[0]['host_lists'])

    def test_deleted_before_build(self):
        inst = self.new_instance()
        self.conductor.stored(inst.uuid).task_state = task_states.DELETING
        self.assertEqual(build.FAILED, self.build(inst))
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual('building', stored.vm_state)
        self.assertEqual([], self.conductor.faults)

    def test_deleted_during_spawn(self):
        inst = self.new_instance()
        real_spawn = self.compute.driver.spawn

        def spawn(context, instance, *args, **kwargs):
            self.conductor.stored(instance.uuid).task_state = \
                task_states.DELETING
            return real_spawn(context, instance, *args, **kwargs)

        self.compute.driver.spawn = spawn
        self.assertEqual(build.FAILED, self.build(inst))
        stored = self.conductor.stored(inst.uuid)
        self.assertEqual(task_states.DELETING, stored.task_state)
        self.assertNotEqual('error', stored.vm_state)
        self.assertEqual([], self.conductor.faults)
        self.assertIn(inst.uuid, self.report.deleted)
        self.assertEqual('instance.create.error',
                         self.notifier.event_types()[-1])

    def test_build_timeout(self):
        self.flags(instance_build_timeout=1)
        inst = self.new_instance(host='compute1')
        stored = self.conductor.stored(inst.uuid)
        stored.created_at = stored.created_at.replace(year=2000)
        build.check_instance_build_time(self.context, 'compute1')
        self.assertEqual('error', stored.vm_state)
        self.assertIn('timed out', self.conductor.faults[0].message)
