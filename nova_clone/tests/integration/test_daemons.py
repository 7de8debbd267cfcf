"""nova-conductor, nova-scheduler and two nova-compute processes over RabbitMQ.

The computes have no database configuration at all; they register their
services and compute nodes through the conductor, report inventory to a
real Placement, heartbeat, build and delete a server, and stop on SIGTERM.
Skipped when RabbitMQ does not answer on 127.0.0.1:5672.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time

import fixtures
from oslo_db.sqlalchemy import enginefacade
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm as sa_orm

from nova_clone.cmd.manage import host_discovery
from nova_clone import config
from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone.db.main import api as main_api
from nova_clone.db import migration
from nova_clone import objects
from nova_clone import rpc
from nova_clone import servicegroup
from nova_clone.tests import base
from nova_clone.tests.fixtures import placement
from nova_clone.tests.functional import integrated_helpers
from nova_clone.tests.integration import rabbit

COMMON = """\
[DEFAULT]
host = {host}
transport_url = {transport_url}
control_exchange = {exchange}
report_interval = 1
compute_driver = fake.SmallFakeDriver
concurrency_backend = {backend}
[placement]
auth_type = none
endpoint_override = {placement}
"""

DB = """\
[api_database]
connection = {api}
[database]
connection = {main}
"""


class DaemonsTestCase(base.NoDBTestCase):
    """Run the daemons once per concurrency backend."""

    backend = 'threading'

    def setUp(self):
        super().setUp()
        if not rabbit.rabbit_up():
            self.skipTest('RabbitMQ not reachable at %s:%s' % (
                rabbit.HOST, rabbit.PORT))
        self.transport_url = self.useFixture(rabbit.RabbitVhost()).url
        objects.register_all()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.placement = self.useFixture(placement.PlacementFixture())
        self.api_url = 'sqlite:///%s/nova_api.sqlite' % self.tmp
        self.main_url = 'sqlite:///%s/nova.sqlite' % self.tmp
        self.cell0_url = 'sqlite:///%s/nova_cell0.sqlite' % self.tmp
        migration.db_sync_url(self.api_url, 'api')
        migration.db_sync_url(self.main_url, 'main')
        migration.db_sync_url(self.cell0_url, 'main')
        self.exchange = 'nova_clone_it_%s' % uuidutils.generate_uuid()[:8]
        self.procs = {}
        self.flags(report_interval=1, service_down_time=3)
        # the test reads the databases directly, as nova-api would
        self._patch_db(main_api.main_context_manager, self.main_url)
        self._patch_db(api_db_api.context_manager, self.api_url)

    def _patch_db(self, context_manager, url):
        engine = sa.create_engine(url)
        self.addCleanup(engine.dispose)
        factory = enginefacade._TestTransactionFactory(
            engine, sa_orm.sessionmaker(bind=engine, expire_on_commit=False),
            apply_global=False)
        self.addCleanup(context_manager.patch_factory(factory))

    def _init_rpc(self):
        """Talk to the daemons over the same RabbitMQ exchange."""
        config.register_messaging_opts(self.conf_fixture.conf)
        self.flags(transport_url=self.transport_url,
                   control_exchange=self.exchange)
        rpc.init(self.conf_fixture.conf)
        self.addCleanup(rpc.cleanup)

    def _start(self, name, binary, with_db):
        body = COMMON.format(host=name, exchange=self.exchange,
                             transport_url=self.transport_url,
                             backend=self.backend,
                             placement=self.placement.endpoint)
        if with_db:
            body += DB.format(api=self.api_url, main=self.main_url)
        path = os.path.join(self.tmp, '%s.conf' % name)
        with open(path, 'w') as f:
            f.write(textwrap.dedent(body))
        log = open(os.path.join(self.tmp, '%s.log' % name), 'w')
        self.addCleanup(log.close)
        proc = subprocess.Popen(
            [sys.executable, '-c',
             'import sys; from nova_clone.cmd.%s import main; '
             'sys.exit(main(sys.argv))' % binary, '--config-file', path],
            stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = (proc, log.name)
        self.addCleanup(self._kill, proc)
        return proc

    @staticmethod
    def _kill(proc):
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def _logs(self):
        out = []
        for name, (proc, path) in self.procs.items():
            with open(path) as f:
                out.append('--- %s (rc=%s)\n%s' % (name, proc.poll(),
                                                   f.read()[-3000:]))
        return '\n'.join(out)

    def _wait(self, predicate, what, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, (proc, _path) in self.procs.items():
                if proc.poll() is not None and proc.returncode != 0:
                    self.fail('%s died while waiting for %s\n%s'
                              % (name, what, self._logs()))
            if predicate():
                return
            time.sleep(0.3)
        self.fail('timed out waiting for %s\n%s' % (what, self._logs()))

    def _map_cells(self, ctxt):
        for name, uuid, url in (
                ('cell0', objects.CellMapping.CELL0_UUID, self.cell0_url),
                ('cell1', uuidutils.generate_uuid(), self.main_url)):
            objects.CellMapping(
                ctxt, uuid=uuid, name=name, database_connection=url,
                transport_url=self.transport_url).create()

    def _boot_and_delete(self, ctxt):
        """A server goes ACTIVE on a DB-less compute, then away."""
        host_discovery.discover_hosts(ctxt)
        user = nova_context.RequestContext(
            user_id='it-user', project_id='it-project', is_admin=True)
        api = integrated_helpers.ServerBuilder(user)
        flavor = api.create_flavor()
        [uuid] = api.create_servers(flavor)
        inst = api.wait_for_state(uuid, 'active', timeout=90)
        self.assertIn(inst.host, ('cmp1', 'cmp2'))
        client = self.placement.client()
        allocs = client.get('/allocations/%s' % uuid,
                            microversion='1.28').json()['allocations']
        self.assertEqual(1, len(allocs))
        api.delete_server(uuid)
        integrated_helpers.wait_until(
            lambda: api.get_instance(uuid).deleted, timeout=90,
            what='the server deleted')
        allocs = client.get('/allocations/%s' % uuid,
                            microversion='1.28').json()['allocations']
        self.assertEqual({}, allocs)

    def test_conductor_scheduler_and_two_computes(self):
        ctxt = nova_context.get_admin_context()
        self._map_cells(ctxt)
        self._init_rpc()
        self._start('ctl', 'conductor', with_db=True)
        self._start('sch', 'scheduler', with_db=True)
        self._start('cmp1', 'compute', with_db=False)
        self._start('cmp2', 'compute', with_db=False)
        group = servicegroup.API()

        def computes_up():
            services = objects.ServiceList.get_by_binary(
                ctxt, 'nova-compute', include_disabled=True)
            up = [s.host for s in services if s.report_count >= 1
                  and group.service_is_up(s)]
            return sorted(up) == ['cmp1', 'cmp2']
        self._wait(computes_up, 'both computes reporting up')

        nodes = objects.ComputeNodeList.get_all(ctxt)
        self.assertEqual(['cmp1', 'cmp2'], sorted(n.host for n in nodes))
        client = self.placement.client()
        for node in nodes:
            inv = client.get('/resource_providers/%s/inventories'
                             % node.uuid, microversion='1.39').json()
            self.assertEqual(1, inv['inventories']['VCPU']['total'])
            traits = client.get('/resource_providers/%s/traits' % node.uuid,
                                microversion='1.39').json()['traits']
            self.assertIn('COMPUTE_NODE', traits)

        schedulers = objects.ServiceList.get_by_binary(ctxt, 'nova-scheduler')
        self.assertEqual(['sch'], [s.host for s in schedulers])
        self._wait(lambda: group.service_is_up(objects.Service.get_by_args(
            ctxt, 'sch', 'nova-scheduler')), 'the scheduler up')
        self._boot_and_delete(ctxt)

        for name in ('cmp1', 'cmp2', 'sch'):
            proc = self.procs[name][0]
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(0, proc.wait(timeout=60), self._logs())

        def computes_down():
            services = list(objects.ServiceList.get_by_binary(
                ctxt, 'nova-compute', include_disabled=True))
            services += list(objects.ServiceList.get_by_binary(
                ctxt, 'nova-scheduler', include_disabled=True))
            return not any(group.service_is_up(s) for s in services)
        self._wait(computes_down, 'computes reported down', timeout=30)


class EventletDaemonsTestCase(DaemonsTestCase):
    backend = 'eventlet'
