"""/os-server-groups over HTTP, and the group hint at boot."""

from nova_clone.tests.functional.api import servers_base

SG = '/v2.1/os-server-groups'


class ServerGroupsTest(servers_base.ServersApiTestBase):

    def create(self, body, version=None, expect=200, user='demo',
               project='p1'):
        resp = self.api('POST', SG, {'server_group': body}, version=version,
                        user=user, project=project)
        self.assertEqual(expect, resp.status, resp.text)
        return resp.body

    def test_create_show_list_delete_by_microversion(self):
        old = self.create({'name': 'g1', 'policies': ['affinity']}
                          )['server_group']
        self.assertEqual({'id', 'name', 'policies', 'members', 'metadata'},
                         set(old))
        self.assertEqual(['affinity'], old['policies'])
        v213 = self.api('GET', '%s/%s' % (SG, old['id']), version='2.13',
                        user='demo', project='p1').body['server_group']
        self.assertEqual(('p1', 'demo'), (v213['project_id'],
                                          v213['user_id']))
        self.create({'name': 'soft', 'policies': ['soft-affinity']},
                    expect=400)
        self.create({'name': 'soft', 'policies': ['soft-affinity']},
                    version='2.15')
        new = self.create({'name': 'g3', 'policy': 'anti-affinity',
                           'rules': {'max_server_per_host': 2}},
                          version='2.64')['server_group']
        self.assertEqual({'max_server_per_host': 2}, new['rules'])
        self.assertNotIn('metadata', new)
        for bad, version in (
                ({'name': 'x', 'policy': 'affinity',
                  'rules': {'max_server_per_host': 2}}, '2.64'),
                ({'name': 'x', 'policies': ['affinity']}, '2.64'),
                ({'name': 'x', 'policy': 'bogus'}, '2.64'),
                ({'name': 'x', 'policies': ['affinity', 'anti-affinity']},
                 '2.1'),
                ({'name': '', 'policies': ['affinity']}, '2.1')):
            self.create(bad, version=version, expect=400)
        listed = self.api('GET', SG, user='demo', project='p1'
                          ).body['server_groups']
        self.assertEqual(['g1', 'g3', 'soft'],
                         sorted(g['name'] for g in listed))
        self.assertEqual([], self.api('GET', SG, user='eve', project='p2'
                                      ).body['server_groups'])
        self.assertEqual(3, len(self.api(
            'GET', SG + '?all_projects=True').body['server_groups']))
        self.assertEqual(404, self.api('GET', '%s/%s' % (SG, old['id']),
                                       user='eve', project='p2').status)
        self.assertEqual(204, self.api('DELETE', '%s/%s' % (SG, old['id']),
                                       user='demo', project='p1').status)
        self.assertEqual(404, self.api('GET', '%s/%s' % (SG, old['id'])
                                       ).status)

    def test_quota_on_groups(self):
        self.flags(server_groups=1, group='quota')
        self.create({'name': 'g1', 'policies': ['affinity']})
        body = self.create({'name': 'g2', 'policies': ['affinity']},
                           expect=403)
        self.assertIn('too many server groups', body['forbidden']['message'])

    def test_anti_affinity_hint_spreads_servers_and_refuses_a_third(self):
        self.builder.create_flavor(name='f1', flavorid='1')
        group = self.create({'name': 'spread',
                             'policies': ['anti-affinity']},
                            user='admin', project='admin')['server_group']
        hints = {'group': group['id']}
        ids, hosts = [], set()
        for name, status in (('a', 'ACTIVE'), ('b', 'ACTIVE'),
                             ('c', 'ERROR')):
            resp = self.api('POST', '/v2.1/servers', {
                'server': {'name': name, 'flavorRef': '1',
                           'imageRef': self.glance.IMAGE_ID,
                           'networks': 'none'},
                'os:scheduler_hints': hints}, version='2.37')
            self.assertEqual(202, resp.status, resp.text)
            ids.append(resp.body['server']['id'])
            server = self.wait_for_server(ids[-1], status)
            hosts.add(server.get('OS-EXT-SRV-ATTR:host'))
        # NOTE: two hosts, one server each; the third has nowhere to go.
        self.assertEqual({'host1', 'host2', None}, hosts)
        server = self.api('GET', '/v2.1/servers/%s' % ids[0],
                          version='2.71').body['server']
        self.assertEqual([group['id']], server['server_groups'])
        self.assertNotIn('server_groups', self.api(
            'GET', '/v2.1/servers/%s' % ids[0], version='2.70'
        ).body['server'])
        shown = self.api('GET', '%s/%s' % (SG, group['id'])).body[
            'server_group']
        self.assertEqual(set(ids), set(shown['members']))
        resp = self.api('POST', '/v2.1/servers', {
            'server': {'name': 'x', 'flavorRef': '1',
                       'imageRef': self.glance.IMAGE_ID,
                       'networks': 'none'},
            'os:scheduler_hints': {
                'group': '8d1a0b0e-0000-4000-8000-000000000000'}},
            version='2.37')
        self.assertFault(resp, 400, 'badRequest', 'Invalid server group')

    def test_microversion_edges_and_bad_input_writes_nothing(self):
        self.create({'name': 'g', 'policies': ['anti-affinity']})
        v212 = self.api('GET', SG, version='2.12', user='demo',
                        project='p1').body['server_groups'][0]
        self.assertNotIn('project_id', v212)
        self.assertNotIn('user_id', v212)
        self.create({'name': 'x', 'policies': ['soft-anti-affinity']},
                    version='2.14', expect=400)
        v263 = self.create({'name': 'g263', 'policies': ['affinity']},
                           version='2.63')['server_group']
        self.assertEqual({'id', 'name', 'policies', 'members', 'metadata',
                          'project_id', 'user_id'}, set(v263))
        self.create({'name': 'x', 'policy': 'affinity'}, version='2.63',
                    expect=400)
        for bad in ({'name': 'x', 'policies': ['affinity', 'affinity']},
                    {'name': 'x', 'policies': []},
                    {'name': 'x', 'policies': ['bogus']},
                    {'name': 'x', 'policies': ['affinity'], 'extra': 1}):
            self.create(bad, expect=400)
        for bad in ({'name': 'x', 'policy': 'soft-affinity',
                     'rules': {'max_server_per_host': 1}},
                    {'name': 'x', 'policy': 'anti-affinity',
                     'rules': {'max_server_per_host': 0}},
                    {'name': 'x', 'policy': 'anti-affinity',
                     'rules': {'other': 1}},
                    {'name': 'x', 'policy': 'affinity', 'metadata': {}}):
            self.create(bad, version='2.64', expect=400)
        listed = self.api('GET', SG, version='2.64', user='demo',
                          project='p1').body['server_groups']
        self.assertEqual(['g', 'g263'], sorted(g['name'] for g in listed))
        first = next(g for g in listed if g['name'] == 'g')
        self.assertEqual(('anti-affinity', {}),
                         (first['policy'], first['rules']))
        # NOTE: a member asking for all projects sees only its own.
        self.create({'name': 'other', 'policies': ['affinity']},
                    user='eve', project='p2')
        mine = self.api('GET', SG + '?all_projects=True', user='demo',
                        project='p1').body['server_groups']
        self.assertEqual(2, len(mine))
        page = self.api('GET', SG + '?all_projects=1&limit=1&offset=1'
                        ).body['server_groups']
        self.assertEqual(1, len(page))
        self.assertEqual(400, self.api('GET', SG + '?limit=-1').status)
