"""tools/bench upstream-up/-down/-status: upstream nova beside the aio cloud.

Upstream nova (the newest release on PyPI) in its own virtualenv, with its
own MariaDB databases, RabbitMQ vhost, API port and compute host name, on
the aio cloud's Keystone, Placement and Glance, so ``tools/bench --compare``
measures both clouds on one machine in one run. Daemons are processes with
a PID file and a log each under the data directory, as tools/aio runs ours.
"""

import os
import shutil
import socket
import subprocess
import sys
import time

from tools.aio_lib import procs
from tools.aio_lib import runner
from tools.bench_lib import upstream_conf
from tools.bench_lib import upstream_setup

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def daemons(s):
    """:returns: the processes in start order."""
    conf = ['--config-file', s.conf_file]
    api_env = {'OS_NOVA_CONFIG_DIR': s.path('etc'),
               'OS_NOVA_CONFIG_FILES': 'api-paste.ini;nova.conf'}
    return [
        procs.Daemon(s, 'neutron-standin', [
            'python3', os.path.join(TOP, 'tools', 'bench_lib',
                                    'upstream_neutron.py'),
            '--port', str(s.neutron_port)], port=s.neutron_port),
        procs.Daemon(s, 'nova-conductor', [s.bin('nova-conductor')] + conf),
        procs.Daemon(s, 'nova-scheduler', [s.bin('nova-scheduler')] + conf),
        procs.Daemon(s, 'nova-compute', [s.bin('nova-compute'),
                                         '--config-file',
                                         s.compute_conf_file]),
        # NOTE: gunicorn with 2 workers, as issue 8 measured upstream.
        # gunicorn retitles its master as "gunicorn: master [NAME]";
        # a --name with the data directory keeps what tools/bench's
        # daemons scenario matches a cloud's processes by.
        procs.Daemon(s, 'nova-api', [
            s.bin('gunicorn'), '--name', 'nova-api %s/' % s.data_dir,
            '--workers', str(s.api_workers),
            '--bind', '127.0.0.1:%d' % s.api_port, '--timeout', '300',
            '--chdir', s.data_dir, '--pythonpath', TOP,
            'tools.bench_lib.upstream_wsgi:application'],
            env=api_env, port=s.api_port, health='/'),
    ]


def _wait_port(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(('127.0.0.1', port)) == 0:
                return True
        time.sleep(0.5)
    return False


def start(s):
    started = []
    for daemon in daemons(s):
        if daemon.pid():
            continue
        daemon.start()
        started.append(daemon.name)
    for daemon in daemons(s):
        if daemon.port and not _wait_port(daemon.port):
            raise runner.StepFailed('%s is not listening on %d'
                                    % (daemon.name, daemon.port),
                                    [daemon.log])
    return 'started %s' % (', '.join(started) or 'nothing (all running)')


def _compute_registered(s):
    proc = subprocess.run(
        ['mysql', '-h', s.aio.db_host, '-u', s.aio.db_admin_user, '-N',
         '-e', "SELECT host FROM nova_upstream.services WHERE "
         "`binary`='nova-compute' AND deleted=0"],
        capture_output=True, text=True)
    return upstream_conf.HOST in proc.stdout.split()


def discover(s, timeout=180):
    """Wait for nova-compute's service record, then map its host."""
    deadline = time.time() + timeout
    while not _compute_registered(s):
        if time.time() > deadline:
            raise runner.StepFailed('nova-compute did not register',
                                    [s.log_file('nova-compute')])
        time.sleep(2)
    upstream_setup.manage(s, 'cell_v2', 'discover_hosts', '--by-service')
    return upstream_conf.HOST


def flavor(s, timeout=120):
    """m1.nano as the aio cloud has it; waits until the API answers."""
    from tools.bench_lib import cloud
    deadline = time.time() + timeout
    while True:
        try:
            target = cloud.Cloud(s.openrc)
            break
        except Exception:  # noqa: BLE001 - workers still importing nova
            if time.time() > deadline:
                raise
            time.sleep(2)
    have = {f['name'] for f in target.get('/flavors')['flavors']}
    if upstream_conf.NANO['name'] in have:
        return 'm1.nano exists; API at microversion %s' % target.microversion
    nano = dict(upstream_conf.NANO)
    target.request('POST', '/flavors', json={'flavor': nano})
    return 'created m1.nano; API at microversion %s' % target.microversion


def configure(s):
    upstream_conf.write(s)
    upstream_conf.write_openrc(s)
    return '%s, %s' % (s.conf_file, s.openrc)


def up(s):
    r = _Steps()
    r.step('install %s' % s.spec, lambda: upstream_setup.install(s),
           [s.log_file('install')])
    r.step('MariaDB databases', lambda: upstream_setup.databases(s),
           [s.log_file('setup')])
    r.step('RabbitMQ vhost', lambda: upstream_setup.vhost(s),
           [s.log_file('setup')])
    r.step('nova.conf, openrc', lambda: configure(s))
    r.step('nova-manage db/cells', lambda: upstream_setup.cells(s),
           [s.log_file('setup')])
    r.step('daemons', lambda: start(s),
           [d.log for d in daemons(s)])
    r.step('discover compute host', lambda: discover(s),
           [s.log_file('setup')])
    r.step('flavor', lambda: flavor(s), [s.log_file('nova-api')])
    print('upstream nova is up: source %s' % s.openrc)
    return 0


def down(s, purge=False):
    for daemon in reversed(daemons(s)):
        if daemon.stop():
            print('stopped %s' % daemon.name)
    if purge:
        upstream_setup.drop_databases(s)
        subprocess.run(['rabbitmqctl', 'delete_vhost', s.rabbit_vhost],
                       check=False, capture_output=True)
        shutil.rmtree(s.data_dir, ignore_errors=True)
        dropped = _drop_provider(s)
        print('removed databases, vhost, %s and %d resource provider(s)'
              % (s.data_dir, dropped))
    return 0


def _drop_provider(s):
    """Delete upstream's compute provider(s) and their allocations from
    the shared Placement: a new compute node of the same name would be
    refused (409) while the old provider exists.
    """
    from keystoneauth1 import adapter

    from tools.bench_lib import cloud
    session = cloud.Cloud(s.aio.openrc_path('admin')).session
    placement = adapter.Adapter(session, service_type='placement',
                                interface='public')
    providers = placement.get('/resource_providers?name=%s'
                              % upstream_conf.HOST).json()
    for rp in providers['resource_providers']:
        allocations = placement.get('/resource_providers/%s/allocations'
                                    % rp['uuid']).json()['allocations']
        for consumer in allocations:
            placement.delete('/allocations/%s' % consumer, raise_exc=False)
        placement.delete('/resource_providers/%s' % rp['uuid'])
    return len(providers['resource_providers'])


def status(s):
    for daemon in daemons(s):
        pid = daemon.pid()
        print('%-16s %-8s %s' % (daemon.name, pid or '-',
                                 'running' if pid else 'stopped'))
    return 0


class _Steps(object):
    """One line per step with its seconds; the log tails on failure."""

    def __init__(self):
        self.t0 = time.time()

    def step(self, name, func, logs=()):
        started = time.time()
        try:
            note = func()
        except Exception as exc:
            print('[upstream %6.1fs] FAILED %s: %s'
                  % (time.time() - self.t0, name, exc), flush=True)
            for log in list(getattr(exc, 'logs', [])) + list(logs):
                print('---- %s ----\n%s' % (log, runner.tail(log)),
                      file=sys.stderr)
            raise SystemExit(1)
        print('[upstream %6.1fs] %-28s ok (%.1fs)%s' % (
            time.time() - self.t0, name, time.time() - started,
            ' - %s' % note if isinstance(note, str) else ''), flush=True)


def main(command, purge=False):
    s = upstream_conf.Settings()
    if command == 'upstream-up':
        return up(s)
    if command == 'upstream-down':
        return down(s, purge=purge)
    return status(s)
