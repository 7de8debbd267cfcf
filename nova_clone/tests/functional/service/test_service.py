"""A Service hosting a manager over the fake transport on a real cell DB."""

import datetime
import time

import oslo_messaging as messaging

from nova_clone import context as nova_context
from nova_clone import manager
from nova_clone import objects
from nova_clone import rpc
from nova_clone import service
from nova_clone import servicegroup
from nova_clone.tests import base
from nova_clone.tests.fixtures import database


class EchoManager(manager.Manager):
    """A tiny manager: one RPC method and one periodic task."""

    target = messaging.Target(version='1.0')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ticks = 0
        self.hooks = []

    def init_host(self, service_ref=None):
        self.hooks.append('init_host')

    def post_start_hook(self):
        self.hooks.append('post_start_hook')

    def cleanup_host(self):
        self.hooks.append('cleanup_host')

    def echo(self, context, value):
        return {'value': value, 'host': self.host}

    @manager.periodic_task_decorator(spacing=1, run_immediately=True)
    def _tick(self, context):
        self.ticks += 1


def _wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class ServiceTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('main'))
        transport = messaging.get_rpc_transport(
            self.conf_fixture.conf, url='fake:/')
        rpc.init(self.conf_fixture.conf, transport=transport,
                 notification_transport=messaging.get_notification_transport(
                     self.conf_fixture.conf, url='fake:/'))
        self.addCleanup(rpc.cleanup)
        self.ctxt = nova_context.get_admin_context()

    def _service(self, host='host1'):
        svc = service.Service.create(
            host=host, binary='nova-echo', topic='echo',
            manager=EchoManager(host=host), report_interval=1,
            periodic_enable=True, periodic_fuzzy_delay=0)
        svc.start()
        self.addCleanup(lambda: svc._stop.is_set() or svc.stop())
        return svc

    def test_start_registers_serves_rpc_and_reports(self):
        svc = self._service()
        ref = objects.Service.get_by_host_and_binary(self.ctxt, 'host1',
                                                     'nova-echo')
        self.assertIsNotNone(ref)
        self.assertEqual(objects.service.SERVICE_VERSION, ref.version)
        self.assertEqual('echo', ref.topic)

        client = rpc.get_client(messaging.Target(topic='echo',
                                                 server='host1',
                                                 version='1.0'),
                                timeout=10)
        self.assertEqual({'value': 42, 'host': 'host1'},
                         client.prepare().call(self.ctxt, 'echo', value=42))

        # the heartbeat bumps report_count and the service is up
        self.assertTrue(_wait_for(lambda: objects.Service.get_by_id(
            self.ctxt, ref.id).report_count >= 1))
        group = servicegroup.API()
        self.assertTrue(group.service_is_up(
            objects.Service.get_by_id(self.ctxt, ref.id)))
        self.assertTrue(_wait_for(lambda: svc.manager.ticks >= 1))
        self.assertEqual(['init_host', 'post_start_hook'], svc.manager.hooks)

        svc.stop()
        self.assertEqual('cleanup_host', svc.manager.hooks[-1])
        count = objects.Service.get_by_id(self.ctxt, ref.id).report_count
        time.sleep(1.5)
        # stopped: no more heartbeats
        self.assertEqual(count, objects.Service.get_by_id(
            self.ctxt, ref.id).report_count)

    def test_restart_reuses_the_service_row(self):
        first = self._service()
        first.stop()
        second = self._service()
        rows = objects.ServiceList.get_by_binary(self.ctxt, 'nova-echo',
                                                 include_disabled=True)
        self.assertEqual(1, len(rows))
        self.assertEqual(first.service_ref.id, second.service_ref.id)

    def test_forced_down_service_is_down(self):
        svc = self._service()
        ref = objects.Service.get_by_id(self.ctxt, svc.service_ref.id)
        ref.forced_down = True
        ref.save()
        self.assertFalse(servicegroup.API().service_is_up(
            objects.Service.get_by_id(self.ctxt, ref.id)))

    def test_stale_service_is_down(self):
        self.flags(service_down_time=60)
        ref = objects.Service(self.ctxt, host='old', binary='nova-echo',
                              topic='echo')
        ref.create()
        ref = objects.Service.get_by_id(self.ctxt, ref.id)
        ref.last_seen_up = (datetime.datetime.utcnow()
                            - datetime.timedelta(seconds=120))
        ref.save()
        self.assertFalse(servicegroup.API().service_is_up(
            objects.Service.get_by_id(self.ctxt, ref.id)))
