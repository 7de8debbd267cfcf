"""host_rows.candidate_rows on a real (SQLite) cell database."""

from oslo_utils import uuidutils

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.scheduler import host_rows
from nova_clone.tests import base
from nova_clone.tests.fixtures import database


class CandidateRowsTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.nodes = {}
        objects.register_all()
        self.useFixture(database.Database('main'))
        self.ctxt = nova_context.get_admin_context()
        for host in ('host1', 'host2', 'host3'):
            service = objects.Service(self.ctxt, host=host,
                                      binary='nova-compute',
                                      topic='compute')
            service.create()
            node = objects.ComputeNode(
                self.ctxt, host=host, hypervisor_hostname=host + '-n',
                vcpus=1, memory_mb=512, local_gb=1, vcpus_used=0,
                memory_mb_used=0, local_gb_used=0, hypervisor_type='fake',
                hypervisor_version=1, cpu_info='{}', service_id=service.id,
                stats={}, supported_hv_specs=[])
            node.create()
            self.nodes[host] = node
        objects.Service(self.ctxt, host='host1', binary='nova-conductor',
                        topic='conductor').create()
        disabled = objects.Service.get_by_compute_host(self.ctxt, 'host2')
        disabled.disabled = True
        disabled.save()

    def _instance(self, host, vm_state='active'):
        inst = objects.Instance(self.ctxt, uuid=uuidutils.generate_uuid(),
                                project_id='p', user_id='u', host=host,
                                node=host + '-n', vm_state=vm_state)
        inst.create()
        return inst

    def test_rows_of_the_candidates(self):
        live = self._instance('host1')
        self._instance('host1', vm_state='soft-delete')
        self._instance('host1').destroy()
        other = self._instance('host3')
        stamps, services, instances = host_rows.candidate_rows(
            self.ctxt, [self.nodes['host1'].uuid, self.nodes['host2'].uuid])
        self.assertEqual(
            {(self.nodes[h].uuid, h, h + '-n') for h in ('host1', 'host2')},
            {stamp[:3] for stamp in stamps})
        self.assertTrue(all(stamp[3] is not None for stamp in stamps))
        self.assertEqual(['host1', 'host2'], sorted(services))
        self.assertEqual('nova-compute', services['host1']['binary'])
        self.assertIs(False, services['host1']['disabled'])
        self.assertIs(True, services['host2']['disabled'])
        self.assertEqual(set(host_rows.SERVICE_COLUMNS),
                         set(services['host1']))
        self.assertEqual({'host1': [live.uuid], 'host2': []}, instances)
        self.assertNotIn(other.uuid, instances.get('host3', []))

    def test_every_node(self):
        self.nodes['host3'].destroy()
        stamps, services, _instances = host_rows.candidate_rows(self.ctxt)
        self.assertEqual([self.nodes['host1'].uuid, self.nodes['host2'].uuid],
                         [stamp[0] for stamp in stamps])
        self.assertEqual(['host1', 'host2'], sorted(services))

    def test_no_candidates(self):
        self.assertEqual(([], {}, {}), host_rows.candidate_rows(
            self.ctxt, [uuidutils.generate_uuid()]))
