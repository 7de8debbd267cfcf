"""Flavors over HTTP: CRUD, paging, filters, microversions, access, specs."""

from nova_clone.tests.functional.api import base


class FlavorsTest(base.ApiTestCase):

    def test_create_show_delete(self):
        created = self.create_flavor('f1', name='small', ram=1024, vcpus=2,
                                     disk=10, swap=0)
        self.assertEqual({
            'id': 'f1', 'name': 'small', 'ram': 1024, 'vcpus': 2,
            'disk': 10, 'swap': '', 'OS-FLV-EXT-DATA:ephemeral': 0,
            'OS-FLV-DISABLED:disabled': False,
            'os-flavor-access:is_public': True, 'rxtx_factor': 1.0,
            'links': [
                {'rel': 'self', 'href': 'http://localhost/v2.1/flavors/f1'},
                {'rel': 'bookmark', 'href': 'http://localhost/flavors/f1'},
            ]}, created)
        self.assertEqual(created,
                         self.api('GET', '/v2.1/flavors/f1').body['flavor'])
        self.assertEqual(202, self.api('DELETE', '/v2.1/flavors/f1').status)
        self.assertFault(self.api('GET', '/v2.1/flavors/f1'), 404,
                         'itemNotFound', 'Flavor f1 could not be found.')
        self.assertFault(self.api('DELETE', '/v2.1/flavors/f1'), 404,
                         'itemNotFound')

    def test_create_without_id_gets_uuid(self):
        flavor = self.create_flavor(None)
        self.assertEqual(36, len(flavor['id']))

    def test_integer_id_is_stored_as_a_string(self):
        flavor = self.create_flavor(731197329)
        self.assertEqual('731197329', flavor['id'])
        self.assertEqual(200, self.api('GET', '/v2.1/flavors/731197329'
                                       ).status)

    def test_duplicates_conflict(self):
        self.create_flavor('f1', name='one')
        body = {'flavor': {'name': 'one', 'id': 'f2', 'ram': 1,
                           'vcpus': 1, 'disk': 0}}
        self.assertFault(self.api('POST', '/v2.1/flavors', body), 409,
                         'conflictingRequest',
                         'Flavor with name one already exists.')
        body['flavor'].update(name='two', id='f1')
        self.assertFault(self.api('POST', '/v2.1/flavors', body), 409,
                         'conflictingRequest',
                         'Flavor with ID f1 already exists.')

    def test_create_validation(self):
        cases = [
            ({'name': 'x', 'ram': 0, 'vcpus': 1, 'disk': 0},
             'Invalid input for field/attribute ram. Value: 0.'),
            ({'name': ' x', 'ram': 1, 'vcpus': 1, 'disk': 0},
             "An invalid 'name' value was provided."),
            ({'ram': 1, 'vcpus': 1, 'disk': 0},
             "'name' is a required property"),
            ({'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 0, 'foo': 1},
             'Additional properties are not allowed'),
            ({'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 0,
              'rxtx_factor': 0},
             'Invalid input for field/attribute rxtx_factor.'),
        ]
        for flavor, message in cases:
            resp = self.api('POST', '/v2.1/flavors', {'flavor': flavor})
            self.assertFault(resp, 400, 'badRequest', message)

    def test_numeric_strings_accepted(self):
        flavor = self.create_flavor('f1', ram='256', vcpus='2', disk='0')
        self.assertEqual(256, flavor['ram'])

    def test_non_admin_cannot_manage(self):
        self.create_flavor('f1')
        body = {'flavor': {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 0}}
        resp = self.api('POST', '/v2.1/flavors', body, user='bob')
        self.assertFault(
            resp, 403, 'forbidden',
            "Policy doesn't allow os_compute_api:os-flavor-manage:create "
            "to be performed.")
        self.assertFault(self.api('DELETE', '/v2.1/flavors/f1',
                                  user='bob'), 403, 'forbidden')
        self.assertEqual(200, self.api('GET', '/v2.1/flavors/f1',
                                       user='bob').status)

    def test_swap_is_integer_from_275(self):
        self.create_flavor('f1')
        old = self.api('GET', '/v2.1/flavors/f1', version='2.74')
        new = self.api('GET', '/v2.1/flavors/f1', version='2.75')
        self.assertEqual('', old.body['flavor']['swap'])
        self.assertEqual(0, new.body['flavor']['swap'])

    def test_description_from_255(self):
        body = {'flavor': {'name': 'x', 'id': 'f1', 'ram': 1, 'vcpus': 1,
                           'disk': 0, 'description': 'tiny'}}
        self.assertFault(self.api('POST', '/v2.1/flavors', body,
                                  version='2.54'), 400, 'badRequest')
        resp = self.api('POST', '/v2.1/flavors', body, version='2.55')
        self.assertEqual('tiny', resp.body['flavor']['description'])
        listed = self.api('GET', '/v2.1/flavors', version='2.55')
        self.assertEqual('tiny', listed.body['flavors'][0]['description'])
        self.assertNotIn('description', self.api(
            'GET', '/v2.1/flavors').body['flavors'][0])
        resp = self.api('PUT', '/v2.1/flavors/f1',
                        {'flavor': {'description': 'small'}},
                        version='2.55')
        self.assertEqual(200, resp.status)
        self.assertEqual('small', resp.body['flavor']['description'])
        self.assertFault(self.api('PUT', '/v2.1/flavors/nope',
                                  {'flavor': {'description': None}},
                                  version='2.55'), 404, 'itemNotFound')

    def test_extra_specs_in_body_from_261(self):
        self.create_flavor('f1')
        self.api('POST', '/v2.1/flavors/f1/os-extra_specs',
                 {'extra_specs': {'hw:cpu_policy': 'dedicated'}})
        self.assertNotIn('extra_specs', self.api(
            'GET', '/v2.1/flavors/f1', version='2.60').body['flavor'])
        for user in ('admin', 'bob'):
            resp = self.api('GET', '/v2.1/flavors/detail', version='2.61',
                            user=user)
            self.assertEqual({'hw:cpu_policy': 'dedicated'},
                             resp.body['flavors'][0]['extra_specs'])
        index = self.api('GET', '/v2.1/flavors', version='2.61')
        self.assertNotIn('extra_specs', index.body['flavors'][0])


class FlavorListTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_flavor('1', ram=512, disk=1)
        self.create_flavor('2', ram=2048, disk=20)
        self.create_flavor('3', ram=4096, disk=40)
        self.create_flavor('4', ram=8192, disk=80,
                           **{'os-flavor-access:is_public': False})

    def _ids(self, path, **kw):
        resp = self.api('GET', path, **kw)
        self.assertEqual(200, resp.status, resp.text)
        return [f['id'] for f in resp.body['flavors']]

    def test_paging_with_links(self):
        resp = self.api('GET', '/v2.1/flavors?limit=2')
        self.assertEqual(['1', '2'], [f['id'] for f in resp.body['flavors']])
        self.assertEqual(
            [{'rel': 'next',
              'href': 'http://localhost/v2.1/flavors?limit=2&marker=2'}],
            resp.body['flavors_links'])
        self.assertEqual(['3'], self._ids('/v2.1/flavors?limit=2&marker=2'))
        resp = self.api('GET', '/v2.1/flavors/detail?limit=1&marker=1')
        self.assertEqual('http://localhost/v2.1/flavors/detail?limit=1&'
                         'marker=2',
                         resp.body['flavors_links'][0]['href'])

    def test_bad_marker_and_limit(self):
        self.assertFault(self.api('GET', '/v2.1/flavors?marker=nope'), 400,
                         'badRequest', 'marker [nope] not found')
        self.assertFault(self.api('GET', '/v2.1/flavors?limit=-1'), 400,
                         'badRequest',
                         'Invalid input for query parameters limit.')

    def test_filters(self):
        self.assertEqual(['3'], self._ids('/v2.1/flavors?minRam=3000'))
        self.assertEqual(['2', '3'], self._ids('/v2.1/flavors?minDisk=10'))
        self.assertFault(self.api('GET', '/v2.1/flavors?minRam=x'), 400,
                         'badRequest', 'Invalid minRam filter [x]')

    def test_sorting(self):
        self.assertEqual(['3', '2', '1'], self._ids(
            '/v2.1/flavors?sort_key=memory_mb&sort_dir=desc'))
        self.assertFault(self.api('GET', '/v2.1/flavors?sort_key=foo'),
                         400, 'badRequest')

    def test_is_public_for_admin_only(self):
        self.assertEqual(['1', '2', '3'], self._ids('/v2.1/flavors'))
        self.assertEqual(['4'],
                         self._ids('/v2.1/flavors?is_public=false'))
        self.assertEqual(['1', '2', '3', '4'],
                         self._ids('/v2.1/flavors?is_public=none'))
        self.assertEqual(['1', '2', '3'], self._ids(
            '/v2.1/flavors?is_public=none', user='bob'))
        self.assertFault(self.api('GET', '/v2.1/flavors?is_public=maybe'),
                         400, 'badRequest', 'Invalid is_public filter')

    def test_unknown_query_param_ignored_until_275(self):
        self.assertEqual(['1', '2', '3'], self._ids('/v2.1/flavors?foo=1'))
        self.assertFault(
            self.api('GET', '/v2.1/flavors?foo=1', version='2.75'), 400,
            'badRequest', 'Additional properties are not allowed')


class FlavorAccessTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_flavor('pub')
        self.create_flavor('priv', **{'os-flavor-access:is_public': False})

    def _action(self, flavor, action, tenant, **kw):
        return self.api('POST', '/v2.1/flavors/%s/action' % flavor,
                        {action: {'tenant': tenant}}, **kw)

    def test_add_list_remove(self):
        resp = self._action('priv', 'addTenantAccess', 'proj1')
        self.assertEqual(200, resp.status, resp.text)
        expected = {'flavor_access': [{'flavor_id': 'priv',
                                       'tenant_id': 'proj1'}]}
        self.assertEqual(expected, resp.body)
        self.assertEqual(expected, self.api(
            'GET', '/v2.1/flavors/priv/os-flavor-access').body)
        self.assertFault(self._action('priv', 'addTenantAccess', 'proj1'),
                         409, 'conflictingRequest')
        # the project now sees the private flavor
        ids = [f['id'] for f in self.api(
            'GET', '/v2.1/flavors', user='u1',
            project='proj1').body['flavors']]
        self.assertEqual(['priv', 'pub'], sorted(ids))
        resp = self._action('priv', 'removeTenantAccess', 'proj1')
        self.assertEqual({'flavor_access': []}, resp.body)
        self.assertFault(self._action('priv', 'removeTenantAccess',
                                      'proj1'), 404, 'itemNotFound')

    def test_public_flavor(self):
        self.assertFault(
            self.api('GET', '/v2.1/flavors/pub/os-flavor-access'), 404,
            'itemNotFound', 'Access list not available for public flavors.')
        self.assertEqual(200, self._action('pub', 'addTenantAccess', 'p',
                                           version='2.6').status)
        self.assertFault(self._action('pub', 'addTenantAccess', 'q',
                                      version='2.7'),
                         409, 'conflictingRequest',
                         'Can not add access to a public flavor.')

    def test_policy_and_unknown_action(self):
        self.assertFault(self._action('priv', 'addTenantAccess', 'p',
                                      user='bob'), 403, 'forbidden')
        self.assertFault(self.api('GET',
                                  '/v2.1/flavors/priv/os-flavor-access',
                                  user='bob'), 403, 'forbidden')
        self.assertFault(self.api('POST', '/v2.1/flavors/priv/action',
                                  {'frobnicate': {}}), 404, 'itemNotFound',
                         'There is no such action: frobnicate')


class FlavorExtraSpecsTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_flavor('f1')
        self.url = '/v2.1/flavors/f1/os-extra_specs'

    def test_crud(self):
        specs = {'hw:numa_nodes': '2', 'trait:HW_CPU_X86_AVX': 'required',
                 'custom.key': 'v'}
        resp = self.api('POST', self.url, {'extra_specs': specs})
        self.assertEqual({'extra_specs': specs}, resp.body)
        self.assertEqual({'extra_specs': specs},
                         self.api('GET', self.url).body)
        self.assertEqual({'custom.key': 'v'},
                         self.api('GET', self.url + '/custom.key').body)
        resp = self.api('PUT', self.url + '/hw:numa_nodes',
                        {'hw:numa_nodes': '4'})
        self.assertEqual({'hw:numa_nodes': '4'}, resp.body)
        self.assertFault(self.api('PUT', self.url + '/hw:numa_nodes',
                                  {'hw:numa_cpus.0': '0'}), 400,
                         'badRequest', 'Request body and URI mismatch')
        # NOTE: 200, not 202: nova (and Tempest's schema) answer 200.
        self.assertEqual(200, self.api('DELETE',
                                       self.url + '/custom.key').status)
        self.assertFault(self.api('GET', self.url + '/custom.key'), 404,
                         'itemNotFound',
                         'Flavor f1 has no extra specs with key custom.key.')
        self.assertFault(self.api('DELETE', self.url + '/custom.key'), 404,
                         'itemNotFound')

    def test_numbers_become_strings(self):
        self.api('POST', self.url, {'extra_specs': {'quota:cpu_shares': 5}})
        self.assertEqual({'quota:cpu_shares': '5'},
                         self.api('GET', self.url).body['extra_specs'])

    def test_validation_from_286(self):
        bad = {'extra_specs': {'hw:cpu_policy': 'sometimes'}}
        self.assertEqual(200, self.api('POST', self.url, bad,
                                       version='2.85').status)
        self.assertFault(
            self.api('POST', self.url, bad, version='2.86'), 400,
            'badRequest',
            "Validation failed; 'sometimes' is not one of: dedicated, "
            "shared, mixed.")
        unknown = {'extra_specs': {'hw:no_such_thing': '1'}}
        self.assertFault(
            self.api('POST', self.url, unknown, version='2.86'), 400,
            'badRequest',
            "Validation failed; extra spec 'hw:no_such_thing' does not "
            "appear to be a valid extra spec.")
        foreign = {'extra_specs': {'vendor:thing': 'x', 'plain': 'y'}}
        self.assertEqual(200, self.api('POST', self.url, foreign,
                                       version='2.86').status)
        resources = {'extra_specs': {'resources1:VGPU': 'one'}}
        self.assertFault(
            self.api('POST', self.url, resources, version='2.86'), 400,
            'badRequest', "'one' is not a valid integer value.")

    def test_policy(self):
        self.assertEqual(200, self.api('GET', self.url, user='bob').status)
        self.assertFault(self.api('POST', self.url,
                                  {'extra_specs': {'a': 'b'}}, user='bob'),
                         403, 'forbidden')

    def test_flavor_not_found(self):
        self.assertFault(self.api('GET', '/v2.1/flavors/x/os-extra_specs'),
                         404, 'itemNotFound')
