"""/os-services over HTTP: filters, the compute-only updates, bad bodies,
and what deleting a compute service takes with it."""

from nova_clone import exception
from nova_clone import objects
from nova_clone.tests.functional.api import servers_base

SVC = '/v2.1/os-services'
AGGS = '/v2.1/os-aggregates'


class ServicesTest(servers_base.ServersApiTestBase):

    def listed(self, version=None, query=''):
        resp = self.api('GET', SVC + query, version=version)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['services']

    def by_host(self, version=None, binary='nova-compute'):
        return {s['host']: s for s in self.listed(version)
                if s['binary'] == binary}

    def test_fields_and_filters(self):
        old = self.listed()
        self.assertEqual({'id', 'binary', 'host', 'zone', 'status', 'state',
                          'updated_at', 'disabled_reason'}, set(old[0]))
        self.assertTrue(all(isinstance(s['id'], int) for s in old))
        new = self.listed('2.53')
        self.assertIn('forced_down', new[0])
        self.assertTrue(all(len(s['id']) == 36 for s in new))
        zones = {s['binary']: s['zone'] for s in new}
        self.assertEqual('internal', zones['nova-scheduler'])
        self.assertEqual('nova', zones['nova-compute'])
        self.assertEqual(['host2'], [s['host'] for s in self.listed(
            query='?host=host2')])
        self.assertEqual(['conductor'], [s['host'] for s in self.listed(
            query='?binary=nova-conductor')])
        # an empty filter filters nothing
        self.assertEqual(len(old), len(self.listed(query='?host=')))
        # unknown parameters are ignored until 2.75, then refused
        self.assertEqual(len(old), len(self.listed(
            version='2.74', query='?bogus=1')))
        self.assertEqual(400, self.api('GET', SVC + '?bogus=1',
                                       version='2.75').status)
        self.assertEqual(403, self.api('GET', SVC, user='demo',
                                       project='p1').status)

    def test_disable_keeps_reason_and_enable_clears_it(self):
        body = {'host': 'host1', 'binary': 'nova-compute'}
        self.api('PUT', SVC + '/disable-log-reason',
                 dict(body, disabled_reason='r1'))
        resp = self.api('PUT', SVC + '/disable', body)
        self.assertEqual({'service': dict(body, status='disabled')},
                         resp.body)
        host1 = self.by_host()['host1']
        self.assertEqual(('disabled', 'r1'),
                         (host1['status'], host1['disabled_reason']))
        self.api('PUT', SVC + '/enable', body)
        host1 = self.by_host()['host1']
        self.assertEqual(('enabled', None),
                         (host1['status'], host1['disabled_reason']))

    def test_pre_253_bad_requests_change_nothing(self):
        base = {'host': 'host1', 'binary': 'nova-compute'}
        cases = [
            ('/disable-log-reason', base, 400),
            ('/disable', {'host': 'host1'}, 400),
            ('/disable', dict(base, bogus=1), 400),
            ('/disable', dict(base, disabled_reason=''), 400),
            ('/disable', {'host': 'nope', 'binary': 'nova-compute'}, 404),
            ('/disable', {'host': 'scheduler',
                          'binary': 'nova-scheduler'}, 400),
            ('/bogus', base, 404),
            ('/1', base, 404),
        ]
        for action, body, code in cases:
            resp = self.api('PUT', SVC + action, body)
            self.assertEqual(code, resp.status, (action, body, resp.text))
        resp = self.api('PUT', SVC + '/force-down', dict(base),
                        version='2.11')
        self.assertFault(resp, 400, 'badRequest', 'forced_down')
        self.assertEqual(400, self.api('PUT', SVC + '/force-down', dict(
            base, forced_down='maybe'), version='2.11').status)
        self.assertTrue(all(s['status'] == 'enabled' and
                            s['forced_down'] is False
                            for s in self.listed('2.11')))
        self.assertEqual(403, self.api('PUT', SVC + '/disable', base,
                                       user='demo', project='p1').status)

    def test_253_update(self):
        host1 = self.by_host('2.53')['host1']
        url = '%s/%s' % (SVC, host1['id'])
        resp = self.api('PUT', url, {'status': 'disabled'}, version='2.53')
        shown = resp.body['service']
        self.assertEqual(('disabled', None, 'nova', host1['id']), (
            shown['status'], shown['disabled_reason'], shown['zone'],
            shown['id']))
        resp = self.api('PUT', url, {'forced_down': True}, version='2.53')
        self.assertEqual(('down', True, 'disabled'), (
            resp.body['service']['state'],
            resp.body['service']['forced_down'],
            resp.body['service']['status']))
        resp = self.api('PUT', url, {'status': 'enabled',
                                     'forced_down': False}, version='2.53')
        self.assertEqual(('up', 'enabled'), (resp.body['service']['state'],
                                             resp.body['service']['status']))
        for body in ({}, {'status': 'bogus'}, {'forced_down': 'x'},
                     {'bogus': 1}, {'disabled_reason': 'alone'},
                     {'status': 'enabled', 'disabled_reason': 'x'},
                     {'status': 'disabled', 'disabled_reason': ''},
                     {'status': 'disabled', 'disabled_reason': 'x' * 256}):
            resp = self.api('PUT', url, body, version='2.53')
            self.assertEqual(400, resp.status, body)
        self.assertEqual(('enabled', None, False), tuple(
            self.by_host('2.53')['host1'][key]
            for key in ('status', 'disabled_reason', 'forced_down')))
        self.assertEqual(400, self.api('PUT', SVC + '/1', {
            'status': 'disabled'}, version='2.53').status)
        self.assertEqual(404, self.api(
            'PUT', SVC + '/9a1c3d4e-0000-4000-8000-000000000000',
            {'status': 'disabled'}, version='2.53').status)
        sched = self.by_host('2.53', 'nova-scheduler')['scheduler']
        resp = self.api('PUT', '%s/%s' % (SVC, sched['id']),
                        {'status': 'disabled'}, version='2.53')
        self.assertFault(resp, 400, 'badRequest', 'nova-scheduler')
        self.assertEqual('enabled', self.by_host(
            '2.53', 'nova-scheduler')['scheduler']['status'])

    def test_delete_by_id_before_253(self):
        self.assertEqual(400, self.api('DELETE', SVC + '/abc').status)
        self.assertEqual(404, self.api('DELETE', SVC + '/9999').status)
        self.assertEqual(403, self.api('DELETE', SVC + '/1', user='demo',
                                       project='p1').status)
        self._stop('host2')
        host2 = self.by_host()['host2']
        self.assertEqual(204, self.api('DELETE', '%s/%s' % (
            SVC, host2['id'])).status)
        self.assertNotIn('host2', self.by_host())

    def test_delete_refused_with_servers_then_takes_everything(self):
        flavor = self.builder.create_flavor(name='f1', flavorid='1')
        agg = self.api('POST', AGGS, {'aggregate': {'name': 'a1'}}).body[
            'aggregate']
        self.api('POST', '%s/%s/action' % (AGGS, agg['id']),
                 {'add_host': {'host': 'host2'}})
        self.api('PUT', SVC + '/disable', {'host': 'host1',
                                           'binary': 'nova-compute'})
        [uuid] = self.builder.create_servers(flavor)
        self.builder.wait_for_state(uuid, 'active')
        url = '%s/%s' % (SVC, self.by_host('2.53')['host2']['id'])
        resp = self.api('DELETE', url, version='2.53')
        self.assertFault(resp, 409, 'conflictingRequest', 'instances')
        self.assertIn('host2', self.by_host())
        self.builder.delete_server(uuid)
        self.wait_for_server_gone(uuid)
        self._stop('host2')
        self.assertEqual(204, self.api('DELETE', url, version='2.53').status)
        self.assertNotIn('host2', self.by_host())
        self.assertEqual([], self.api('GET', '%s/%s' % (AGGS, agg['id'])
                                      ).body['aggregate']['hosts'])
        self.assertRaises(exception.HostMappingNotFound,
                          objects.HostMapping.get_by_host, self.admin,
                          'host2')
        rps = self.placement.client().get(
            '/resource_providers?name=host2').json()['resource_providers']
        self.assertEqual([], rps)
        self.assertEqual(404, self.api('DELETE', url, version='2.53').status)
