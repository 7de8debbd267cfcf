"""nova-scheduler: the scheduler daemon."""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-scheduler until SIGTERM; :returns: the exit code."""
    # NOTE: first thing, before the libraries below are imported.
    monkey_patch.patch(default=monkey_patch.THREADING)

    from nova_clone.cmd import daemon

    daemon.prepare(argv, 'nova-scheduler')
    return daemon.run_service('nova-scheduler', 'scheduler')


if __name__ == '__main__':
    sys.exit(main())
