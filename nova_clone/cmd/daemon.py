"""Start-up shared by the daemons; import it only after monkey_patch.patch.

Every daemon parses its configuration, sets up logging, registers the
versioned objects and creates its RPC transport in the same order.
"""

import sys


def prepare(argv, binary, configure_db=True):
    """Parse config, log, register objects and init RPC.

    :returns: the parsed CONF.
    """
    from nova_clone import config
    from nova_clone import objects
    from nova_clone import rpc

    argv = list(sys.argv if argv is None else argv)
    config.parse_args(argv, configure_db=configure_db)
    config.setup_logging(binary)
    objects.register_all()
    from nova_clone.conf import CONF
    rpc.init(CONF)
    return CONF


def run_service(binary, topic):
    """Run the Service of ``binary`` until SIGTERM; :returns: 0."""
    from nova_clone import rpc
    from nova_clone import service

    server = service.Service.create(binary=binary, topic=topic)
    service.run(server)
    rpc.cleanup()
    return 0
