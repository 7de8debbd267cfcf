"""nova-conductor: the conductor daemon."""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-conductor until SIGTERM; :returns: the exit code."""
    # NOTE: first thing, before the libraries below are imported.
    monkey_patch.patch(default=monkey_patch.THREADING)

    from nova_clone.cmd import daemon

    daemon.prepare(argv, 'nova-conductor')
    return daemon.run_service('nova-conductor', 'conductor')


if __name__ == '__main__':
    sys.exit(main())
