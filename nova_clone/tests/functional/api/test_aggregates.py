"""os-aggregates over HTTP, with two real compute services and Placement."""

from nova_clone import objects
from nova_clone.tests.functional.api import servers_base

AGGS = '/v2.1/os-aggregates'


class AggregatesTest(servers_base.ServersApiTestBase):

    def create(self, name='agg1', zone=None, version=None):
        body = {'aggregate': {'name': name}}
        if zone is not None:
            body['aggregate']['availability_zone'] = zone
        resp = self.api('POST', AGGS, body, version=version)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['aggregate']

    def action(self, agg_id, name, value, expect=200, version=None):
        resp = self.api('POST', '%s/%s/action' % (AGGS, agg_id),
                        {name: value}, version=version)
        self.assertEqual(expect, resp.status, resp.text)
        return resp

    def provider_aggregates(self, host):
        client = self.placement.client()
        rps = client.get('/resource_providers?name=%s' % host,
                         microversion='1.19').json()['resource_providers']
        return client.get('/resource_providers/%s/aggregates' % rps[0]['uuid'],
                          microversion='1.19').json()['aggregates']

    def test_create_shows_no_hosts_or_metadata_and_uuid_from_241(self):
        old = self.create('old', zone='zone1')
        self.assertEqual({'availability_zone', 'created_at', 'deleted',
                          'deleted_at', 'id', 'name', 'updated_at'},
                         set(old))
        self.assertEqual('zone1', old['availability_zone'])
        new = self.create('new', version='2.41')
        self.assertIn('uuid', new)
        self.assertIsNone(new['availability_zone'])
        shown = self.api('GET', '%s/%s' % (AGGS, old['id'])).body[
            'aggregate']
        self.assertEqual({'availability_zone': 'zone1'}, shown['metadata'])
        self.assertEqual([], shown['hosts'])
        listed = self.api('GET', AGGS, version='2.41').body['aggregates']
        self.assertEqual(['old', 'new'], [a['name'] for a in listed])
        self.assertTrue(all('uuid' in a for a in listed))

    def test_duplicate_name_is_409_and_bad_input_400(self):
        self.create('agg1')
        resp = self.api('POST', AGGS, {'aggregate': {'name': 'agg1'}})
        self.assertFault(resp, 409, 'conflictingRequest', 'agg1')
        for body in ({'aggregate': {}}, {'aggregate': {'name': ''}},
                     {'aggregate': {'name': 'x', 'bogus': 1}},
                     {'aggregate': {'name': 'x', 'availability_zone': 'a:b'}},
                     {'aggregate': {'name': 'x',
                                    'availability_zone': 'internal'}}):
            resp = self.api('POST', AGGS, body)
            self.assertEqual(400, resp.status, body)
        self.assertEqual(['agg1'], [a['name'] for a in self.api(
            'GET', AGGS).body['aggregates']])
        self.assertFault(self.api('GET', AGGS + '/abc'), 400, 'badRequest')
        self.assertFault(self.api('GET', AGGS + '/999'), 404, 'itemNotFound')

    def test_add_and_remove_host_mirrors_placement(self):
        agg = self.create('agg1', zone='zone1', version='2.41')
        resp = self.action(agg['id'], 'add_host', {'host': 'host1'},
                           version='2.41')
        self.assertEqual(['host1'], resp.body['aggregate']['hosts'])
        self.assertEqual([agg['uuid']], self.provider_aggregates('host1'))
        self.assertEqual([], self.provider_aggregates('host2'))
        # the scheduler's zone view follows
        zones = objects.aggregate.get_host_availability_zones(self.admin)
        self.assertEqual({'host1': 'zone1'}, zones)
        self.action(agg['id'], 'add_host', {'host': 'host1'}, expect=409)
        self.action(agg['id'], 'add_host', {'host': 'nohost'}, expect=404)
        resp = self.action(agg['id'], 'remove_host', {'host': 'host1'})
        self.assertEqual([], resp.body['aggregate']['hosts'])
        self.assertEqual([], self.provider_aggregates('host1'))
        self.action(agg['id'], 'remove_host', {'host': 'host1'}, expect=404)

    def test_a_host_is_in_one_zone_only(self):
        one = self.create('one', zone='zone1')
        two = self.create('two', zone='zone2')
        plain = self.create('plain')
        self.action(one['id'], 'add_host', {'host': 'host1'})
        resp = self.action(two['id'], 'add_host', {'host': 'host1'},
                           expect=409)
        self.assertIn('zone1', resp.body['conflictingRequest']['message'])
        self.assertEqual([], self.api('GET', '%s/%s' % (AGGS, two['id'])
                                      ).body['aggregate']['hosts'])
        # a zone-less aggregate may hold it; it then cannot take zone2
        self.action(plain['id'], 'add_host', {'host': 'host1'})
        resp = self.action(plain['id'], 'set_metadata',
                           {'metadata': {'availability_zone': 'zone2'}},
                           expect=400)
        resp = self.api('PUT', '%s/%s' % (AGGS, plain['id']),
                        {'aggregate': {'availability_zone': 'zone2'}})
        self.assertFault(resp, 400, 'badRequest', 'zone1')
        shown = self.api('GET', '%s/%s' % (AGGS, plain['id'])).body
        self.assertEqual({}, shown['aggregate']['metadata'])
        # ... but the same zone name is fine
        self.action(plain['id'], 'set_metadata',
                    {'metadata': {'availability_zone': 'zone1'}})

    def test_set_metadata_sets_and_removes_keys(self):
        agg = self.create('agg1', zone='zone1')
        resp = self.action(agg['id'], 'set_metadata',
                           {'metadata': {'ssd': 'true', 'gpu': 'no'}})
        self.assertEqual({'availability_zone': 'zone1', 'ssd': 'true',
                          'gpu': 'no'}, resp.body['aggregate']['metadata'])
        resp = self.action(agg['id'], 'set_metadata',
                           {'metadata': {'gpu': None}})
        self.assertEqual({'availability_zone': 'zone1', 'ssd': 'true'},
                         resp.body['aggregate']['metadata'])
        resp = self.action(agg['id'], 'set_metadata',
                           {'metadata': {'availability_zone': None}},
                           expect=400)
        self.action(agg['id'], 'set_metadata', {'metadata': {'a': 1}},
                    expect=400)
        self.assertEqual('zone1', self.api('GET', '%s/%s' % (
            AGGS, agg['id'])).body['aggregate']['availability_zone'])

    def test_zone_with_servers_is_not_renamed(self):
        agg = self.create('agg1', zone='zone1')
        self.action(agg['id'], 'add_host', {'host': 'host1'})
        self.action(agg['id'], 'add_host', {'host': 'host2'})
        flavor = self.builder.create_flavor()
        [uuid] = self.builder.create_servers(flavor)
        self.builder.wait_for_state(uuid, 'active')
        resp = self.api('PUT', '%s/%s' % (AGGS, agg['id']),
                        {'aggregate': {'availability_zone': 'zone9'}})
        self.assertFault(resp, 400, 'badRequest', 'contain servers')
        # renaming the aggregate itself is fine
        resp = self.api('PUT', '%s/%s' % (AGGS, agg['id']),
                        {'aggregate': {'name': 'renamed'}})
        self.assertEqual('renamed', resp.body['aggregate']['name'])
        self.assertEqual('zone1', resp.body['aggregate']['availability_zone'])

    def test_delete_refused_while_hosts_remain(self):
        agg = self.create('agg1')
        self.action(agg['id'], 'add_host', {'host': 'host2'})
        self.assertFault(self.api('DELETE', '%s/%s' % (AGGS, agg['id'])),
                         400, 'badRequest', 'host2')
        self.action(agg['id'], 'remove_host', {'host': 'host2'})
        resp = self.api('DELETE', '%s/%s' % (AGGS, agg['id']))
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual([], self.api('GET', AGGS).body['aggregates'])

    def test_admin_only(self):
        agg = self.create('agg1')
        for method, path, body in (
                ('GET', AGGS, None),
                ('POST', AGGS, {'aggregate': {'name': 'x'}}),
                ('GET', '%s/%s' % (AGGS, agg['id']), None),
                ('DELETE', '%s/%s' % (AGGS, agg['id']), None),
                ('POST', '%s/%s/action' % (AGGS, agg['id']),
                 {'add_host': {'host': 'host1'}})):
            resp = self.api(method, path, body, user='demo',
                            project='0123abcd')
            self.assertEqual(403, resp.status, (method, path))
        self.assertEqual(1, len(self.api('GET', AGGS).body['aggregates']))
