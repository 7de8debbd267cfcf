"""nova-novncproxy as its own process of the aio cloud, serving Debian's
noVNC client (the ``novnc`` package) on 127.0.0.1.

It runs with either driver: the console API and token checks work with
the fake driver too, only a libvirt guest answers behind the proxy.
"""

import os

from tools.aio_lib import nova
from tools.aio_lib import procs
from tools.aio_lib import settings as aio_settings

NAME = 'nova-novncproxy'
WEB = '/usr/share/novnc'
# noVNC 1.3's small client: reads ?path=... and connects at once.
PAGE = '/vnc_lite.html'


def base_url(s):
    return s.url(NAME, PAGE)


def configure(s, conf):
    """The proxy's address in nova.conf; nova-compute hands out console
    URLs built from ``novncproxy_base_url``.

    :param conf: nova.conf's ``{section: {option: value}}``, changed.
    """
    conf['DEFAULT']['web'] = WEB
    conf.setdefault('vnc', {}).update({
        'enabled': True,
        'novncproxy_host': aio_settings.HOST,
        'novncproxy_port': s.ports[NAME],
        'novncproxy_base_url': base_url(s)})
    return conf


def daemons(s):
    """:returns: {name: Daemon} of the console proxies."""
    # Reads nova.conf: tokens come from the cell database.
    return {NAME: procs.Daemon(s, NAME, nova.daemon_argv(s, NAME),
                               port=s.ports[NAME], health=PAGE)}


def web_ready():
    return os.path.exists(os.path.join(WEB, PAGE.lstrip('/')))
