"""os-server-external-events: the API answers per event and the host acts."""

import os

import fixtures

from nova_clone.tests.functional.api import servers_base

EVENTS = '/v2.1/os-server-external-events'
RULE = 'os_compute_api:os-server-external-events:create'


class ServerExternalEventsTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        flavor = self.builder.create_flavor()
        [self.uuid] = self.builder.create_servers(flavor)
        self.instance = self.builder.wait_for_state(self.uuid, 'active')

    def allow_admin(self):
        """Let the noauth2 admin act as the service (it has no service
        role), through a policy file as an operator would.
        """
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'policy.yaml')
        with open(path, 'w') as f:
            f.write('"%s": "role:admin"\n' % RULE)
        self.flags(policy_file=path, group='oslo_policy')

    def post(self, events, version='2.93'):
        return self.api('POST', EVENTS, {'events': events}, version=version)

    def test_only_the_service_role_by_default(self):
        resp = self.post([{'name': 'network-changed',
                           'server_uuid': self.uuid}])
        self.assertFault(resp, 403, 'forbidden')

    def test_vif_plugged_wakes_the_waiting_operation(self):
        self.allow_admin()
        compute = self.services[self.instance.host].manager
        waiter = compute.instance_events.prepare(
            self.uuid, 'network-vif-plugged', 'port-1')
        resp = self.post([{'name': 'network-vif-plugged',
                           'server_uuid': self.uuid, 'tag': 'port-1'}])
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual([{'name': 'network-vif-plugged',
                           'server_uuid': self.uuid, 'tag': 'port-1',
                           'status': 'completed', 'code': 200}],
                         resp.body['events'])
        event = waiter.wait(10)
        self.assertIsNotNone(event, 'the cast never reached the host')
        self.assertEqual('completed', event.status)
        self.assertEqual([], compute.instance_events.waiting(self.uuid))

    def test_mixed_results_are_207_and_none_found_is_404(self):
        self.allow_admin()
        unknown = '7a5a4e1c-1f0e-4a8e-9a53-6f1c0e4b2d11'
        resp = self.post([
            {'name': 'network-changed', 'server_uuid': self.uuid},
            {'name': 'network-changed', 'server_uuid': unknown},
            {'name': 'power-update', 'server_uuid': self.uuid,
             'tag': 'SLEEP'}])
        self.assertEqual(207, resp.status, resp.text)
        self.assertEqual([(200, 'completed'), (404, 'failed'),
                          (400, 'failed')],
                         [(e['code'], e['status'])
                          for e in resp.body['events']])
        resp = self.post([{'name': 'network-changed',
                           'server_uuid': unknown}])
        self.assertFault(resp, 404, 'itemNotFound', 'No instances found')

    def test_names_follow_microversions(self):
        self.allow_admin()
        event = {'name': 'power-update', 'server_uuid': self.uuid,
                 'tag': 'POWER_OFF'}
        self.assertFault(self.post([event], version='2.75'), 400,
                         'badRequest')
        self.assertEqual('active',
                         self.builder.get_instance(self.uuid).vm_state)
        for bad in ([], [{'name': 'network-changed'}],
                    [{'name': 'network-changed', 'server_uuid': self.uuid,
                      'status': 'done'}],
                    [{'name': 'network-changed', 'server_uuid': self.uuid,
                      'extra': 1}]):
            self.assertFault(self.post(bad), 400, 'badRequest')

    def test_power_update_stops_and_starts_the_instance(self):
        self.allow_admin()
        resp = self.post([{'name': 'power-update', 'server_uuid': self.uuid,
                           'tag': 'POWER_OFF'}], version='2.76')
        self.assertEqual(200, resp.status, resp.text)
        inst = self.builder.wait_for_state(self.uuid, 'stopped')
        self.assertEqual(4, inst.power_state)
        self.post([{'name': 'power-update', 'server_uuid': self.uuid,
                    'tag': 'POWER_ON'}], version='2.76')
        inst = self.builder.wait_for_state(self.uuid, 'active')
        self.assertEqual(1, inst.power_state)

    def test_a_server_without_host_is_422(self):
        self.allow_admin()
        # cell0: a server the scheduler could not place has no host
        flavor = self.builder.create_flavor(name='huge',
                                            memory_mb=10 ** 9)
        [uuid] = self.builder.create_servers(flavor)
        self.builder.wait_for_state(uuid, 'error')
        resp = self.post([{'name': 'network-changed', 'server_uuid': uuid}])
        self.assertFault(resp, 404, 'itemNotFound')
        resp = self.post([{'name': 'network-changed', 'server_uuid': uuid},
                          {'name': 'network-changed',
                           'server_uuid': self.uuid}])
        self.assertEqual(207, resp.status)
        self.assertEqual(422, resp.body['events'][0]['code'])
