"""GET /limits over HTTP: keys per microversion, tenant_id, usage."""

from nova_clone.tests.functional.api import base

LIMITS = '/v2.1/limits'

_V21 = {
    'maxImageMeta': 128, 'maxPersonality': 5, 'maxPersonalitySize': 10240,
    'maxSecurityGroupRules': -1, 'maxSecurityGroups': -1,
    'maxServerGroupMembers': 10, 'maxServerGroups': 10,
    'maxServerMeta': 128, 'maxTotalCores': 20, 'maxTotalFloatingIps': -1,
    'maxTotalInstances': 10, 'maxTotalKeypairs': 100,
    'maxTotalRAMSize': 51200, 'totalCoresUsed': 0,
    'totalFloatingIpsUsed': 0, 'totalInstancesUsed': 0, 'totalRAMUsed': 0,
    'totalSecurityGroupsUsed': 0, 'totalServerGroupsUsed': 0,
}


class LimitsTest(base.ApiTestCase):

    def absolute(self, path=LIMITS, **kwargs):
        resp = self.api('GET', path, **kwargs)
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual([], resp.body['limits']['rate'])
        return resp.body['limits']['absolute']

    def test_defaults_at_21(self):
        self.assertEqual(_V21, self.absolute(user='demo', project='p1'))

    def test_keys_by_microversion(self):
        v236 = dict(_V21)
        for key in ('maxSecurityGroupRules', 'maxSecurityGroups',
                    'maxTotalFloatingIps', 'totalFloatingIpsUsed',
                    'totalSecurityGroupsUsed'):
            del v236[key]
        self.assertEqual(v236, self.absolute(version='2.36'))
        self.assertEqual(_V21, self.absolute(version='2.35'))
        v239 = dict(v236)
        del v239['maxImageMeta']
        self.assertEqual(v236, self.absolute(version='2.38'))
        self.assertEqual(v239, self.absolute(version='2.39'))
        v257 = dict(v239)
        del v257['maxPersonality'], v257['maxPersonalitySize']
        self.assertEqual(v239, self.absolute(version='2.56'))
        self.assertEqual(v257, self.absolute(version='2.57'))
        self.assertEqual(v257, self.absolute(version='latest'))

    def test_limits_follow_quotas(self):
        self.assertEqual(200, self.api(
            'PUT', '/v2.1/os-quota-class-sets/default',
            {'quota_class_set': {'cores': 40, 'ram': 4096}}).status)
        self.assertEqual(200, self.api(
            'PUT', '/v2.1/os-quota-sets/p1',
            {'quota_set': {'instances': 3, 'cores': 6}}).status)
        mine = self.absolute(user='demo', project='p1')
        self.assertEqual((3, 6, 4096), (mine['maxTotalInstances'],
                                        mine['maxTotalCores'],
                                        mine['maxTotalRAMSize']))
        other = self.absolute(user='demo', project='p2')
        self.assertEqual((10, 40), (other['maxTotalInstances'],
                                    other['maxTotalCores']))

    def test_tenant_id_is_for_admins(self):
        self.assertEqual(200, self.api(
            'PUT', '/v2.1/os-quota-sets/p1',
            {'quota_set': {'instances': 3}}).status)
        self.assertEqual(3, self.absolute(
            LIMITS + '?tenant_id=p1')['maxTotalInstances'])
        self.assertEqual(10, self.absolute()['maxTotalInstances'])
        for tenant in ('p1', 'p2'):
            self.assertFault(
                self.api('GET', LIMITS + '?tenant_id=' + tenant,
                         user='demo', project='p1'), 403, 'forbidden',
                "Policy doesn't allow os_compute_api:limits:other_project "
                "to be performed.")

    def test_server_groups_used(self):
        for name in ('g1', 'g2'):
            resp = self.api('POST', '/v2.1/os-server-groups',
                            {'server_group': {'name': name,
                                              'policies': ['affinity']}},
                            user='demo', project='p1')
            self.assertEqual(200, resp.status, resp.text)
        self.assertEqual(2, self.absolute(
            user='demo', project='p1')['totalServerGroupsUsed'])
        self.assertEqual(0, self.absolute(
            user='demo', project='p2')['totalServerGroupsUsed'])

    def test_unknown_query_parameters(self):
        self.assertEqual(_V21, self.absolute(LIMITS + '?foo=bar'))
        self.assertEqual(400, self.api('GET', LIMITS + '?foo=bar',
                                       version='2.75').status)
        self.assertEqual(200, self.api('GET', LIMITS + '?tenant_id=p1',
                                       version='2.75').status)
