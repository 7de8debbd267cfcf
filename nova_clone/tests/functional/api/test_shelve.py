"""Shelve, shelveOffload and unshelve over HTTP: the snapshot, the freed
host and allocation, and scheduling again on unshelve (2.77 zone, 2.91
host)."""

from nova_clone.tests.functional.api import servers_base
from nova_clone.tests.functional import integrated_helpers

SERVERS = '/v2.1/servers'


class ShelveTest(servers_base.ServerActionTestBase):

    def show(self, version='2.91'):
        return self.api('GET', '%s/%s' % (SERVERS, self.server_id),
                        version=version).body['server']

    def wait(self, status):
        self.wait_for_server(self.server_id, status)
        integrated_helpers.wait_until(
            lambda: self.show()['OS-EXT-STS:task_state'] is None,
            timeout=10, what='the task to end')
        return self.show()

    def shelve_image(self):
        images = [i for i in self.glance.images.values()
                  if i.get('instance_uuid') == self.server_id]
        return images[0] if images else None

    def test_shelve_offloads_and_unshelve_schedules_again(self):
        self.assertEqual(202, self.act({'shelve': None}).status)
        server = self.wait('SHELVED_OFFLOADED')
        # Offloaded at once ([DEFAULT] shelved_offload_time = 0): no host,
        # no guest, no allocation; the snapshot holds the disk.
        self.assertIsNone(server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual({}, self.allocations(self.server_id))
        for host in ('host1', 'host2'):
            self.assertNotIn(self.server_id, self.services[
                host].manager.driver.list_instance_uuids())
        image = self.shelve_image()
        self.assertEqual('srv-shelved', image['name'])
        self.assertEqual('active', image['status'])

        self.assertEqual(202, self.act({'unshelve': None}).status)
        server = self.wait('ACTIVE')
        self.assertIn(server['OS-EXT-SRV-ATTR:host'], ('host1', 'host2'))
        self.assertEqual(1, len(self.allocations(self.server_id)))
        # The snapshot goes once the server runs again.
        self.assertIsNone(self.shelve_image())
        actions = [a['action'] for a in self.api(
            'GET', '%s/%s/os-instance-actions' % (SERVERS, self.server_id)
        ).body['instanceActions']]
        self.assertEqual(['unshelve', 'shelve', 'create'], actions)

    def test_shelved_server_stays_until_offloaded(self):
        self.flags(shelved_offload_time=-1)
        host = self.show()['OS-EXT-SRV-ATTR:host']
        self.act({'shelve': None})
        server = self.wait('SHELVED')
        self.assertEqual(host, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual(1, len(self.allocations(self.server_id)))
        # A shelved server is unshelved where it is; a zone or host for
        # it is a conflict (only an offloaded server moves).
        resp = self.act({'unshelve': {'availability_zone': 'nova'}},
                        version='2.77')
        self.assertEqual(409, resp.status, resp.text)
        # shelveOffload is an admin action.
        self.assertEqual(403, self.act({'shelveOffload': None}).status)
        self.assertEqual(202, self.act({'shelveOffload': None},
                                       user='admin').status)
        self.wait('SHELVED_OFFLOADED')
        self.assertEqual({}, self.allocations(self.server_id))

    def test_unshelve_from_shelved_powers_on_in_place(self):
        self.flags(shelved_offload_time=-1)
        host = self.show()['OS-EXT-SRV-ATTR:host']
        self.act({'shelve': None})
        self.wait('SHELVED')
        self.assertEqual(202, self.act({'unshelve': None}).status)
        server = self.wait('ACTIVE')
        self.assertEqual(host, server['OS-EXT-SRV-ATTR:host'])
        self.assertIsNone(self.shelve_image())

    def test_unshelve_to_host_and_zone_checks(self):
        self.act({'shelve': None})
        self.wait('SHELVED_OFFLOADED')
        bad = [
            ({'unshelve': {'availability_zone': 'nowhere'}}, '2.77', 400),
            ({'unshelve': {'host': 'host1'}}, '2.90', 400),
            ({'unshelve': {'host': 'no-such-host'}}, '2.91', 400),
            ({'unshelve': {'bogus': 1}}, '2.91', 400),
        ]
        for body, version, status in bad:
            resp = self.act(body, user='admin', version=version)
            self.assertEqual(status, resp.status, (body, resp.text))
        # Unshelving to a host is for admins.
        self.assertEqual(403, self.act({'unshelve': {'host': 'host2'}},
                                       version='2.91').status)
        self.assertEqual('SHELVED_OFFLOADED', self.show()['status'])
        resp = self.act({'unshelve': {'host': 'host2'}}, user='admin',
                        version='2.91')
        self.assertEqual(202, resp.status, resp.text)
        self.assertEqual('host2', self.wait('ACTIVE')[
            'OS-EXT-SRV-ATTR:host'])

    def test_bad_states_and_delete_of_offloaded(self):
        self.assertEqual(409, self.act({'unshelve': None}).status)
        self.assertEqual(409, self.act({'shelveOffload': None},
                                       user='admin').status)
        self.act({'shelve': None})
        self.wait('SHELVED_OFFLOADED')
        self.assertEqual(409, self.act({'shelve': None}).status)
        self.assertIsNotNone(self.shelve_image())
        self.api('DELETE', '%s/%s' % (SERVERS, self.server_id),
                 user='alice', project='p1')
        self.wait_for_server_gone(self.server_id)
        # The snapshot was the server's disk: it goes with the server.
        self.assertIsNone(self.shelve_image())
