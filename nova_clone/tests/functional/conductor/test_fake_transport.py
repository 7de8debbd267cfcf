"""Object indirection through an in-process conductor on the fake transport."""

import threading

import fixtures
import oslo_messaging as messaging
from oslo_utils import uuidutils

from nova_clone.conductor import api as conductor_api
from nova_clone.conductor import manager as conductor_manager
from nova_clone.conductor import rpcapi as conductor_rpcapi
from nova_clone import config
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.objects import base as objects_base
from nova_clone import rpc
from nova_clone.tests import base
from nova_clone.tests.fixtures import database


class _CallerThreadOnly:
    """Indirection that only the test's own thread sees.

    Caller and conductor share one process (and one class attribute) here;
    the conductor's worker threads must run the object methods locally or
    every call would bounce back into RPC forever. In production the
    conductor process simply never sets ``indirection_api``.
    """

    def __init__(self, api):
        self.api = api
        self.calls = []
        self._owner = threading.get_ident()

    def __get__(self, obj, objtype=None):
        if threading.get_ident() != self._owner:
            return None
        return self

    def __getattr__(self, name):
        # NOTE: record which indirection call was made so the tests prove
        # the conductor was actually used (not a local DB shortcut).
        attr = getattr(self.api, name)
        if callable(attr):
            self.calls.append(name)
        return attr


class FakeTransportIndirectionTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.useFixture(database.Database('api'))
        self.useFixture(database.Database('main'))
        conf = self.conf_fixture.conf
        config.register_messaging_opts(conf)
        rpc.init(conf,
                 transport=messaging.get_rpc_transport(conf, url='fake:/'),
                 notification_transport=messaging.get_notification_transport(
                     conf, url='fake:/'))
        self.addCleanup(rpc.cleanup)

        target = messaging.Target(topic=conductor_rpcapi.RPC_TOPIC,
                                  server='conductor-host')
        endpoint = conductor_manager.ConductorManager(host='conductor-host')
        self.server = rpc.get_server(target, [endpoint])
        self.server.start()
        self.addCleanup(self._stop_server)

        self.indirection = _CallerThreadOnly(
            conductor_api.ConductorIndirectionAPI())
        # NOTE: MonkeyPatch restores the class attribute (None) afterwards.
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.objects.base.NovaObject.indirection_api',
            self.indirection))
        self.ctxt = nova_context.get_admin_context()

    def _stop_server(self):
        self.server.stop()
        self.server.wait()

    def test_indirection_is_visible_only_to_the_caller(self):
        self.assertIs(self.indirection,
                      objects_base.NovaObject.indirection_api)
        seen = []
        t = threading.Thread(
            target=lambda: seen.append(objects.Service.indirection_api))
        t.start()
        t.join()
        self.assertEqual([None], seen)

    def test_wait_until_ready(self):
        conductor_api.API().wait_until_ready(self.ctxt, attempts=1)

    def test_class_action_reads_the_database(self):
        self.assertIsNone(objects.Service.get_by_host_and_binary(
            self.ctxt, 'nohost', 'nova-compute'))
        self.assertIn('object_class_action_versions', self.indirection.calls)
        self.assertEqual(0, len(objects.CellMappingList.get_all(self.ctxt)))
        cell = objects.CellMapping(
            self.ctxt, uuid=uuidutils.generate_uuid(), name='cell1',
            transport_url='fake:/', database_connection='sqlite://')
        cell.create()
        cells = objects.CellMappingList.get_all(self.ctxt)
        self.assertIsInstance(cells, objects.CellMappingList)
        self.assertEqual([cell.uuid], [c.uuid for c in cells])
        self.assertEqual(['object_class_action_versions'] * 2 +
                         ['object_action', 'object_class_action_versions'],
                         self.indirection.calls)

    def test_service_create_and_save_go_through_the_conductor(self):
        svc = objects.Service(self.ctxt, host='cmp1', binary='nova-compute',
                              topic='compute')
        svc.create()
        self.assertEqual(['object_action'], self.indirection.calls)
        # the conductor's DB-assigned fields were applied to our copy
        self.assertIsNotNone(svc.id)
        self.assertIsNotNone(svc.uuid)
        self.assertEqual(set(), svc.obj_what_changed())

        svc.disabled = True
        svc.disabled_reason = 'maintenance'
        svc.save()
        self.assertEqual(set(), svc.obj_what_changed())

        again = objects.Service.get_by_host_and_binary(
            self.ctxt, 'cmp1', 'nova-compute')
        self.assertEqual(svc.id, again.id)
        self.assertTrue(again.disabled)
        self.assertEqual('maintenance', again.disabled_reason)

    def test_instance_compare_and_swap_error_crosses_rpc(self):
        uuid = uuidutils.generate_uuid()
        inst = objects.Instance(self.ctxt, uuid=uuid, project_id='p',
                                user_id='u', vm_state='building',
                                task_state='scheduling', host='cmp1')
        inst.create()
        inst.task_state = 'spawning'
        inst.save(expected_task_state=['scheduling'])
        self.assertEqual('spawning', objects.Instance.get_by_uuid(
            self.ctxt, uuid).task_state)

        stale = objects.Instance.get_by_uuid(self.ctxt, uuid)
        stale.task_state = None
        self.assertRaises(exception.UnexpectedTaskStateError, stale.save,
                          expected_task_state=['scheduling'])
        # the failed swap wrote nothing
        self.assertEqual('spawning', objects.Instance.get_by_uuid(
            self.ctxt, uuid).task_state)

    def test_not_found_is_reraised_as_itself(self):
        self.assertRaises(exception.InstanceNotFound,
                          objects.Instance.get_by_uuid, self.ctxt,
                          uuidutils.generate_uuid())
