"""/os-simple-tenant-usage over HTTP: usage of live and deleted servers."""

import datetime

from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests.fixtures import database
from nova_clone.tests.functional.api import servers_base

STU = '/v2.1/os-simple-tenant-usage'


class SimpleTenantUsageTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1', vcpus=2,
                                   memory_mb=256, root_gb=3)

    def window(self):
        now = timeutils.utcnow()
        start = (now - datetime.timedelta(hours=1)).strftime(
            '%Y-%m-%dT%H:%M:%S')
        end = (now + datetime.timedelta(hours=1)).strftime(
            '%Y-%m-%dT%H:%M:%S')
        return 'start=%s&end=%s' % (start, end)

    def test_usage_list_show_paging_and_bad_input(self):
        kept = self.boot(name='kept', user='demo', project='p1').body
        gone = self.boot(name='gone', user='demo', project='p1').body
        other = self.boot(name='other', user='eve', project='p2').body
        for server in (kept, gone, other):
            self.wait_for_server(server['server']['id'], 'ACTIVE')
        self.api('DELETE', '/v2.1/servers/%s' % gone['server']['id'])
        self.wait_for_server_gone(gone['server']['id'])

        listed = self.api('GET', STU + '?detailed=1&' + self.window()
                          ).body['tenant_usages']
        self.assertEqual(['p1', 'p2'], sorted(u['tenant_id'] for u in listed))
        p1 = [u for u in listed if u['tenant_id'] == 'p1'][0]
        states = {s['name']: s['state'] for s in p1['server_usages']}
        self.assertEqual({'kept': 'active', 'gone': 'terminated'}, states)
        self.assertEqual(3, p1['server_usages'][0]['local_gb'])
        self.assertGreater(p1['total_vcpus_usage'], 0)
        # The window ends an hour from now, but usage stops at "now": the
        # servers ran seconds, not the hour still to come.
        self.assertLess(p1['total_hours'], 0.1)
        self.assertLessEqual(p1['stop'], timeutils.utcnow().isoformat())
        self.assertNotIn('server_usages', self.api(
            'GET', STU + '?' + self.window()).body['tenant_usages'][0])

        mine = self.api('GET', STU + '/p1?' + self.window(), user='demo',
                        project='p1').body['tenant_usage']
        self.assertEqual(2, len(mine['server_usages']))
        self.assertEqual(403, self.api('GET', STU + '/p2?' + self.window(),
                                       user='demo', project='p1').status)
        self.assertEqual(403, self.api('GET', STU, user='demo',
                                       project='p1').status)
        page = self.api('GET', STU + '?limit=1&detailed=1&' + self.window(),
                        version='2.40').body
        self.assertEqual(1, sum(len(u['server_usages'])
                                for u in page['tenant_usages']))
        self.assertIn('tenant_usages_links', page)
        resp = self.api('GET', STU + '?start=2030-01-01T00:00:00'
                        '&end=2020-01-01T00:00:00')
        self.assertFault(resp, 400, 'badRequest', 'start time')
        self.assertEqual(400, self.api('GET', STU + '?start=yesterday'
                                       ).status)


class MultiCellUsagePagingTest(servers_base.ServersApiTestBase):
    """Pages of ``os-simple-tenant-usage`` span every cell: the marker lives
    in one cell, and the other cells continue after its sort values."""

    def setUp(self):
        super().setUp()
        self.cell2_db = self.useFixture(database.Database('main',
                                                          patch=False))
        self.cell2 = self._cell('cell2', uuidutils.generate_uuid(),
                                self.cell2_db.connection)
        self.flavor = self.builder.create_flavor(
            name='f1', flavorid='1', vcpus=1, memory_mb=128, root_gb=1)

    def _server(self, cell, project):
        uuid = uuidutils.generate_uuid()
        with nova_context.target_cell(self.admin, cell) as cctxt:
            inst = objects.Instance(
                cctxt, uuid=uuid, project_id=project, user_id='u',
                display_name='vm-' + uuid[:4], vm_state='active',
                launched_at=timeutils.utcnow(), flavor=self.flavor)
            inst.create()
        objects.InstanceMapping(self.admin, instance_uuid=uuid,
                                cell_mapping=cell,
                                project_id=project).create()
        return (project, uuid)

    def test_pages_cover_both_cells_in_order(self):
        made = sorted(self._server(cell, project)
                      for cell in (self.cell1, self.cell2)
                      for project in ('pa', 'pb') for _ in range(2))
        window = SimpleTenantUsageTest.window(self)
        seen = []
        url = STU + '?detailed=1&limit=3&' + window
        while url:
            page = self.api('GET', url, version='2.40').body
            rows = [(u['tenant_id'], s['instance_id'])
                    for u in page['tenant_usages']
                    for s in u['server_usages']]
            self.assertLessEqual(len(rows), 3)
            seen += sorted(rows)
            links = page.get('tenant_usages_links')
            url = links and links[0]['href'][
                links[0]['href'].index('/v2.1'):]
        self.assertEqual(made, seen)
