"""os-hosts over HTTP, in front of two fake compute hosts."""

from nova_clone.tests.functional.api import servers_base


class HostsTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1', vcpus=1,
                                   memory_mb=512, root_gb=1)

    def test_list_filters_by_zone_and_is_gone_in_243(self):
        hosts = self.api('GET', '/v2.1/os-hosts').body['hosts']
        computes = sorted(h['host_name'] for h in hosts
                          if h['service'] == 'compute')
        self.assertEqual(['host1', 'host2'], computes)
        self.assertIn({'host_name': 'host1', 'service': 'compute',
                       'zone': 'nova'}, hosts)
        zoned = self.api('GET', '/v2.1/os-hosts?zone=nova').body['hosts']
        self.assertEqual(2, len(zoned))
        self.assertEqual([], self.api(
            'GET', '/v2.1/os-hosts?zone=nowhere').body['hosts'])
        self.assertEqual(403, self.api('GET', '/v2.1/os-hosts', user='bob',
                                       project='p1').status)
        self.assertEqual(404, self.api('GET', '/v2.1/os-hosts',
                                       version='2.43').status)

    def test_show_counts_resources_per_project(self):
        server = self.boot(user='alice', project='p1').body['server']
        detail = self.wait_for_server(server['id'], 'ACTIVE', user='alice',
                                      project='p1')
        host = detail.get('OS-EXT-SRV-ATTR:host') or self.api(
            'GET', '/v2.1/servers/%s' % server['id']).body['server'][
                'OS-EXT-SRV-ATTR:host']
        body = self.api('GET', '/v2.1/os-hosts/%s' % host).body
        by_project = {r['resource']['project']: r['resource']
                      for r in body['host']}
        self.assertEqual({'(total)', '(used_now)', '(used_max)', 'p1'},
                         set(by_project))
        self.assertEqual(1, by_project['p1']['cpu'])
        self.assertEqual(512, by_project['p1']['memory_mb'])
        self.assertEqual(1, by_project['(used_max)']['disk_gb'])
        self.assertEqual(404, self.api('GET',
                                       '/v2.1/os-hosts/nohost').status)

    def test_update_status_and_unsupported_power(self):
        resp = self.api('PUT', '/v2.1/os-hosts/host1',
                        {'status': 'disable'})
        self.assertEqual({'host': 'host1', 'status': 'disabled'},
                         resp.body)
        services = self.api('GET', '/v2.1/os-services?host=host1&'
                            'binary=nova-compute').body['services']
        self.assertEqual('disabled', services[0]['status'])
        resp = self.api('PUT', '/v2.1/os-hosts/host1', {'status': 'ENABLE'})
        self.assertEqual('enabled', resp.body['status'])
        self.assertEqual(400, self.api('PUT', '/v2.1/os-hosts/host1',
                                       {'status': 'bad'}).status)
        self.assertEqual(400, self.api('PUT', '/v2.1/os-hosts/host1',
                                       {}).status)
        self.assertEqual(404, self.api('PUT', '/v2.1/os-hosts/nohost',
                                       {'status': 'enable'}).status)
        # The fake driver cannot reboot its host: the host says so.
        self.assertEqual(501, self.api(
            'GET', '/v2.1/os-hosts/host1/reboot').status)
        self.assertEqual(404, self.api(
            'GET', '/v2.1/os-hosts/nohost/startup').status)
