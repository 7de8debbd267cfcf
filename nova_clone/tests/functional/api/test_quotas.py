"""/os-quota-sets and /os-quota-class-sets over HTTP, and the quotas
enforced when booting servers.
"""

from nova_clone import context as nova_context
from nova_clone import quota
from nova_clone.tests.functional.api import base
from nova_clone.tests.functional.api import servers_base

QS = '/v2.1/os-quota-sets'
QCS = '/v2.1/os-quota-class-sets'

_DEFAULTS_21 = {
    'cores': 20, 'fixed_ips': -1, 'floating_ips': -1,
    'injected_file_content_bytes': 10240, 'injected_file_path_bytes': 255,
    'injected_files': 5, 'instances': 10, 'key_pairs': 100,
    'metadata_items': 128, 'ram': 51200, 'security_group_rules': -1,
    'security_groups': -1, 'server_group_members': 10, 'server_groups': 10,
}
_NETWORK = ('fixed_ips', 'floating_ips', 'security_group_rules',
            'security_groups')
_INJECTED = ('injected_file_content_bytes', 'injected_file_path_bytes',
             'injected_files')


def _without(values, *names):
    return {k: v for k, v in values.items() if k not in names}


class QuotaSetsTest(base.ApiTestCase):

    def quota_set(self, path, **kwargs):
        resp = self.api('GET', path, **kwargs)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['quota_set']

    def put(self, path, values, **kwargs):
        return self.api('PUT', path, {'quota_set': values}, **kwargs)

    def test_show_by_microversion(self):
        self.assertEqual(dict(_DEFAULTS_21, id='p1'),
                         self.quota_set(QS + '/p1', version='2.35'))
        v236 = _without(_DEFAULTS_21, *_NETWORK)
        self.assertEqual(dict(v236, id='p1'),
                         self.quota_set(QS + '/p1', version='2.36'))
        self.assertEqual(dict(v236, id='p1'),
                         self.quota_set(QS + '/p1', version='2.56'))
        v257 = _without(v236, *_INJECTED)
        self.assertEqual(dict(v257, id='p1'),
                         self.quota_set(QS + '/p1', version='2.57'))
        self.assertEqual(dict(v257, id='p1'),
                         self.quota_set(QS + '/p1/defaults',
                                        version='latest'))

    def test_update_show_delete(self):
        resp = self.put(QS + '/p1', {'instances': 5, 'cores': '8',
                                     'fixed_ips': 3})
        self.assertEqual(200, resp.status, resp.text)
        expected = dict(_DEFAULTS_21, instances=5, cores=8, fixed_ips=3)
        self.assertEqual(expected, resp.body['quota_set'])
        self.assertEqual(dict(expected, id='p1'),
                         self.quota_set(QS + '/p1'))
        # Other projects and the defaults are untouched.
        self.assertEqual(10, self.quota_set(QS + '/p2')['instances'])
        self.assertEqual(10, self.quota_set(QS + '/p1/defaults')[
            'instances'])
        resp = self.put(QS + '/p1', {'ram': -1}, version='2.57')
        self.assertEqual(dict(_without(expected, *_NETWORK + _INJECTED),
                              ram=-1), resp.body['quota_set'])
        resp = self.api('DELETE', QS + '/p1')
        self.assertEqual(202, resp.status, resp.text)
        self.assertEqual('', resp.text)
        self.assertEqual(dict(_DEFAULTS_21, id='p1'),
                         self.quota_set(QS + '/p1'))

    def test_detail(self):
        self.put(QS + '/p1', {'instances': 4})
        resp = self.api('POST', '/v2.1/os-server-groups',
                        {'server_group': {'name': 'g',
                                          'policies': ['affinity']}},
                        user='demo', project='p1')
        self.assertEqual(200, resp.status, resp.text)
        detail = self.quota_set(QS + '/p1/detail', version='2.57')
        self.assertEqual('p1', detail.pop('id'))
        self.assertEqual(
            {name: {'limit': limit, 'in_use': 0, 'reserved': 0}
             for name, limit in _without(
                 dict(_DEFAULTS_21, instances=4, server_groups=10),
                 *_NETWORK + _INJECTED, 'server_groups').items()},
            _without(detail, 'server_groups'))
        self.assertEqual({'limit': 10, 'in_use': 1, 'reserved': 0},
                         detail['server_groups'])
        old = self.quota_set(QS + '/p1/detail', version='2.1')
        self.assertEqual({'limit': -1, 'in_use': 0, 'reserved': 0},
                         old['floating_ips'])
        # The group is in use: a lower limit needs force.
        self.assertFault(self.put(QS + '/p1', {'server_groups': 0}), 400,
                         'badRequest',
                         'Quota limit 0 for server_groups must be greater '
                         'than or equal to already used and reserved 1.')
        resp = self.put(QS + '/p1', {'server_groups': 0, 'force': 'true'})
        self.assertEqual(0, resp.body['quota_set']['server_groups'])

    def test_bad_input_changes_nothing(self):
        self.put(QS + '/p1', {'instances': 5})
        before = self.quota_set(QS + '/p1')
        cases = [
            ('2.1', {'instances': -2}),
            ('2.1', {'instances': 'x'}),
            ('2.1', {'instances': 1.5}),
            ('2.1', {'instances': 0x80000000}),
            ('2.1', {'cores': 1, 'bogus': 1}),
            ('2.1', {'cores': 1, 'force': 'maybe'}),
            ('2.36', {'cores': 1, 'fixed_ips': 1}),
            ('2.57', {'cores': 1, 'injected_files': 1}),
        ]
        for version, values in cases:
            resp = self.put(QS + '/p1', values, version=version)
            self.assertFault(resp, 400, 'badRequest')
        self.assertFault(self.api('PUT', QS + '/p1', {'instances': 1}),
                         400, 'badRequest')
        self.assertFault(self.put(QS + '/p1', {'cores': 1, 'networks': 1}),
                         400, 'badRequest',
                         'The networks quota has been removed')
        self.assertEqual(before, self.quota_set(QS + '/p1'))

    def test_user_quotas(self):
        self.put(QS + '/p1', {'instances': 10})
        resp = self.put(QS + '/p1?user_id=u1', {'instances': 6})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual(6, self.quota_set(QS + '/p1?user_id=u1')[
            'instances'])
        self.assertEqual(10, self.quota_set(QS + '/p1')['instances'])
        self.assertEqual(10, self.quota_set(QS + '/p1?user_id=u2')[
            'instances'])
        # u1 holds 6 of the project's 10: u2 may have at most 4.
        self.assertFault(self.put(QS + '/p1?user_id=u2', {'instances': 5}),
                         400, 'badRequest',
                         'Quota limit 5 for instances must be less than or '
                         'equal to 4.')
        self.assertFault(self.put(QS + '/p1?user_id=u2',
                                  {'instances': -1}), 400, 'badRequest')
        self.assertEqual(200, self.put(QS + '/p1?user_id=u2',
                                       {'instances': 4}).status)
        # u1 may move within what the others leave it.
        self.assertEqual(200, self.put(QS + '/p1?user_id=u1',
                                       {'instances': 5}).status)
        self.assertEqual(200, self.put(QS + '/p1?user_id=u2',
                                       {'instances': 11, 'force': True}
                                       ).status)
        self.assertEqual(11, self.quota_set(QS + '/p1?user_id=u2')[
            'instances'])
        self.assertEqual(202, self.api('DELETE',
                                       QS + '/p1?user_id=u2').status)
        self.assertEqual(10, self.quota_set(QS + '/p1?user_id=u2')[
            'instances'])
        self.assertEqual(5, self.quota_set(QS + '/p1?user_id=u1')[
            'instances'])

    def test_policies(self):
        member = {'user': 'demo', 'project': 'p1'}
        self.assertEqual(200, self.api('GET', QS + '/p1', **member).status)
        self.assertEqual(200, self.api('GET', QS + '/p1/detail',
                                       **member).status)
        self.assertEqual(200, self.api('GET', QS + '/p2/defaults',
                                       **member).status)
        for method, path in (('GET', QS + '/p2'),
                             ('GET', QS + '/p2/detail'),
                             ('DELETE', QS + '/p1')):
            self.assertFault(self.api(method, path, **member), 403,
                             'forbidden')
        self.assertFault(self.put(QS + '/p1', {'instances': 50}, **member),
                         403, 'forbidden',
                         "Policy doesn't allow os_compute_api:os-quota-sets"
                         ":update to be performed.")
        self.assertEqual(10, self.quota_set(QS + '/p1')['instances'])

    def test_unknown_query_parameters(self):
        self.assertEqual(200, self.api('GET', QS + '/p1?foo=1').status)
        for path in (QS + '/p1?foo=1', QS + '/p1/detail?foo=1'):
            self.assertFault(self.api('GET', path, version='2.75'), 400,
                             'badRequest')
        self.assertEqual(200, self.api('GET', QS + '/p1?user_id=u',
                                       version='2.75').status)


class QuotaClassSetsTest(base.ApiTestCase):

    def quota_class_set(self, name='default', **kwargs):
        resp = self.api('GET', QCS + '/' + name, **kwargs)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['quota_class_set']

    def put(self, values, name='default', **kwargs):
        return self.api('PUT', QCS + '/' + name,
                        {'quota_class_set': values}, **kwargs)

    def test_show_by_microversion(self):
        v21 = _without(_DEFAULTS_21, 'server_groups',
                       'server_group_members')
        self.assertEqual(dict(v21, id='gold'),
                         self.quota_class_set('gold', version='2.49'))
        v250 = _without(_DEFAULTS_21, *_NETWORK)
        self.assertEqual(dict(v250, id='gold'),
                         self.quota_class_set('gold', version='2.50'))
        self.assertEqual(dict(_without(v250, *_INJECTED), id='gold'),
                         self.quota_class_set('gold', version='2.57'))

    def test_update(self):
        resp = self.put({'cores': 40, 'networks': 5, 'server_groups': 3},
                        version='2.1')
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual(
            _without(dict(_DEFAULTS_21, cores=40), 'server_groups',
                     'server_group_members'), resp.body['quota_class_set'])
        self.assertEqual(3, self.quota_class_set(version='2.50')[
            'server_groups'])
        # The default class feeds every project's limits.
        self.assertEqual(40, self.api('GET', QS + '/p9').body[
            'quota_set']['cores'])
        self.assertEqual(40, self.api('GET', QS + '/p9/defaults').body[
            'quota_set']['cores'])
        # Another class is stored but not used for projects.
        resp = self.put({'instances': 2}, name='gold', version='2.57')
        self.assertEqual(2, resp.body['quota_class_set']['instances'])
        self.assertEqual(40, resp.body['quota_class_set']['cores'])
        self.assertEqual(10, self.api('GET', QS + '/p9').body[
            'quota_set']['instances'])

    def test_bad_input_and_policy(self):
        before = self.quota_class_set(version='2.57')
        for version, values in (('2.50', {'fixed_ips': 1}),
                                ('2.57', {'injected_files': 1}),
                                ('2.1', {'cores': -2}),
                                ('2.1', {'bogus': 1}),
                                ('2.1', {'force': True})):
            self.assertFault(self.put(values, version=version), 400,
                             'badRequest')
        member = {'user': 'demo', 'project': 'p1'}
        self.assertFault(self.put({'cores': 1}, **member), 403, 'forbidden')
        self.assertFault(self.api('GET', QCS + '/default', **member), 403,
                         'forbidden',
                         "Policy doesn't allow os_compute_api:os-quota-"
                         "class-sets:show to be performed.")
        self.assertEqual(before, self.quota_class_set(version='2.57'))


class QuotaUsageTest(servers_base.ServersApiTestBase):
    """Usage counted from the cells and quotas enforced at boot."""

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1', vcpus=2,
                                   memory_mb=256)
        self.demo = {'user': 'demo', 'project': 'p1'}

    def test_usage_and_enforcement(self):
        server_id = self.boot(**self.demo).body['server']['id']
        self.wait_for_server(server_id, 'ACTIVE', **self.demo)
        absolute = self.api('GET', '/v2.1/limits', **self.demo
                            ).body['limits']['absolute']
        self.assertEqual((1, 2, 256), (absolute['totalInstancesUsed'],
                                       absolute['totalCoresUsed'],
                                       absolute['totalRAMUsed']))
        detail = self.api('GET', QS + '/p1/detail?user_id=demo'
                          ).body['quota_set']
        self.assertEqual({'limit': 20, 'in_use': 2, 'reserved': 0},
                         detail['cores'])
        self.assertEqual(0, self.api('GET', QS + '/p1/detail?user_id=x'
                                     ).body['quota_set']['cores']['in_use'])
        # A limit below usage needs force.
        self.assertFault(
            self.api('PUT', QS + '/p1', {'quota_set': {'cores': 1}}), 400,
            'badRequest', 'Quota limit 1 for cores must be greater than or '
            'equal to already used and reserved 2.')
        self.assertEqual(200, self.api('PUT', QS + '/p1', {'quota_set': {
            'instances': 2, 'cores': 3}}).status)
        resp = self.boot(expect=403, **self.demo)
        self.assertFault(resp, 403, 'forbidden',
                         'Quota exceeded for cores: Requested 2, but '
                         'already used 2 of 3 cores')
        self.assertEqual(200, self.api('PUT', QS + '/p1', {'quota_set': {
            'cores': 20}}).status)
        resp = self.boot(expect=403, min_count=2, max_count=3, **self.demo)
        self.assertFault(resp, 403, 'forbidden',
                         'Quota exceeded for instances: Requested 2-3, but '
                         'already used 1 of 2 instances')
        # Another project is not affected.
        self.boot(user='demo', project='p2')

    def test_multi_create_shrinks_to_what_fits(self):
        self.assertEqual(200, self.api('PUT', QS + '/p1', {'quota_set': {
            'instances': 3}}).status)
        self.boot(min_count=1, max_count=5, **self.demo)
        servers = self.api('GET', '/v2.1/servers', **self.demo
                           ).body['servers']
        self.assertEqual(3, len(servers))
        # Queued or placed, each server counts once.
        ctx = nova_context.get_admin_context()
        counts = quota.count_instances(ctx, 'p1', 'demo')
        self.assertEqual({'instances': 3, 'cores': 6, 'ram': 768},
                         counts['project'])
        self.assertEqual(counts['project'], counts['user'])
        self.assertEqual({'instances': 0, 'cores': 0, 'ram': 0},
                         quota.count_instances(ctx, 'p1', 'x')['user'])
        self.boot(expect=403, **self.demo)

    def test_user_quota_enforced(self):
        self.assertEqual(200, self.api(
            'PUT', QS + '/p1?user_id=demo',
            {'quota_set': {'instances': 1}}).status)
        self.boot(**self.demo)
        resp = self.boot(expect=403, **self.demo)
        self.assertIn('Quota exceeded for instances', resp.text)
        self.boot(user='other', project='p1')

    def test_metadata_items(self):
        self.assertEqual(200, self.api('PUT', QS + '/p1', {'quota_set': {
            'metadata_items': 1}}).status)
        resp = self.boot(expect=403, metadata={'a': '1', 'b': '2'},
                         **self.demo)
        self.assertFault(resp, 403, 'forbidden',
                         'Maximum number of metadata items exceeds 1')
