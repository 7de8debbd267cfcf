"""nova-spicehtml5proxy: spice-html5's web client and a websocket proxy to
guests' SPICE servers (``[DEFAULT] web`` defaults to /usr/share/spice-html5).
"""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-spicehtml5proxy until SIGTERM; :returns: the exit code."""
    monkey_patch.patch(default=monkey_patch.EVENTLET)

    from nova_clone.cmd import baseproxy

    CONF = baseproxy.prepare(argv, 'nova-spicehtml5proxy')
    return baseproxy.proxy(CONF, CONF.spice.html5proxy_host,
                           CONF.spice.html5proxy_port)


if __name__ == '__main__':
    sys.exit(main())
