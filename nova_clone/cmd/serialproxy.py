"""nova-serialproxy: a websocket proxy to guests' serial consoles (TCP)."""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-serialproxy until SIGTERM; :returns: the exit code."""
    monkey_patch.patch(default=monkey_patch.EVENTLET)

    from nova_clone.cmd import baseproxy

    CONF = baseproxy.prepare(argv, 'nova-serialproxy')
    return baseproxy.proxy(CONF, CONF.serial_console.serialproxy_host,
                           CONF.serial_console.serialproxy_port)


if __name__ == '__main__':
    sys.exit(main())
