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

    from nova_clone.cmd import daemon
    from nova_clone.conductor import api as conductor_api
    from nova_clone import context as nova_context
    from nova_clone.objects import base as objects_base

    CONF = daemon.prepare(argv, 'nova-compute', configure_db=False)
    if CONF.database.connection or CONF.api_database.connection:
        # NOTE: the options are ignored (parse_args did not configure the
        # engines), so a shared nova.conf still works; say so.
        import logging
        logging.getLogger(__name__).warning(
            'nova-compute ignores [database] and [api_database]: it '
            'reaches the database only through nova-conductor. Remove '
            'the credentials from this host.')
    objects_base.NovaObject.indirection_api = (
        conductor_api.ConductorIndirectionAPI())
    conductor_api.API().wait_until_ready(nova_context.get_admin_context())
    return daemon.run_service('nova-compute', 'compute')


if __name__ == '__main__':
    sys.exit(main())
