"""/os-hypervisors over HTTP: every microversion boundary, paging, servers,
statistics and uptime."""

from nova_clone.tests.functional.api import servers_base

HV = '/v2.1/os-hypervisors'
SVC = '/v2.1/os-services'
_COUNTERS = {'vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
             'memory_mb_used', 'local_gb_used', 'free_ram_mb',
             'free_disk_gb', 'current_workload', 'running_vms',
             'disk_available_least', 'cpu_info'}


class HypervisorsTest(servers_base.ServersApiTestBase):

    def get(self, path, version=None, expect=200):
        resp = self.api('GET', HV + path, version=version)
        self.assertEqual(expect, resp.status, resp.text)
        return resp.body

    def hosts(self, body):
        return [h['hypervisor_hostname'] for h in body['hypervisors']]

    def disable(self, host, **extra):
        body = dict({'host': host, 'binary': 'nova-compute'}, **extra)
        action = 'force-down' if 'forced_down' in extra else 'disable'
        resp = self.api('PUT', '%s/%s' % (SVC, action), body,
                        version='2.11')
        self.assertEqual(200, resp.status, resp.text)

    def test_detail_fields_at_each_boundary(self):
        old = self.get('/detail')['hypervisors'][0]
        self.assertTrue(_COUNTERS <= set(old))
        self.assertEqual({'host', 'id', 'disabled_reason'},
                         set(old['service']))
        self.assertIsInstance(old['id'], int)
        self.assertIsInstance(old['service']['id'], int)
        self.assertEqual('fake', old['hypervisor_type'])
        self.assertNotIn('uptime', old)
        new = self.get('/detail', '2.53')['hypervisors'][0]
        self.assertEqual(36, len(new['id']))
        self.assertEqual(36, len(new['service']['id']))
        latest = self.get('/detail', '2.88')['hypervisors'][0]
        self.assertFalse(_COUNTERS & set(latest))
        self.assertIsNone(latest['uptime'])
        self.assertEqual(new['id'], latest['id'])
        shown = self.get('/' + new['id'], '2.88')['hypervisor']
        self.assertFalse(_COUNTERS & set(shown))
        self.assertIn('load average', shown['uptime'])
        self.assertNotIn('uptime', self.get('/' + new['id'], '2.87')[
            'hypervisor'])

    def test_state_and_status_follow_the_service(self):
        self.disable('host1')
        self.disable('host2', forced_down=True)
        listed = {h['hypervisor_hostname']: h
                  for h in self.get('')['hypervisors']}
        self.assertEqual(('disabled', 'up'), (listed['host1']['status'],
                                              listed['host1']['state']))
        self.assertEqual(('enabled', 'down'), (listed['host2']['status'],
                                               listed['host2']['state']))
        # uptime needs a live service, not an enabled one
        self.get('/%s/uptime' % listed['host1']['id'])
        resp = self.api('GET', '%s/%s/uptime' % (HV, listed['host2']['id']))
        self.assertFault(resp, 400, 'badRequest', 'unavailable')
        new = {h['hypervisor_hostname']: h['id']
               for h in self.get('', '2.88')['hypervisors']}
        self.assertIsNone(self.get('/' + new['host2'], '2.88')[
            'hypervisor']['uptime'])
        # statistics leave disabled services out
        stats = self.get('/statistics')['hypervisor_statistics']
        self.assertEqual(1, stats['count'])
        self.assertEqual(stats['vcpus'], self.get(
            '/%s' % listed['host2']['id'])['hypervisor']['vcpus'])

    def test_removed_routes(self):
        some = self.get('')['hypervisors'][0]['id']
        self.get('/statistics', '2.87')
        self.get('/statistics', '2.88', expect=404)
        self.get('/%s/uptime' % some, '2.52')
        uuid = self.get('', '2.88')['hypervisors'][0]['id']
        self.get('/%s/uptime' % uuid, '2.87')
        self.get('/%s/uptime' % uuid, '2.88', expect=404)
        self.get('/host/search', '2.52')
        self.get('/host/search', '2.53', expect=404)
        self.get('/host/servers', '2.52')
        self.get('/host/servers', '2.53', expect=404)

    def test_show_ids(self):
        listed = self.get('')['hypervisors']
        self.get('/%s' % listed[0]['id'])
        self.get('/abc', expect=404)
        self.get('/9999', expect=404)
        self.get('/1', '2.53', expect=400)
        self.get('/9a1c3d4e-0000-4000-8000-000000000000', '2.53',
                 expect=404)
        self.get('/%s?with_servers=1' % listed[0]['id'], '2.53',
                 expect=400)

    def test_paging(self):
        self.assertNotIn('hypervisors_links', self.get('?limit=1'))
        # unknown parameters are ignored before 2.53
        self.assertEqual(2, len(self.get('?bogus=1', '2.33')['hypervisors']))
        self.get('?bogus=1', '2.53', expect=400)
        first = self.get('/detail?limit=1', '2.33')
        self.assertEqual(['host1'], self.hosts(first))
        link = first['hypervisors_links'][0]
        self.assertEqual('next', link['rel'])
        self.assertIn('/os-hypervisors/detail?', link['href'])
        self.assertIn('marker=%s' % first['hypervisors'][0]['id'],
                      link['href'])
        second = self.get('?limit=1&marker=%s' % first['hypervisors'][0][
            'id'], '2.33')
        self.assertEqual(['host2'], self.hosts(second))
        self.assertNotIn('/detail', second['hypervisors_links'][0]['href'])
        uuids = self.get('', '2.53')['hypervisors']
        last = self.get('?marker=%s' % uuids[0]['id'], '2.53')
        self.assertEqual(['host2'], self.hosts(last))
        self.assertNotIn('hypervisors_links', last)
        for query in ('?marker=999', '?limit=-1', '?limit=abc'):
            self.get(query, '2.33', expect=400)
        self.get('?marker=%s' % uuids[0]['id'], '2.33', expect=400)
        self.get('?hypervisor_hostname_pattern=host&limit=1', '2.53',
                 expect=400)

    def test_servers_and_patterns(self):
        flavor = self.builder.create_flavor(name='f1', flavorid='1')
        self.disable('host2')
        [uuid] = self.builder.create_servers(flavor)
        self.builder.wait_for_state(uuid, 'active')
        # before 2.53: path patterns; an empty server list is left out
        found = self.get('/host/servers')['hypervisors']
        self.assertEqual(['host1', 'host2'],
                         [h['hypervisor_hostname'] for h in found])
        self.assertEqual([uuid], [s['uuid'] for s in found[0]['servers']])
        self.assertEqual({'name', 'uuid'}, set(found[0]['servers'][0]))
        self.assertNotIn('servers', found[1])
        self.assertEqual(['host2'], self.hosts(self.get('/st2/search')))
        self.get('/nope/search', expect=404)
        self.get('/nope/servers', expect=404)
        # 2.53: query parameters; 2.75 always shows the list when asked
        listed = self.get('?with_servers=true', '2.53')['hypervisors']
        self.assertEqual([uuid], [s['uuid'] for s in listed[0]['servers']])
        self.assertNotIn('servers', listed[1])
        listed = self.get('?with_servers=true', '2.75')['hypervisors']
        self.assertEqual([], listed[1]['servers'])
        self.assertNotIn('servers', self.get('', '2.75')['hypervisors'][0])
        self.assertEqual(['host2'], self.hosts(self.get(
            '/detail?hypervisor_hostname_pattern=st2', '2.53')))
        self.get('?hypervisor_hostname_pattern=nope', '2.53', expect=404)
        self.get('?with_servers=maybe', '2.53', expect=400)
        shown = self.get('/%s?with_servers=1' % listed[0]['id'], '2.75')[
            'hypervisor']
        self.assertEqual([uuid], [s['uuid'] for s in shown['servers']])

    def test_policy(self):
        for path in ('', '/detail', '/statistics', '/1', '/1/uptime',
                     '/host1/search', '/host1/servers'):
            resp = self.api('GET', HV + path, user='demo', project='p1')
            self.assertEqual(403, resp.status, path)
