"""The conductor RPC client honours [upgrade_levels] conductor."""

from unittest import mock

import oslo_messaging as messaging

from nova_clone.conductor import rpcapi
from nova_clone import config
from nova_clone import context as nova_context
from nova_clone import rpc
from nova_clone.tests import base


class ConductorRPCAPITestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        config.register_messaging_opts(self.conf_fixture.conf)
        rpc.init(self.conf_fixture.conf,
                 transport=messaging.get_rpc_transport(
                     self.conf_fixture.conf, url='fake:/'),
                 notification_transport=messaging.get_notification_transport(
                     self.conf_fixture.conf, url='fake:/'))
        self.addCleanup(rpc.cleanup)

    def test_unpinned_client_targets_conductor_topic(self):
        api = rpcapi.ConductorAPI()
        self.assertEqual('conductor', api.client.target.topic)
        self.assertIsNone(api.client.version_cap)

    def test_pin_caps_the_version(self):
        self.flags(conductor='1.0', group='upgrade_levels')
        api = rpcapi.ConductorAPI()
        self.assertEqual('1.0', api.client.version_cap)
        self.assertTrue(api.client.can_send_version('1.0'))

    def test_pin_below_a_method_version_refuses_to_send(self):
        self.flags(conductor='0.9', group='upgrade_levels')
        api = rpcapi.ConductorAPI()
        self.assertFalse(api.client.can_send_version('1.0'))

    def test_version_alias_resolves_to_a_version(self):
        self.flags(conductor='somerelease', group='upgrade_levels')
        with mock.patch.dict(rpcapi.ConductorAPI.VERSION_ALIASES,
                             {'somerelease': '1.0'}):
            api = rpcapi.ConductorAPI()
        self.assertEqual('1.0', api.client.version_cap)

    def _check_call(self, method, rpc_kwargs, *args):
        api = rpcapi.ConductorAPI()
        ctxt = nova_context.get_admin_context()
        with mock.patch.object(api.client, 'prepare') as prepare:
            result = getattr(api, method)(ctxt, *args)
        # NOTE: no per-call timeout: [DEFAULT] rpc_response_timeout applies.
        prepare.assert_called_once_with()
        prepare.return_value.call.assert_called_once_with(
            ctxt, method, **rpc_kwargs)
        self.assertIs(prepare.return_value.call.return_value, result)

    def test_object_class_action_versions(self):
        self._check_call(
            'object_class_action_versions',
            dict(objname='Service', objmethod='get_by_id',
                 object_versions={'Service': '1.0'}, args=(1,), kwargs={}),
            'Service', 'get_by_id', {'Service': '1.0'}, (1,), {})

    def test_object_action(self):
        self._check_call(
            'object_action',
            dict(objinst='obj', objmethod='save', args=(), kwargs={'a': 1}),
            'obj', 'save', (), {'a': 1})

    def test_object_backport_versions(self):
        self._check_call(
            'object_backport_versions',
            dict(objinst='obj', object_versions={'Service': '1.0'}),
            'obj', {'Service': '1.0'})
