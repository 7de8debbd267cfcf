"""A server's metadata, tags, addresses and action log over HTTP."""

from nova_clone.tests.functional.api import servers_base

SERVERS = '/v2.1/servers'


class ServerResourcesTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1')
        self.server_id = self.boot(metadata={'a': '1'}).body['server']['id']
        self.wait_for_server(self.server_id, 'ACTIVE')
        self.base = '%s/%s' % (SERVERS, self.server_id)

    def test_metadata_merge_replace_item_and_delete(self):
        self.assertEqual({'metadata': {'a': '1'}},
                         self.api('GET', self.base + '/metadata').body)
        resp = self.api('POST', self.base + '/metadata',
                        {'metadata': {'b': '2'}})
        self.assertEqual({'a': '1', 'b': '2'}, resp.body['metadata'])
        resp = self.api('PUT', self.base + '/metadata',
                        {'metadata': {'c': '3'}})
        self.assertEqual({'c': '3'}, resp.body['metadata'])
        resp = self.api('PUT', self.base + '/metadata/d',
                        {'meta': {'d': '4'}})
        self.assertEqual({'meta': {'d': '4'}}, resp.body)
        self.assertEqual({'meta': {'d': '4'}},
                         self.api('GET', self.base + '/metadata/d').body)
        self.assertEqual(204, self.api('DELETE',
                                       self.base + '/metadata/d').status)
        self.assertFault(self.api('GET', self.base + '/metadata/d'), 404,
                         'itemNotFound', 'Metadata item was not found')
        # Bad input changes nothing.
        resp = self.api('PUT', self.base + '/metadata/x',
                        {'meta': {'y': '1'}})
        self.assertFault(resp, 400, 'badRequest', 'URI mismatch')
        resp = self.api('PUT', self.base + '/metadata/x',
                        {'meta': {'x': '1', 'y': '2'}})
        self.assertEqual(400, resp.status)
        self.flags(metadata_items=2, group='quota')
        resp = self.api('POST', self.base + '/metadata',
                        {'metadata': {'p': '1', 'q': '2'}})
        self.assertEqual(403, resp.status, resp.text)
        self.assertEqual({'c': '3'}, self.api(
            'GET', self.base + '/metadata').body['metadata'])
        # Another project sees no such server.
        resp = self.api('GET', self.base + '/metadata', user='eve',
                        project='p2')
        self.assertEqual(404, resp.status)

    def test_tags_from_226(self):
        self.assertEqual(404, self.api('GET', self.base + '/tags',
                                       version='2.25').status)
        put = self.api('PUT', self.base + '/tags/web', version='2.26')
        self.assertEqual(201, put.status, put.text)
        self.assertTrue(put.headers['Location'].endswith('/tags/web'))
        self.assertEqual(204, self.api('PUT', self.base + '/tags/web',
                                       version='2.26').status)
        self.assertEqual(204, self.api('GET', self.base + '/tags/web',
                                       version='2.26').status)
        self.assertEqual(404, self.api('GET', self.base + '/tags/db',
                                       version='2.26').status)
        resp = self.api('PUT', self.base + '/tags',
                        {'tags': ['x', 'y', 'x']}, version='2.26')
        self.assertEqual(['x', 'y'], sorted(resp.body['tags']))
        resp = self.api('PUT', self.base + '/tags', {'tags': ['a,b']},
                        version='2.26')
        self.assertEqual(400, resp.status)
        resp = self.api('PUT', self.base + '/tags',
                        {'tags': ['t%d' % i for i in range(51)]},
                        version='2.26')
        self.assertEqual(400, resp.status)
        self.assertEqual(['x', 'y'], sorted(self.api(
            'GET', self.base + '/tags', version='2.26').body['tags']))
        listed = self.api('GET', SERVERS + '?tags=x,y', version='2.26')
        self.assertEqual([self.server_id],
                         [s['id'] for s in listed.body['servers']])
        listed = self.api('GET', SERVERS + '?not-tags=x', version='2.26')
        self.assertEqual([], listed.body['servers'])
        self.assertEqual(204, self.api('DELETE', self.base + '/tags/x',
                                       version='2.26').status)
        self.assertEqual(204, self.api('DELETE', self.base + '/tags',
                                       version='2.26').status)
        self.assertEqual([], self.api('GET', self.base + '/tags',
                                      version='2.26').body['tags'])

    def test_ips_without_network_service(self):
        self.assertEqual({'addresses': {}},
                         self.api('GET', self.base + '/ips').body)
        self.assertFault(self.api('GET', self.base + '/ips/private'), 404,
                         'itemNotFound', "There's no network with id")

    def test_instance_actions_list_and_show(self):
        actions = self.api('GET', self.base + '/os-instance-actions'
                           ).body['instanceActions']
        self.assertEqual(['create'], [a['action'] for a in actions])
        self.assertNotIn('updated_at', actions[0])
        request_id = actions[0]['request_id']
        shown = self.api('GET', '%s/os-instance-actions/%s' % (
            self.base, request_id), version='2.62').body['instanceAction']
        self.assertEqual('create', shown['action'])
        self.assertTrue(shown['events'])
        self.assertIn('host', shown['events'][0])
        member = self.api('GET', '%s/os-instance-actions/%s' % (
            self.base, request_id), version='2.50', user='admin',
            project='admin')
        self.assertIn('events', member.body['instanceAction'])
        paged = self.api('GET', self.base + '/os-instance-actions?limit=1',
                         version='2.58').body
        self.assertIn('updated_at', paged['instanceActions'][0])
        self.assertIn('links', paged)
        self.assertEqual(404, self.api('GET', self.base +
                                       '/os-instance-actions/req-nope'
                                       ).status)
        self.assertEqual(204, self.api('DELETE', self.base).status)
        self.wait_for_server_gone(self.server_id)
        gone = self.api('GET', self.base + '/os-instance-actions',
                        version='2.21').body['instanceActions']
        self.assertEqual(['create', 'delete'],
                         sorted(a['action'] for a in gone))
