"""A real nova-conductor process serves objects to a caller with no database.

The test process plays a compute host: it has no database configured at
all and sets the conductor indirection API, so every remotable object
method it calls crosses RabbitMQ into a nova-conductor child process, which
runs it against the SQLite databases. Skipped when no RabbitMQ answers on
127.0.0.1:5672.
"""

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import fixtures
import oslo_messaging as messaging
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_clone.conductor import api as conductor_api
from nova_clone import config
from nova_clone import context as nova_context
from nova_clone.db import migration
from nova_clone import exception
from nova_clone import objects
from nova_clone import rpc
from nova_clone.tests import base
from nova_clone.tests.integration import rabbit

RABBIT = ('127.0.0.1', 5672)


def _rabbit_up():
    try:
        with socket.create_connection(RABBIT, timeout=2):
            return True
    except OSError:
        return False


class ConductorIndirectionTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        if not _rabbit_up():
            self.skipTest('RabbitMQ not reachable at %s:%s' % RABBIT)
        objects.register_all()
        tmp = self.useFixture(fixtures.TempDir()).path
        self.main_url = 'sqlite:///%s/nova.sqlite' % tmp
        migration.db_sync_url('sqlite:///%s/nova_api.sqlite' % tmp, 'api')
        migration.db_sync_url(self.main_url, 'main')
        # NOTE: a private vhost and exchange keep a running cloud or a
        # parallel run on the same broker apart: queue names ('conductor')
        # are shared by every exchange of a vhost.
        exchange = 'nova_clone_test_%s' % uuidutils.generate_uuid()[:8]
        url = self.useFixture(rabbit.RabbitVhost()).url
        conf_path = os.path.join(tmp, 'nova.conf')
        with open(conf_path, 'w') as f:
            f.write(textwrap.dedent("""\
                [DEFAULT]
                host = conductor-host
                transport_url = %s
                control_exchange = %s
                report_interval = 1
                [api_database]
                connection = sqlite:///%s/nova_api.sqlite
                [database]
                connection = %s
                """ % (url, exchange, tmp, self.main_url)))
        log = open(os.path.join(tmp, 'conductor.log'), 'w')
        self.addCleanup(log.close)
        self.proc = subprocess.Popen(
            [sys.executable, '-c',
             'import sys; from nova_clone.cmd.conductor import main; '
             'sys.exit(main(sys.argv))', '--config-file', conf_path],
            stdout=log, stderr=subprocess.STDOUT)
        self.log_path = log.name
        self.addCleanup(self._kill)

        # This process: RPC only, and no [database]/[api_database] at all.
        config.register_messaging_opts(self.conf_fixture.conf)
        self.flags(transport_url=url, control_exchange=exchange)
        rpc.init(self.conf_fixture.conf)
        self.addCleanup(rpc.cleanup)
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.objects.base.NovaObject.indirection_api',
            conductor_api.ConductorIndirectionAPI()))
        self.ctxt = nova_context.get_admin_context()
        self._wait_for_conductor()

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def _wait_for_conductor(self):
        engine = sa.create_engine(self.main_url)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                self.assertIsNone(self.proc.poll(), self._log())
                with engine.connect() as conn:
                    row = conn.execute(sa.text(
                        "SELECT id FROM services WHERE binary = "
                        "'nova-conductor'")).first()
                if row:
                    break
                time.sleep(0.2)
            else:
                self.fail('nova-conductor did not register:\n' + self._log())
        finally:
            engine.dispose()
        conductor_api.API().wait_until_ready(self.ctxt, attempts=3)

    def _log(self):
        with open(self.log_path) as f:
            return f.read()[-4000:]

    def test_objects_go_through_the_conductor(self):
        # class actions
        conductor = objects.Service.get_by_host_and_binary(
            self.ctxt, 'conductor-host', 'nova-conductor')
        self.assertEqual('conductor', conductor.topic)
        # instance actions that write
        svc = objects.Service(self.ctxt, host='cmp1', binary='nova-compute',
                              topic='compute')
        svc.create()
        self.assertIsNotNone(svc.id)
        svc.disabled = True
        svc.save()
        again = objects.Service.get_by_compute_host(self.ctxt, 'cmp1')
        self.assertTrue(again.disabled)

        uuid = uuidutils.generate_uuid()
        inst = objects.Instance(self.ctxt, uuid=uuid, project_id='p',
                                user_id='u', vm_state='building',
                                task_state='scheduling', host='cmp1')
        inst.create()
        inst.task_state = 'spawning'
        inst.save(expected_task_state=['scheduling'])
        self.assertEqual('spawning', objects.Instance.get_by_uuid(
            self.ctxt, uuid).task_state)

        # a stale compare-and-swap fails with the same exception class
        stale = objects.Instance.get_by_uuid(self.ctxt, uuid)
        stale.task_state = None
        self.assertRaises(exception.UnexpectedTaskStateError, stale.save,
                          expected_task_state=['scheduling'])
        self.assertRaises(exception.InstanceNotFound,
                          objects.Instance.get_by_uuid, self.ctxt,
                          uuidutils.generate_uuid())

    def test_sigterm_stops_the_conductor(self):
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, self.proc.wait(timeout=60), self._log())
        # and now the calls time out instead of hanging forever
        self.assertRaises(messaging.MessagingTimeout,
                          conductor_api.API().wait_until_ready,
                          self.ctxt, attempts=1, timeout=2)
