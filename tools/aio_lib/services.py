"""The daemons of the cloud, in start order, and their health checks."""

import time
import urllib.error
import urllib.request

from tools.aio_lib import computes
from tools.aio_lib import consoles
from tools.aio_lib import glance
from tools.aio_lib import keystone
from tools.aio_lib import libvirt_host
from tools.aio_lib import nova
from tools.aio_lib import placement
from tools.aio_lib import procs
from tools.aio_lib import runner
from tools.aio_lib import system

# name -> health path for the HTTP services.
HEALTH = {
    'keystone': '/v3',
    'placement': '/',
    'glance': '/versions',
    'nova-api': '/',
}
ORDER = ('keystone', 'placement', 'glance', 'nova-conductor',
         'nova-scheduler', 'nova-compute', 'nova-api')


def daemons(s):
    """:returns: {name: Daemon} for every service, in start order."""
    table = {}
    for name, module in (('keystone', keystone), ('placement', placement),
                         ('glance', glance)):
        argv, env = module.daemon_args(s)
        table[name] = procs.Daemon(s, name, argv, env, port=s.ports[name],
                                   health=HEALTH[name])
    for name in nova.DAEMONS:
        port = s.ports['nova-api'] if name == 'nova-api' else None
        table[name] = procs.Daemon(s, name, nova.daemon_argv(s, name),
                                   port=port, health=HEALTH.get(name))
    # virtlogd and libvirtd (--driver libvirt) first, the proxy last.
    ordered = libvirt_host.daemons(s)
    ordered.update((name, table[name]) for name in ORDER)
    ordered.update(consoles.daemons(s))
    # Added compute hosts (tools/aio add-compute) start after the first.
    ordered.update(computes.daemons(s))
    return ordered


def http_status(daemon, timeout=5):
    """:returns: the HTTP status of the health URL, or an error string."""
    url = 'http://127.0.0.1:%d%s' % (daemon.port, daemon.health)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError) as exc:
        return getattr(exc, 'reason', exc).__class__.__name__


def healthy(daemon):
    """:returns: (ok, text) for ``status`` and the start wait."""
    pid = daemon.pid()
    if pid is None:
        return False, 'stopped'
    if daemon.port is None:
        return True, 'running'
    code = http_status(daemon)
    if isinstance(code, int) and code < 500:
        return True, 'HTTP %d' % code
    return False, 'HTTP %s' % code


def _start(daemon):
    if daemon.port and system.listening(daemon.port):
        raise runner.StepFailed(
            'port %d is taken by a process that is not ours'
            % daemon.port, [daemon.log])
    daemon.start()
    if daemon.port is None:
        # No health URL: give a bad configuration time to kill it.
        time.sleep(3)
        if daemon.exited() is not None:
            raise runner.StepFailed('%s exited with %s' % (
                daemon.name, daemon.exited()), [daemon.log])
    return 'started (pid %d)' % daemon.pid()


def _wait_healthy(daemon, timeout):
    """:returns: the health text, or None after ``timeout`` seconds."""
    deadline = time.time() + timeout
    while True:
        if daemon.exited() is not None:
            raise runner.StepFailed('%s exited with %s' % (
                daemon.name, daemon.exited()), [daemon.log])
        ok, text = healthy(daemon)
        if ok:
            return text
        if time.time() > deadline:
            return None
        time.sleep(0.5)


def ensure_running(s, daemon, timeout=120):
    """Start a daemon that is not running, then wait until it serves.

    A process that runs but does not answer is restarted once.

    :returns: a note for the progress line.
    :raises StepFailed: when it dies or never answers.
    """
    pid = daemon.pid()
    if pid:
        text = _wait_healthy(daemon, 20)
        if text:
            return 'already running (pid %d), %s' % (pid, text)
        daemon.stop()
        note = 'restarted (was not answering)'
        _start(daemon)
    else:
        note = _start(daemon)
    text = _wait_healthy(daemon, timeout)
    if text is None:
        raise runner.StepFailed('%s not healthy after %ds: %s' % (
            daemon.name, timeout, healthy(daemon)[1]), [daemon.log])
    return '%s, %s' % (note, text)
