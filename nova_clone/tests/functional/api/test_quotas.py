"""/limits, /os-quota-sets and /os-quota-class-sets over HTTP."""

from nova_clone.tests.functional.api import servers_base

QS = '/v2.1/os-quota-sets'


class QuotasTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1', vcpus=2,
                                   memory_mb=256)

    def test_limits_show_usage_and_change_by_microversion(self):
        server_id = self.boot(user='demo', project='p1').body['server']['id']
        self.wait_for_server(server_id, 'ACTIVE', user='demo', project='p1')
        absolute = self.api('GET', '/v2.1/limits', user='demo', project='p1'
                            ).body['limits']['absolute']
        self.assertEqual(1, absolute['totalInstancesUsed'])
        self.assertEqual(2, absolute['totalCoresUsed'])
        self.assertEqual(256, absolute['totalRAMUsed'])
        self.assertEqual(10, absolute['maxTotalInstances'])
        self.assertEqual(-1, absolute['maxTotalFloatingIps'])
        self.assertIn('maxPersonality', absolute)
        new = self.api('GET', '/v2.1/limits', user='demo', project='p1',
                       version='2.57').body['limits']['absolute']
        for key in ('maxTotalFloatingIps', 'maxImageMeta', 'maxPersonality'):
            self.assertNotIn(key, new)
        # NOTE: a member's tenant_id is ignored; an admin's is honoured.
        theirs = self.api('GET', '/v2.1/limits?tenant_id=p1'
                          ).body['limits']['absolute']
        self.assertEqual(1, theirs['totalInstancesUsed'])
        other = self.api('GET', '/v2.1/limits?tenant_id=admin', user='demo',
                         project='p1').body['limits']['absolute']
        self.assertEqual(1, other['totalInstancesUsed'])

    def test_quota_set_update_show_detail_delete(self):
        resp = self.api('PUT', QS + '/p1', {'quota_set': {'instances': 1,
                                                          'cores': 8}})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual(1, resp.body['quota_set']['instances'])
        self.assertNotIn('id', resp.body['quota_set'])
        shown = self.api('GET', QS + '/p1', user='demo', project='p1'
                         ).body['quota_set']
        self.assertEqual(('p1', 1, 8), (shown['id'], shown['instances'],
                                        shown['cores']))
        self.assertIn('fixed_ips', shown)
        self.assertNotIn('fixed_ips', self.api(
            'GET', QS + '/p1', version='2.36').body['quota_set'])
        self.assertNotIn('injected_files', self.api(
            'GET', QS + '/p1', version='2.57').body['quota_set'])
        # Enforced at boot.
        self.boot(user='demo', project='p1')
        resp = self.boot(user='demo', project='p1', expect=403)
        self.assertIn('Quota exceeded for instances', resp.text)
        detail = self.api('GET', QS + '/p1/detail').body['quota_set']
        self.assertEqual({'limit': 1, 'in_use': 1, 'reserved': 0},
                         detail['instances'])
        # Below usage needs force; bad values change nothing.
        resp = self.api('PUT', QS + '/p1', {'quota_set': {'instances': 0}})
        self.assertFault(resp, 400, 'badRequest', 'must be greater than')
        for bad in ({'instances': -2}, {'bogus': 1}, {'instances': 'x'}):
            self.assertEqual(400, self.api('PUT', QS + '/p1',
                                           {'quota_set': bad}).status)
        resp = self.api('PUT', QS + '/p1', {'quota_set': {'instances': 0,
                                                          'force': True}})
        self.assertEqual(0, resp.body['quota_set']['instances'])
        # Members may not change quotas or read another project's.
        self.assertEqual(403, self.api('PUT', QS + '/p1',
                                       {'quota_set': {'instances': 5}},
                                       user='demo', project='p1').status)
        self.assertEqual(403, self.api('GET', QS + '/p2', user='demo',
                                       project='p1').status)
        self.assertEqual(202, self.api('DELETE', QS + '/p1').status)
        self.assertEqual(10, self.api('GET', QS + '/p1').body[
            'quota_set']['instances'])
        defaults = self.api('GET', QS + '/p1/defaults').body['quota_set']
        self.assertEqual(20, defaults['cores'])

    def test_user_quota_and_class_sets(self):
        resp = self.api('PUT', QS + '/p1?user_id=u1',
                        {'quota_set': {'instances': 3}})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual(3, self.api('GET', QS + '/p1?user_id=u1').body[
            'quota_set']['instances'])
        self.assertEqual(10, self.api('GET', QS + '/p1').body[
            'quota_set']['instances'])
        resp = self.api('PUT', QS + '/p1?user_id=u1',
                        {'quota_set': {'instances': 11}})
        self.assertEqual(400, resp.status)
        resp = self.api('PUT', '/v2.1/os-quota-class-sets/default',
                        {'quota_class_set': {'cores': 40}})
        self.assertEqual(200, resp.status, resp.text)
        shown = self.api('GET', '/v2.1/os-quota-class-sets/default'
                         ).body['quota_class_set']
        self.assertEqual(('default', 40), (shown['id'], shown['cores']))
        self.assertNotIn('server_groups', shown)
        self.assertIn('server_groups', self.api(
            'GET', '/v2.1/os-quota-class-sets/default', version='2.50'
        ).body['quota_class_set'])
        # The default class feeds every project's limits.
        self.assertEqual(40, self.api('GET', QS + '/p9').body[
            'quota_set']['cores'])
        self.assertEqual(403, self.api(
            'GET', '/v2.1/os-quota-class-sets/default', user='demo',
            project='p1').status)
