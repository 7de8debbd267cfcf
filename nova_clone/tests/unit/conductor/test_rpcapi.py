"""The conductor RPC client honours [upgrade_levels] conductor."""

import oslo_messaging as messaging

from nova_clone.conductor import rpcapi
from nova_clone import config
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
