"""/os-migrations over HTTP, with migrations recorded in the cell."""

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests.functional.api import servers_base

MIGS = '/v2.1/os-migrations'


class MigrationsTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1')
        self.server_id = self.boot().body['server']['id']
        self.wait_for_server(self.server_id, 'ACTIVE')

    def record(self, status, mtype='resize', source='host1', dest='host2'):
        with nova_context.target_cell(self.admin, self.cell1) as cctxt:
            migration = objects.Migration(
                cctxt, source_compute=source, dest_compute=dest,
                source_node=source, dest_node=dest, dest_host='127.0.0.1',
                status=status, instance_uuid=self.server_id,
                migration_type=mtype, old_instance_type_id=1,
                new_instance_type_id=2, user_id='u1', project_id='p1')
            migration.create()
        return migration

    def test_list_filters_fields_and_paging(self):
        first = self.record('finished')
        self.record('running', 'live-migration', 'host2', 'host1')
        self.record('error')
        listed = self.api('GET', MIGS).body['migrations']
        self.assertEqual(3, len(listed))
        self.assertNotIn('migration_type', listed[0])
        self.assertEqual(first.id, listed[-1]['id'])
        typed = self.api('GET', MIGS, version='2.23').body['migrations']
        live = [m for m in typed if m['migration_type'] == 'live-migration']
        self.assertIn('links', live[0])
        self.assertEqual(['finished'], [m['status'] for m in self.api(
            'GET', MIGS + '?status=finished').body['migrations']])
        self.assertEqual(3, len(self.api('GET', MIGS + '?host=host1'
                                         ).body['migrations']))
        page = self.api('GET', MIGS + '?limit=2', version='2.59').body
        self.assertEqual(2, len(page['migrations']))
        self.assertIn('uuid', page['migrations'][0])
        self.assertIn('migrations_links', page)
        rest = self.api('GET', MIGS + '?limit=2&marker=%s' %
                        page['migrations'][-1]['uuid'], version='2.59').body
        self.assertEqual([first.uuid], [m['uuid'] for m in rest[
            'migrations']])
        owner = self.api('GET', MIGS + '?project_id=p1', version='2.80'
                         ).body['migrations']
        self.assertEqual('u1', owner[0]['user_id'])
        self.assertEqual(400, self.api('GET', MIGS + '?marker=nope',
                                       version='2.59').status)
        self.assertEqual(400, self.api('GET', MIGS + '?bogus=1',
                                       version='2.59').status)
        self.assertEqual(403, self.api('GET', MIGS, user='demo',
                                       project='p1').status)
