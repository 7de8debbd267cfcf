"""nova-novncproxy: noVNC's web client and a websocket proxy to guests' VNC.

Serve noVNC from ``[DEFAULT] web`` (Debian's ``novnc`` package installs it
in /usr/share/novnc) and point ``[vnc] novncproxy_base_url`` at its
``vnc_lite.html`` or ``vnc_auto.html``.
"""

import sys

from nova_clone import monkey_patch


def main(argv=None):
    """Run nova-novncproxy until SIGTERM; :returns: the exit code."""
    # NOTE: first thing; websockify's proxies run on eventlet by default.
    monkey_patch.patch(default=monkey_patch.EVENTLET)

    from nova_clone.cmd import baseproxy
    from nova_clone.console.securityproxy import rfb

    CONF = baseproxy.prepare(argv, 'nova-novncproxy')
    # NOTE: as nova: the RFB security proxy only steps in when the
    # hypervisor side needs more than "None" authentication.
    security_proxy = None
    if 'vencrypt' in CONF.vnc.auth_schemes:
        security_proxy = rfb.RFBSecurityProxy()
    return baseproxy.proxy(CONF, CONF.vnc.novncproxy_host,
                           CONF.vnc.novncproxy_port,
                           security_proxy=security_proxy)


if __name__ == '__main__':
    sys.exit(main())
