"""nova-compute: the compute daemon (one per hypervisor host).

It has no database access: objects reach the database through
nova-conductor (the versioned-object indirection API).
"""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-compute until SIGTERM; :returns: the exit code."""
    # NOTE: first thing, before the libraries below are imported.
    monkey_patch.patch(default=monkey_patch.THREADING)

    from nova_clone.conductor import api as conductor_api
    from nova_clone import config
    from nova_clone import context as nova_context
    from nova_clone import objects
    from nova_clone.objects import base as objects_base
    from nova_clone import rpc
    from nova_clone import service

    argv = list(sys.argv if argv is None else argv)
    config.parse_args(argv, configure_db=False)
    config.setup_logging('nova-compute')
    objects.register_all()
    from nova_clone.conf import CONF
    if CONF.database.connection or CONF.api_database.connection:
        # NOTE: the options are ignored (parse_args did not configure the
        # engines), so a shared nova.conf still works; say so.
        import logging
        logging.getLogger(__name__).warning(
            'nova-compute ignores [database] and [api_database]: it '
            'reaches the database only through nova-conductor. Remove '
            'the credentials from this host.')
    rpc.init(CONF)
    objects_base.NovaObject.indirection_api = (
        conductor_api.ConductorIndirectionAPI())
    conductor_api.API().wait_until_ready(nova_context.get_admin_context())
    server = service.Service.create(binary='nova-compute', topic='compute')
    service.run(server)
    rpc.cleanup()
    return 0


if __name__ == '__main__':
    sys.exit(main())
