"""Servers built and deleted through conductor, scheduler and computes.

Every service runs in-process on the fake transport with a real Placement;
the assertions read the cell databases and Placement, as an operator would.
"""

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests.functional import integrated_helpers
from nova_clone.virt import fake


class ServerBootTestCase(integrated_helpers.IntegratedTestBase):

    def setUp(self):
        super().setUp()
        self.flavor = self.api.create_flavor()

    def _node_uuid(self, host):
        node = objects.ComputeNode.get_by_host_and_nodename(self.admin, host,
                                                            host)
        return node.uuid

    def test_build_to_active_then_delete(self):
        [uuid] = self.api.create_servers(self.flavor)
        inst = self.api.wait_for_state(uuid, 'active')
        self.assertEqual(1, inst.power_state)  # RUNNING
        self.assertIn(inst.host, self.COMPUTES)
        self.assertEqual(inst.host, inst.node)
        self.assertIsNotNone(inst.launched_at)
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context,
                                                               uuid)
        self.assertEqual(self.cell1.uuid, mapping.cell_mapping.uuid)
        self.assertRaises(Exception, objects.BuildRequest.get_by_instance_uuid,
                          self.context, uuid)
        allocs = self.allocations(uuid)
        self.assertEqual({self._node_uuid(inst.host)}, set(allocs))
        self.assertEqual({'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1},
                         allocs[self._node_uuid(inst.host)]['resources'])
        actions = objects.InstanceActionList.get_by_instance_uuid(
            self.admin, uuid)
        self.assertEqual(['create'], [a.action for a in actions])
        events = objects.InstanceActionEventList.get_by_action(
            self.admin, actions[0].id)
        self.assertEqual(['compute__do_build_and_run_instance'],
                         [e.event for e in events])
        self.assertEqual('Success', events[0].result)
        types = [n['event_type'] for n in self.versioned_notifications()]
        self.assertIn('instance.create.start', types)
        self.assertIn('instance.create.end', types)
        end = self.versioned_notifications('instance.create.end')[0]
        self.assertEqual('nova-compute:%s' % inst.host,
                         end['publisher_id'])
        self.assertEqual(uuid,
                         end['payload']['nova_object.data']['uuid'])

        self.api.delete_server(uuid)
        integrated_helpers.wait_until(
            lambda: self.api.get_instance(uuid).deleted,
            what='instance soft-deleted')
        inst = self.api.get_instance(uuid)
        self.assertEqual('deleted', inst.vm_state)
        self.assertIsNone(inst.task_state)
        self.assertEqual({}, self.allocations(uuid))
        host_driver = self.services[inst.host].manager.driver
        self.assertNotIn(uuid, host_driver.instances)
        types = [n['event_type'] for n in self.versioned_notifications()]
        self.assertIn('instance.delete.start', types)
        self.assertIn('instance.delete.end', types)

    def test_no_valid_host_buries_in_cell0(self):
        huge = self.api.create_flavor(name='huge', vcpus=1,
                                      memory_mb=10 ** 9)
        [uuid] = self.api.create_servers(huge)
        inst = self.api.wait_for_state(uuid, 'error')
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context,
                                                               uuid)
        self.assertTrue(mapping.cell_mapping.is_cell0())
        self.assertIsNone(inst.host)
        self.assertIn('No valid host was found', inst.fault.message)
        self.assertEqual({}, self.allocations(uuid))

    def test_spawn_failure_is_rescheduled_to_an_alternate(self):
        fake.FakeDriver.fail_spawn(times=1)
        [uuid] = self.api.create_servers(self.flavor)
        inst = self.api.wait_for_state(uuid, 'active')
        allocs = self.allocations(uuid)
        # exactly one host holds resources: the failed one gave them back
        self.assertEqual({self._node_uuid(inst.host)}, set(allocs))
        other = [h for h in self.COMPUTES if h != inst.host][0]
        self.assertNotIn(uuid, self.services[other].manager.driver.instances)
        self.assertIn(uuid, self.services[inst.host].manager.driver.instances)

    def test_spawn_failure_everywhere_ends_in_error(self):
        fake.FakeDriver.fail_spawn(times=10)
        [uuid] = self.api.create_servers(self.flavor)
        inst = self.api.wait_for_state(uuid, 'error')
        self.assertIsNotNone(inst.fault)
        self.assertEqual({}, self.allocations(uuid))

    def test_anti_affinity_spreads_over_hosts(self):
        group = self.api.create_group('anti-affinity')
        uuids = self.api.create_servers(self.flavor, count=2, group=group)
        hosts = {self.api.wait_for_state(u, 'active').host for u in uuids}
        self.assertEqual(set(self.COMPUTES), hosts)

    def test_affinity_packs_on_one_host(self):
        group = self.api.create_group('affinity')
        uuids = self.api.create_servers(self.flavor, count=2, group=group)
        hosts = {self.api.wait_for_state(u, 'active').host for u in uuids}
        self.assertEqual(1, len(hosts))

    def test_compute_restart_keeps_instances(self):
        [uuid] = self.api.create_servers(self.flavor)
        host = self.api.wait_for_state(uuid, 'active').host
        self.restart_compute(host)
        self.services[host].manager.update_available_resource(self.admin)
        inst = self.api.get_instance(uuid)
        self.assertEqual('active', inst.vm_state)
        self.assertEqual(1, inst.power_state)
        self.assertEqual(host, inst.host)
        self.assertIn(uuid, self.services[host].manager.driver.instances)
        self.assertEqual({self._node_uuid(host)}, set(self.allocations(uuid)))

    def test_delete_of_a_cell0_server_is_local(self):
        huge = self.api.create_flavor(name='huge2', vcpus=1,
                                      memory_mb=10 ** 9)
        [uuid] = self.api.create_servers(huge)
        self.api.wait_for_state(uuid, 'error')
        self.api.delete_server(uuid)
        inst = self.api.get_instance(uuid)
        self.assertTrue(inst.deleted)
        self.assertEqual('deleted', inst.vm_state)
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context,
                                                               uuid)
        self.assertTrue(mapping.queued_for_delete)
        with nova_context.target_cell(self.admin, self.cell0) as cctxt:
            actions = objects.InstanceActionList.get_by_instance_uuid(
                cctxt, uuid)
        self.assertEqual({'create', 'delete'}, {a.action for a in actions})

    def test_multi_create_names_and_reservation(self):
        uuids = self.api.create_servers(self.flavor, name='web', count=2)
        insts = [self.api.wait_for_state(u, 'active') for u in uuids]
        self.assertEqual(['web-1', 'web-2'],
                         [i.display_name for i in insts])
        self.assertEqual([0, 1], [i.launch_index for i in insts])
        self.assertEqual(1, len({i.reservation_id for i in insts}))

    def test_delete_while_waiting_for_the_conductor_leaks_nothing(self):
        # The conductor is down when the server is accepted, so the server
        # is only a build request when the user deletes it. The queued cast
        # is served once the conductor is back: the scheduler claims, the
        # conductor finds the build request gone and gives the claim back.
        self._stop('conductor')
        [uuid] = self.api.create_servers(self.flavor)
        self.api.delete_server(uuid)
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context,
                                                               uuid)
        self.assertTrue(mapping.queued_for_delete)
        self.assertIsNone(mapping.cell_mapping)
        conductor = self.start_service('nova-conductor', 'conductor')
        client = conductor.manager.compute_task_mgr.report_client
        given_back = []
        real_delete = client.delete_allocation_for_instance

        def observed_delete(context, consumer, *args, **kwargs):
            # NOTE: observe only; the real call still goes to Placement.
            result = real_delete(context, consumer, *args, **kwargs)
            given_back.append(consumer)
            return result
        client.delete_allocation_for_instance = observed_delete
        integrated_helpers.wait_until(lambda: uuid in given_back,
                                      what='the claim to be given back')
        self.assertEqual({}, self.allocations(uuid))
        self.assertIsNone(self.api.get_instance(uuid))

    def test_legacy_notifications_with_format_both(self):
        self.flags(notification_format='both', group='notifications')
        [uuid] = self.api.create_servers(self.flavor, name='legacy')
        inst = self.api.wait_for_state(uuid, 'active')
        self.api.delete_server(uuid)
        integrated_helpers.wait_until(
            lambda: self.legacy_notifications('compute.instance.delete.end'),
            what='compute.instance.delete.end')
        types = [n['event_type'] for n in self.legacy_notifications()]
        for event in ('create.start', 'create.end', 'delete.start',
                      'delete.end'):
            self.assertIn('compute.instance.' + event, types)
        end = self.legacy_notifications('compute.instance.create.end')[0]
        self.assertEqual('compute.%s' % inst.host, end['publisher_id'])
        payload = end['payload']
        self.assertEqual(uuid, payload['instance_id'])
        self.assertEqual('fake-project', payload['tenant_id'])
        self.assertEqual('m1.tiny', payload['instance_type'])
        self.assertEqual('active', payload['state'])
        self.assertEqual(1, payload['disk_gb'])
        # and the versioned ones still go out with 'both'
        self.assertTrue(self.versioned_notifications('instance.create.end'))

    def test_versioned_format_sends_no_legacy(self):
        [uuid] = self.api.create_servers(self.flavor)
        self.api.wait_for_state(uuid, 'active')
        self.assertEqual([], self.legacy_notifications())
