"""nova-scheduler: the scheduler daemon."""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-scheduler until SIGTERM; :returns: the exit code."""
    # NOTE: first thing, before the libraries below are imported.
    monkey_patch.patch(default=monkey_patch.THREADING)

    from nova_clone import config
    from nova_clone import objects
    from nova_clone import rpc
    from nova_clone import service

    argv = list(sys.argv if argv is None else argv)
    config.parse_args(argv)
    config.setup_logging('nova-scheduler')
    objects.register_all()
    from nova_clone.conf import CONF
    rpc.init(CONF)
    server = service.Service.create(binary='nova-scheduler',
                                    topic='scheduler')
    service.run(server)
    rpc.cleanup()
    return 0


if __name__ == '__main__':
    sys.exit(main())
