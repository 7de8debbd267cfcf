"""/servers over HTTP: the full build path with fake computes."""

import threading
import time

import sqlalchemy as sa

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests.functional.api import servers_base

SERVERS = '/v2.1/servers'


class ServersTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.flavor = self.create_flavor()

    def create_flavor(self, flavorid='1', vcpus=1, ram=512, disk=1):
        return self.builder.create_flavor(
            name='f%s' % flavorid, vcpus=vcpus, memory_mb=ram, root_gb=disk,
            flavorid=flavorid)

    def test_boot_reaches_active_and_delete_removes_it(self):
        resp = self.boot()
        server = resp.body['server']
        self.assertEqual({'id', 'links', 'OS-DCF:diskConfig',
                          'security_groups', 'adminPass'}, set(server))
        self.assertTrue(resp.headers['Location'].endswith(server['id']))
        shown = self.wait_for_server(server['id'], 'ACTIVE')
        self.assertEqual({}, shown['addresses'])
        self.assertEqual('active', shown['OS-EXT-STS:vm_state'])
        self.assertIn(shown['OS-EXT-SRV-ATTR:host'], ('host1', 'host2'))
        self.assertEqual(self.glance.IMAGE_ID, shown['image']['id'])
        self.assertEqual('1', shown['flavor']['id'])
        resp = self.api('DELETE', '%s/%s' % (SERVERS, server['id']))
        self.assertEqual(204, resp.status, resp.text)
        self.wait_for_server_gone(server['id'])
        self.assertEqual({}, self.allocations(server['id']))

    # ------------------------------------------------------------ bad input

    def assertNothingWritten(self):
        admin = self.admin
        self.assertEqual([], list(objects.BuildRequestList.get_all(admin)))
        self.assertEqual(0, objects.InstanceMappingList.get_counts(
            admin, 'admin')['project']['instances'])
        for cell in (self.cell0, self.cell1):
            with nova_context.target_cell(admin, cell) as cctxt:
                self.assertEqual([], list(objects.InstanceList.get_by_filters(
                    cctxt, {})))

    def test_bad_requests_are_400_and_write_nothing(self):
        cases = [
            ({'flavorRef': 'nope'}, 'Invalid flavorRef provided.'),
            ({'imageRef': '7b8f9d4c-0000-4000-8000-000000000000'},
             'Can not find requested image'),
            ({'imageRef': self.glance.QUEUED_IMAGE_ID}, 'is not active'),
            ({'imageRef': self.glance.BIG_RAM_IMAGE_ID},
             "Flavor's memory is too small"),
            ({'imageRef': self.glance.BIG_DISK_IMAGE_ID},
             "Flavor's disk is smaller than the minimum size"),
            ({'key_name': 'missing'}, 'Invalid key_name provided.'),
            ({'networks': [{'uuid': '7b8f9d4c-0000-4000-8000-000000000001'}]},
             'no network service'),
            ({'networks': 'auto'}, 'no network service'),
            ({'bogus': 1}, "Additional properties are not allowed"),
            ({'min_count': 3, 'max_count': 2}, 'min_count must be <='),
            ({'metadata': {'k': 'x' * 256}}, 'Invalid input'),
            ({'availability_zone': 'nowhere'},
             'The requested availability zone is not available'),
            ({'user_data': 'not base64!'}, 'Invalid input'),
        ]
        for extra, message in cases:
            resp = self.boot(expect=400, **extra)
            self.assertFault(resp, 400, 'badRequest', message)
        resp = self.api('POST', SERVERS, {'server': {
            'name': 'x', 'flavorRef': '1', 'imageRef': self.glance.IMAGE_ID}},
            version='2.37')
        self.assertFault(resp, 400, 'badRequest', 'networks')
        self.assertNothingWritten()

    def test_quota_exceeded_is_403_overlimit_and_writes_nothing(self):
        self.flags(instances=2, group='quota')
        resp = self.boot(expect=403, min_count=3)
        self.assertFault(resp, 403, 'forbidden',
                         'Quota exceeded for instances: Requested 3, but '
                         'already used 0 of 2 instances')
        self.assertNothingWritten()
        self.flags(instances=-1, cores=1, group='quota')
        self.create_flavor('2', vcpus=2)
        resp = self.boot(flavor='2', expect=403)
        self.assertIn('cores', resp.body['forbidden']['message'])
        self.flags(metadata_items=1, group='quota')
        resp = self.boot(expect=403, metadata={'a': '1', 'b': '2'})
        self.assertIn('metadata items', resp.body['forbidden']['message'])
        self.assertNothingWritten()

    def test_max_count_takes_what_quota_allows(self):
        self.flags(instances=2, group='quota')
        resp = self.boot(name='multi', min_count=1, max_count=5,
                         return_reservation_id=True)
        rid = resp.body['reservation_id']
        servers = self.api('GET', SERVERS + '/detail?reservation_id=' + rid
                           ).body['servers']
        self.assertEqual(['multi-1', 'multi-2'],
                         sorted(s['name'] for s in servers))

    # ------------------------------------------------------------- reading

    def test_list_pages_merge_builds_and_cells_in_order(self):
        ids = []
        for i in range(5):
            # NOTE: created_at has one-second resolution and servers of
            # two cells that tie on it have no defined order between
            # them; one boot per second makes "newest first" exact.
            if ids:
                time.sleep(1.05)
            ids.append(self.boot(name='s%d' % i).body['server']['id'])
        for server_id in ids:
            self.wait_for_server(server_id, 'ACTIVE')
        listed = self.api('GET', SERVERS + '?limit=2').body
        self.assertEqual(2, len(listed['servers']))
        self.assertIn('servers_links', listed)
        seen = [s['id'] for s in listed['servers']]
        while 'servers_links' in listed:
            href = listed['servers_links'][0]['href']
            path = href[href.index('/v2.1'):]
            listed = self.api('GET', path).body
            seen += [s['id'] for s in listed['servers']]
        # NOTE: newest first by default.
        self.assertEqual(list(reversed(ids)), seen)
        asc = self.api('GET', SERVERS + '?sort_key=display_name&sort_dir=asc'
                       ).body['servers']
        self.assertEqual(['s0', 's1', 's2', 's3', 's4'],
                         [s['name'] for s in asc])
        resp = self.api('GET', SERVERS + '?marker=nope')
        self.assertFault(resp, 400, 'badRequest', 'marker [nope] not found')

    def test_filters_name_regex_status_and_projects(self):
        mine = self.boot(name='web-1', user='demo', project='p1').body
        self.boot(name='db-1', user='demo', project='p1')
        other = self.boot(name='web-2', user='eve', project='p2').body
        self.wait_for_server(mine['server']['id'], 'ACTIVE')
        self.wait_for_server(other['server']['id'], 'ACTIVE')

        def names(query, user='demo', project='p1', version=None):
            resp = self.api('GET', SERVERS + query, user=user,
                            project=project, version=version)
            self.assertEqual(200, resp.status, resp.text)
            return sorted(s['name'] for s in resp.body['servers'])

        self.assertEqual(['web-1'], names('?name=^web'))
        self.assertEqual(['db-1', 'web-1'], names(''))
        # NOTE: a user's all_tenants is refused; an unknown filter ignored.
        resp = self.api('GET', SERVERS + '?all_tenants=1', user='demo',
                        project='p1')
        self.assertEqual(403, resp.status)
        self.assertEqual(['db-1', 'web-1'], names('?host=host1'))
        self.assertEqual(['web-1', 'web-2'],
                         names('?all_tenants=1&name=web', 'admin', 'admin'))
        self.assertEqual([], names('?status=SHUTOFF'))
        self.assertEqual(['db-1', 'web-1'], names('?status=active'))
        self.assertEqual([], names('?status=bogus'))
        resp = self.api('GET', SERVERS + '?status=bogus', user='demo',
                        project='p1', version='2.38')
        self.assertFault(resp, 400, 'badRequest', 'Invalid status value')
        resp = self.api('GET', SERVERS + '?bogus=1', user='demo',
                        project='p1', version='2.75')
        self.assertEqual(400, resp.status)
        # NOTE: another project's server does not exist for this user.
        resp = self.api('GET', '%s/%s' % (SERVERS, other['server']['id']),
                        user='demo', project='p1')
        self.assertFault(resp, 404, 'itemNotFound')
        resp = self.api('DELETE', '%s/%s' % (SERVERS, other['server']['id']),
                        user='demo', project='p1')
        self.assertEqual(404, resp.status)

    def test_fields_by_microversion(self):
        server_id = self.boot(version='2.52', tags=['a', 'b'],
                              description='hello').body['server']['id']
        self.wait_for_server(server_id, 'ACTIVE')

        def show(version, user='admin'):
            return self.api('GET', '%s/%s' % (SERVERS, server_id),
                            version=version, user=user,
                            project='admin').body['server']

        old = show('2.1')
        for key in ('locked', 'description', 'tags', 'host_status',
                    'OS-EXT-SRV-ATTR:reservation_id'):
            self.assertNotIn(key, old)
        self.assertIn('OS-EXT-SRV-ATTR:host', old)
        self.assertIn('OS-EXT-SRV-ATTR:reservation_id', show('2.3'))
        self.assertFalse(show('2.9')['locked'])
        self.assertEqual('UP', show('2.16')['host_status'])
        self.assertEqual('hello', show('2.19')['description'])
        self.assertEqual(['a', 'b'], sorted(show('2.26')['tags']))
        flavor = show('2.47')['flavor']
        self.assertEqual({'vcpus': 1, 'ram': 512, 'disk': 1, 'ephemeral': 0,
                          'swap': 0, 'original_name': 'f1',
                          'extra_specs': {}}, flavor)
        self.assertIsNone(show('2.73')['locked_reason'])
        latest = show('2.100')
        self.assertEqual({}, latest['scheduler_hints'])
        # NOTE: a member sees no host names.
        self.assertNotIn('OS-EXT-SRV-ATTR:host', show('2.1', user='demo'))

    def test_update_name_description_and_bad_update(self):
        server_id = self.boot().body['server']['id']
        self.wait_for_server(server_id, 'ACTIVE')
        resp = self.api('PUT', '%s/%s' % (SERVERS, server_id),
                        {'server': {'name': 'renamed',
                                    'description': 'd'}}, version='2.19')
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual('renamed', resp.body['server']['name'])
        self.assertEqual('d', resp.body['server']['description'])
        resp = self.api('PUT', '%s/%s' % (SERVERS, server_id),
                        {'server': {'description': 'd'}}, version='2.18')
        self.assertEqual(400, resp.status)
        resp = self.api('PUT', '%s/%s' % (SERVERS, server_id),
                        {'server': {'name': ''}})
        self.assertEqual(400, resp.status)
        self.assertEqual('renamed', self.api(
            'GET', '%s/%s' % (SERVERS, server_id)).body['server']['name'])

    def test_no_valid_host_shows_error_with_fault_in_cell0(self):
        self.create_flavor('9', disk=10 ** 6)
        server_id = self.boot(flavor='9').body['server']['id']
        server = self.wait_for_server(server_id, 'ERROR')
        self.assertEqual(500, server['fault']['code'])
        self.assertIn('No valid host', server['fault']['message'])
        detail = self.api('GET', SERVERS + '/detail').body['servers']
        self.assertEqual('ERROR', detail[0]['status'])
        self.assertIn('fault', detail[0])
        self.assertEqual(204, self.api(
            'DELETE', '%s/%s' % (SERVERS, server_id)).status)
        self.wait_for_server_gone(server_id)


class PrivateFlavorBootTest(servers_base.ServersApiTestBase):

    def test_private_flavor_needs_access(self):
        resp = self.api('POST', '/v2.1/flavors', {'flavor': {
            'name': 'private', 'ram': 512, 'vcpus': 1, 'disk': 1,
            'id': 'p1', 'os-flavor-access:is_public': False}})
        self.assertEqual(200, resp.status, resp.text)
        self.boot(flavor='p1', user='alice', project='proj-a', expect=400)
        self.api('POST', '/v2.1/flavors/p1/action',
                 {'addTenantAccess': {'tenant': 'proj-a'}})
        self.boot(flavor='p1', user='alice', project='proj-a')
        self.boot(flavor='p1', user='bob', project='proj-b', expect=400)


class ServerListQueriesTest(servers_base.ServersApiTestBase):
    """The list costs the same number of queries for 2 or 8 servers."""

    def count_queries(self, path, version):
        statements = []
        # NOTE: only this thread's statements: the in-process services
        # (heartbeats, resource tracker) query their databases meanwhile.
        me = threading.get_ident()

        def record(conn, cursor, statement, *args):
            if threading.get_ident() == me:
                statements.append(statement)
        sa.event.listen(sa.engine.Engine, 'before_cursor_execute', record)
        try:
            resp = self.api('GET', path, version=version)
        finally:
            sa.event.remove(sa.engine.Engine, 'before_cursor_execute',
                            record)
        self.assertEqual(200, resp.status, resp.text)
        return len(statements), len(resp.body['servers'])

    def boot_active(self, count):
        ids = [self.boot(name='q%d' % i).body['server']['id']
               for i in range(count)]
        for server_id in ids:
            self.wait_for_server(server_id, 'ACTIVE')

    def test_detail_has_no_query_per_server(self):
        self.builder.create_flavor(name='f1', flavorid='1')
        self.boot_active(2)
        few = {v: self.count_queries(SERVERS + '/detail', v)
               for v in ('2.1', '2.100')}
        self.boot_active(6)
        many = {v: self.count_queries(SERVERS + '/detail', v)
                for v in ('2.1', '2.100')}
        for version in few:
            self.assertEqual((2, 8), (few[version][1], many[version][1]))
            self.assertEqual(few[version][0], many[version][0], version)
