"""Conductor API helpers and the indirection API delegate to the rpcapi."""

from unittest import mock

import oslo_messaging as messaging

from nova_clone.conductor import api as conductor_api
from nova_clone import context as nova_context
from nova_clone.tests import base


class ConductorAPITestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        patcher = mock.patch('nova_clone.conductor.rpcapi.ConductorAPI')
        self.rpcapi_cls = patcher.start()
        self.addCleanup(patcher.stop)
        self.rpcapi = self.rpcapi_cls.return_value
        self.cctxt = self.rpcapi.client.prepare.return_value
        self.ctxt = nova_context.get_admin_context()

    def test_wait_until_ready_first_try(self):
        conductor_api.API().wait_until_ready(self.ctxt, attempts=3, timeout=4)
        self.rpcapi.client.prepare.assert_called_once_with(timeout=4)
        self.cctxt.call.assert_called_once_with(
            self.ctxt, 'object_backport_versions', objinst=None,
            object_versions={})

    def test_wait_until_ready_retries_then_succeeds(self):
        self.cctxt.call.side_effect = [messaging.MessagingTimeout(),
                                       messaging.MessagingTimeout(), None]
        conductor_api.API().wait_until_ready(self.ctxt, attempts=3)
        self.assertEqual(3, self.cctxt.call.call_count)

    def test_wait_until_ready_gives_up(self):
        self.cctxt.call.side_effect = messaging.MessagingTimeout()
        self.assertRaises(messaging.MessagingTimeout,
                          conductor_api.API().wait_until_ready,
                          self.ctxt, attempts=2)
        self.assertEqual(2, self.cctxt.call.call_count)

    def test_api_backport_delegates(self):
        result = conductor_api.API().object_backport_versions(
            self.ctxt, 'prim', {'A': '1.0'})
        self.rpcapi.object_backport_versions.assert_called_once_with(
            self.ctxt, 'prim', {'A': '1.0'})
        self.assertIs(self.rpcapi.object_backport_versions.return_value,
                      result)

    def test_indirection_api_delegates(self):
        ind = conductor_api.ConductorIndirectionAPI()
        ind.object_action(self.ctxt, 'obj', 'save', (1,), {'k': 2})
        self.rpcapi.object_action.assert_called_once_with(
            self.ctxt, 'obj', 'save', (1,), {'k': 2})
        ind.object_class_action_versions(self.ctxt, 'Service', 'get',
                                         {'Service': '1.0'}, (), {})
        self.rpcapi.object_class_action_versions.assert_called_once_with(
            self.ctxt, 'Service', 'get', {'Service': '1.0'}, (), {})
        ind.object_backport_versions(self.ctxt, 'obj', {'X': '1.0'})
        self.rpcapi.object_backport_versions.assert_called_once_with(
            self.ctxt, 'obj', {'X': '1.0'})
