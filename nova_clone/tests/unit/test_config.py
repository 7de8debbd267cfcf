"""parse_args: the options every program relies on are registered."""

import oslo_messaging as messaging

from nova_clone import config
from nova_clone import conf as nova_conf
from nova_clone.tests import base


class ParseArgsTestCase(base.NoDBTestCase):

    def test_transport_options_registered_and_transport_works(self):
        # NOTE: CLI options (oslo.log's) can only be registered unparsed.
        nova_conf.CONF.clear()
        config.parse_args(['prog'], default_config_files=[],
                          configure_db=False)
        conf = nova_conf.CONF
        self.assertEqual('nova', conf.control_exchange)
        self.assertIn('transport_url', conf)
        # Regression: registering copies of oslo.messaging's options made
        # every later transport creation fail with DuplicateOptError.
        transport = messaging.get_rpc_transport(conf, url='fake:/')
        self.addCleanup(transport.cleanup)
        url = messaging.TransportURL.parse(conf, 'rabbit://u:p@h:5672/')
        self.assertEqual('rabbit', url.transport)
