"""Key pairs over HTTP across 2.1, 2.2, 2.10, 2.35, 2.75 and 2.92."""

from nova_clone.api.openstack.compute import keypair_crypto
from nova_clone.tests.functional.api import base

PUBLIC_KEY = (
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDbRNqbQX6rB8uD0SmWhmDeMvY0rkC2pT'
    'rIh3XhB9G7B test@example')


class KeypairsTest(base.ApiTestCase):

    def _create(self, name, version=None, user='alice', **extra):
        body = {'keypair': dict(name=name, **extra)}
        return self.api('POST', '/v2.1/os-keypairs', body, version=version,
                        user=user)

    def test_import_v21(self):
        resp = self._create('k1', public_key=PUBLIC_KEY)
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual({
            'name': 'k1', 'public_key': PUBLIC_KEY, 'user_id': 'alice',
            'fingerprint': keypair_crypto.generate_fingerprint(PUBLIC_KEY),
        }, resp.body['keypair'])
        self.assertEqual(202, self.api('DELETE', '/v2.1/os-keypairs/k1',
                                       user='alice').status)

    def test_generate_v22(self):
        resp = self._create('k1', version='2.2')
        self.assertEqual(201, resp.status, resp.text)
        keypair = resp.body['keypair']
        self.assertEqual('ssh', keypair['type'])
        self.assertTrue(keypair['private_key'].startswith(
            '-----BEGIN RSA PRIVATE KEY-----'))
        self.assertTrue(keypair['public_key'].startswith('ssh-rsa '))
        self.assertEqual(204, self.api('DELETE', '/v2.1/os-keypairs/k1',
                                       version='2.2', user='alice').status)

    def test_x509_import(self):
        _key, cert, fingerprint = keypair_crypto.generate_winrm_x509_cert(
            'alice')
        resp = self._create('cert', version='2.2', type='x509',
                            public_key=cert)
        self.assertEqual(201, resp.status, resp.text)
        self.assertEqual(fingerprint, resp.body['keypair']['fingerprint'])
        self.assertEqual('x509', resp.body['keypair']['type'])
        self.assertFault(self._create('bad', version='2.2', type='x509',
                                      public_key='nope'), 400, 'badRequest',
                         'failed to generate X509 fingerprint')

    def test_show_and_list(self):
        self._create('k1', version='2.2', public_key=PUBLIC_KEY)
        shown = self.api('GET', '/v2.1/os-keypairs/k1', version='2.2',
                         user='alice').body['keypair']
        self.assertEqual(
            {'name', 'public_key', 'fingerprint', 'type', 'created_at',
             'updated_at', 'deleted', 'deleted_at', 'id', 'user_id'},
            set(shown))
        self.assertFalse(shown['deleted'])
        listed = self.api('GET', '/v2.1/os-keypairs', user='alice').body
        self.assertEqual(
            [{'keypair': {'name': 'k1', 'public_key': PUBLIC_KEY,
                          'fingerprint': shown['fingerprint']}}],
            listed['keypairs'])

    def test_errors(self):
        self._create('k1', public_key=PUBLIC_KEY)
        self.assertFault(self._create('k1', public_key=PUBLIC_KEY), 409,
                         'conflictingRequest',
                         "Key pair 'k1' already exists.")
        self.assertFault(self._create('k2', public_key='ssh-rsa garbage'),
                         400, 'badRequest',
                         'Keypair data is invalid: failed to generate '
                         'fingerprint')
        self.assertFault(self._create('a.b', public_key=PUBLIC_KEY), 400,
                         'badRequest', 'unsafe characters')
        self.assertFault(self._create('k3', version='2.2', type='rsa'),
                         400, 'badRequest')
        self.assertFault(self.api('GET', '/v2.1/os-keypairs/nope',
                                  user='alice'), 404, 'itemNotFound',
                         'Keypair nope not found for user alice')

    def test_quota(self):
        self.flags(key_pairs=1, group='quota')
        self._create('k1', public_key=PUBLIC_KEY)
        self.assertFault(self._create('k2', public_key=PUBLIC_KEY), 403,
                         'forbidden', 'Quota exceeded, too many key pairs.')

    def test_users_are_isolated(self):
        self._create('k1', public_key=PUBLIC_KEY)
        self.assertFault(self.api('GET', '/v2.1/os-keypairs/k1',
                                  user='mallory'), 404, 'itemNotFound')
        self.assertEqual([], self.api('GET', '/v2.1/os-keypairs',
                                      user='mallory').body['keypairs'])
        # 2.10: naming another user needs admin
        for method, path in (('GET', '/v2.1/os-keypairs/k1?user_id=alice'),
                             ('GET', '/v2.1/os-keypairs?user_id=alice'),
                             ('DELETE',
                              '/v2.1/os-keypairs/k1?user_id=alice')):
            self.assertFault(self.api(method, path, user='mallory',
                                      version='2.10'), 403, 'forbidden')
        resp = self.api('GET', '/v2.1/os-keypairs/k1?user_id=alice',
                        version='2.10')
        self.assertEqual('alice', resp.body['keypair']['user_id'])
        # before 2.10 user_id is ignored: the admin's own keys are read
        self.assertFault(self.api('GET',
                                  '/v2.1/os-keypairs/k1?user_id=alice',
                                  version='2.9'), 404, 'itemNotFound')

    def test_admin_creates_for_user_v210(self):
        resp = self._create('k1', version='2.10', user='admin',
                            user_id='alice', public_key=PUBLIC_KEY)
        self.assertEqual('alice', resp.body['keypair']['user_id'])
        self.assertFault(self._create('k2', version='2.10', user='mallory',
                                      user_id='alice',
                                      public_key=PUBLIC_KEY),
                         403, 'forbidden')
        self.assertFault(self._create('k3', version='2.9', user='admin',
                                      user_id='alice',
                                      public_key=PUBLIC_KEY),
                         400, 'badRequest')

    def test_paging_v235(self):
        for name in ('a', 'b', 'c'):
            self._create(name, public_key=PUBLIC_KEY)
        resp = self.api('GET', '/v2.1/os-keypairs?limit=2', version='2.35',
                        user='alice')
        self.assertEqual(['a', 'b'], [k['keypair']['name']
                                      for k in resp.body['keypairs']])
        self.assertEqual(
            [{'rel': 'next', 'href': 'http://localhost/v2.1/os-keypairs?'
                                     'limit=2&marker=b'}],
            resp.body['keypairs_links'])
        resp = self.api('GET', '/v2.1/os-keypairs?marker=b',
                        version='2.35', user='alice')
        self.assertEqual(['c'], [k['keypair']['name']
                                 for k in resp.body['keypairs']])
        self.assertFault(self.api('GET', '/v2.1/os-keypairs?marker=zz',
                                  version='2.35', user='alice'), 400,
                         'badRequest')
        # limit before 2.35 is ignored, after 2.75 unknowns are refused
        resp = self.api('GET', '/v2.1/os-keypairs?limit=1', version='2.34',
                        user='alice')
        self.assertEqual(3, len(resp.body['keypairs']))
        self.assertFault(self.api('GET', '/v2.1/os-keypairs?foo=1',
                                  version='2.75', user='alice'), 400,
                         'badRequest')

    def test_import_only_from_292(self):
        self.assertFault(self._create('k1', version='2.92'), 400,
                         'badRequest', "'public_key' is a required property")
        resp = self._create('me@host.k1', version='2.92',
                            public_key=PUBLIC_KEY)
        self.assertEqual(201, resp.status, resp.text)
        self.assertNotIn('private_key', resp.body['keypair'])
