"""/os-services and /os-hypervisors over HTTP with two fake computes."""

from nova_clone.tests.functional.api import servers_base

SVC = '/v2.1/os-services'
HV = '/v2.1/os-hypervisors'


class ServicesTest(servers_base.ServersApiTestBase):

    def computes(self, version=None, query='?binary=nova-compute'):
        return {s['host']: s for s in self.api(
            'GET', SVC + query, version=version).body['services']}

    def test_list_disable_enable_force_down_before_253(self):
        listed = self.api('GET', SVC).body['services']
        binaries = {s['binary'] for s in listed}
        self.assertEqual({'nova-compute', 'nova-conductor',
                          'nova-scheduler'}, binaries)
        host1 = self.computes()['host1']
        self.assertEqual(('enabled', 'up', 'nova'), (
            host1['status'], host1['state'], host1['zone']))
        self.assertIsInstance(host1['id'], int)
        self.assertNotIn('forced_down', host1)
        resp = self.api('PUT', SVC + '/disable-log-reason', {
            'host': 'host1', 'binary': 'nova-compute',
            'disabled_reason': 'maintenance'})
        self.assertEqual({'service': {'host': 'host1',
                                      'binary': 'nova-compute',
                                      'status': 'disabled',
                                      'disabled_reason': 'maintenance'}},
                         resp.body)
        self.assertEqual('maintenance',
                         self.computes()['host1']['disabled_reason'])
        self.assertEqual(200, self.api('PUT', SVC + '/enable', {
            'host': 'host1', 'binary': 'nova-compute'}).status)
        self.assertEqual('enabled', self.computes()['host1']['status'])
        self.assertEqual(404, self.api('PUT', SVC + '/force-down', {
            'host': 'host1', 'binary': 'nova-compute',
            'forced_down': True}).status)
        resp = self.api('PUT', SVC + '/force-down', {
            'host': 'host1', 'binary': 'nova-compute', 'forced_down': True},
            version='2.11')
        self.assertTrue(resp.body['service']['forced_down'])
        self.assertEqual('down', self.computes('2.11')['host1']['state'])
        for body in ({'host': 'host1'}, {'host': 'nope',
                                         'binary': 'nova-compute'}):
            self.assertIn(self.api('PUT', SVC + '/disable', body).status,
                          (400, 404))
        self.assertEqual(403, self.api('GET', SVC, user='demo',
                                       project='p1').status)

    def test_update_and_delete_by_uuid_from_253(self):
        host2 = self.computes('2.53')['host2']
        self.assertEqual(36, len(host2['id']))
        url = '%s/%s' % (SVC, host2['id'])
        resp = self.api('PUT', url, {'status': 'disabled',
                                     'disabled_reason': 'bad disk'},
                        version='2.53')
        self.assertEqual(('disabled', 'bad disk'), (
            resp.body['service']['status'],
            resp.body['service']['disabled_reason']))
        self.assertEqual(400, self.api('PUT', url, {
            'status': 'enabled', 'disabled_reason': 'x'},
            version='2.53').status)
        self.assertEqual(400, self.api('PUT', url, {}, version='2.53').status)
        self.assertEqual('disabled', self.computes('2.53')['host2']['status'])
        # A compute with servers cannot go; an empty one takes its node.
        self.builder.create_flavor(name='f1', flavorid='1')
        server_id = self.boot(availability_zone='nova:host2').body[
            'server']['id']
        self.wait_for_server(server_id, 'ACTIVE')
        resp = self.api('DELETE', url, version='2.53')
        self.assertFault(resp, 409, 'conflictingRequest',
                         'hosting instances')
        self.api('DELETE', '/v2.1/servers/%s' % server_id)
        self.wait_for_server_gone(server_id)
        self.assertEqual(204, self.api('DELETE', url, version='2.53').status)
        self.assertNotIn('host2', self.computes('2.53'))
        hosts = [h['hypervisor_hostname'] for h in self.api(
            'GET', HV).body['hypervisors']]
        self.assertEqual(['host1'], hosts)
        self.assertEqual(404, self.api('DELETE', url, version='2.53').status)


class HypervisorsTest(servers_base.ServersApiTestBase):

    def test_list_detail_show_stats_and_microversions(self):
        listed = self.api('GET', HV).body['hypervisors']
        self.assertEqual(['host1', 'host2'],
                         sorted(h['hypervisor_hostname'] for h in listed))
        self.assertEqual({'id', 'hypervisor_hostname', 'state', 'status'},
                         set(listed[0]))
        detail = self.api('GET', HV + '/detail').body['hypervisors'][0]
        self.assertGreater(detail['vcpus'], 0)
        self.assertIsInstance(detail['cpu_info'], str)
        self.assertEqual('host1', detail['service']['host'])
        self.assertIsInstance(self.api('GET', HV + '/detail',
                                       version='2.28').body[
            'hypervisors'][0]['cpu_info'], dict)
        new = self.api('GET', HV + '/detail', version='2.88').body[
            'hypervisors'][0]
        self.assertNotIn('vcpus', new)
        stats = self.api('GET', HV + '/statistics').body[
            'hypervisor_statistics']
        self.assertEqual(2, stats['count'])
        self.assertEqual(404, self.api('GET', HV + '/statistics',
                                       version='2.88').status)
        shown = self.api('GET', '%s/%s' % (HV, listed[0]['id'])).body[
            'hypervisor']
        self.assertEqual(listed[0]['id'], shown['id'])
        uptime = self.api('GET', '%s/%s/uptime' % (HV, listed[0]['id'])
                          ).body['hypervisor']
        self.assertIn('load average', uptime['uptime'])
        page = self.api('GET', HV + '?limit=1', version='2.33').body
        self.assertEqual(1, len(page['hypervisors']))
        self.assertIn('hypervisors_links', page)
        uuid_list = self.api('GET', HV, version='2.53').body['hypervisors']
        self.assertEqual(36, len(uuid_list[0]['id']))
        self.assertIn('load average', self.api(
            'GET', '%s/%s' % (HV, uuid_list[0]['id']), version='2.88'
        ).body['hypervisor']['uptime'])
        self.assertEqual(400, self.api('GET', HV + '/1', version='2.53'
                                       ).status)
        self.assertEqual(404, self.api('GET', HV + '/999').status)

    def test_search_and_servers(self):
        self.builder.create_flavor(name='f1', flavorid='1')
        server_id = self.boot(availability_zone='nova:host1').body[
            'server']['id']
        self.wait_for_server(server_id, 'ACTIVE')
        found = self.api('GET', HV + '/host1/servers').body['hypervisors']
        self.assertEqual([server_id], [s['uuid'] for s in
                                       found[0]['servers']])
        self.assertEqual(1, len(self.api('GET', HV + '/st2/search').body[
            'hypervisors']))
        self.assertEqual(404, self.api('GET', HV + '/nope/search').status)
        with_servers = self.api(
            'GET', HV + '?hypervisor_hostname_pattern=host1&with_servers=1',
            version='2.53').body['hypervisors']
        self.assertEqual([server_id], [s['uuid'] for s in
                                       with_servers[0]['servers']])
        self.assertEqual(404, self.api('GET', HV + '/host1/search',
                                       version='2.53').status)
