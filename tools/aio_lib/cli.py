"""``tools/aio up|down|status|logs [SERVICE]|clean|add-compute NAME``."""

import argparse
import os
import shutil
import sys

from tools.aio_lib import computes
from tools.aio_lib import consoles
from tools.aio_lib import databases
from tools.aio_lib import glance
from tools.aio_lib import keystone
from tools.aio_lib import libvirt_host
from tools.aio_lib import nova
from tools.aio_lib import placement
from tools.aio_lib import runner
from tools.aio_lib import services
from tools.aio_lib import settings as aio_settings
from tools.aio_lib import system

CONFIGS = (('keystone', keystone, ('keystone',)),
           ('placement', placement, ('placement',)),
           ('glance', glance, ('glance',)),
           ('nova', nova, nova.DAEMONS + (consoles.NAME,)))


def _in_venv(s):
    return os.path.realpath(sys.prefix) == os.path.realpath(s.venv)


def _reexec_in_venv(s, argv):
    """Continue ``up`` with the virtualenv's python (openstacksdk...)."""
    env = dict(os.environ, AIO_T0=repr(runner.T0), AIO_PHASE='2')
    script = os.path.join(aio_settings.TOP, 'tools', 'aio')
    sys.stdout.flush()
    os.execve(s.python, [s.python, script] + argv, env)


def up_system(s, r):
    """Phase 1 (any python3): machine packages, RabbitMQ, virtualenv."""
    os.makedirs(s.path('logs'), exist_ok=True)
    os.makedirs(s.path('run'), exist_ok=True)
    setup_log = s.log_file('aio-setup')
    r.step('rabbitmq', lambda: system.ensure_rabbitmq(s, setup_log),
           logs=[setup_log])
    r.step('database server', lambda: system.ensure_database_server(
        s, setup_log), logs=[setup_log])
    # Before the virtualenv: libvirt-python builds against libvirt-dev.
    libvirt_host.system_steps(s, r, setup_log)
    r.step('virtualenv (pip install, constraints)',
           lambda: system.ensure_venv(s, setup_log),
           # The stamp lives in the virtualenv: clouds share it.
           stamp=os.path.join(s.venv, '.aio-installed'),
           token=system.venv_token(s),
           logs=[setup_log])


def _restart_if_changed(s, r, table):
    """Write every config file; a daemon whose file changed restarts."""
    changed = set()
    for label, module, names in CONFIGS:
        if module.write_config(s):
            changed.update(names)
    changed.update(computes.write_configs(s))
    # Reverse start order: nova-compute still talks to nova-conductor
    # while it stops.
    for name in reversed(list(table)):
        if name in changed and table[name].stop():
            runner.say('%-34s stopped (configuration changed)' % name)


def up_cloud(s, r):
    """Phase 2 (the virtualenv's python): the services and the content."""
    from tools.aio_lib import cloud

    token = s.db + (':' + s.db_prefix if s.db_prefix else '')
    table = services.daemons(s)
    r.step('databases', lambda: databases.create(s, s.log_file('aio-setup')),
           stamp='databases', token=token, logs=[s.log_file('aio-setup')])
    r.step('configuration files', lambda: _restart_if_changed(s, r, table)
           or s.path('etc'))

    klog = s.log_file('keystone-setup')
    r.step('keystone db sync', lambda: keystone.db_sync(s),
           stamp='keystone-db', token=token, logs=[klog])
    r.step('keystone fernet/credential keys',
           lambda: keystone.keys_setup(s), stamp='keystone-keys',
           logs=[klog])
    r.step('keystone bootstrap', lambda: keystone.bootstrap(s),
           stamp='keystone-bootstrap', token=token, logs=[klog])
    r.step('SQLite write-ahead log', lambda: databases.use_wal(s))
    r.step('keystone (gunicorn :%d)' % s.ports['keystone'],
           lambda: services.ensure_running(s, table['keystone']))
    r.step('identity: projects, users, catalog',
           lambda: cloud.identity(s), stamp='identity', token=token,
           logs=[table['keystone'].log])

    r.step('placement db sync', lambda: placement.db_sync(s),
           stamp='placement-db', token=token,
           logs=[s.log_file('placement-setup')])
    r.step('SQLite write-ahead log', lambda: databases.use_wal(s))
    r.step('placement (gunicorn :%d)' % s.ports['placement'],
           lambda: services.ensure_running(s, table['placement']))
    r.step('glance db sync', lambda: glance.db_sync(s),
           stamp='glance-db', token=token,
           logs=[s.log_file('glance-setup')])
    r.step('SQLite write-ahead log', lambda: databases.use_wal(s))
    r.step('glance (gunicorn :%d)' % s.ports['glance'],
           lambda: services.ensure_running(s, table['glance']))

    r.step('nova databases and cells', lambda: nova.db_setup(s),
           stamp='nova-db', token=token, logs=[s.log_file('nova-setup')])
    for name in libvirt_host.daemons(s):
        # Started by phase 1; this restarts one that died since.
        r.step(name, lambda name=name: services.ensure_running(
            s, table[name]))
    for name in ('nova-conductor', 'nova-scheduler', 'nova-compute',
                 'nova-api', consoles.NAME):
        label = name if name not in s.ports else '%s (:%d)' % (
            name, s.ports[name])
        r.step(label, lambda name=name: services.ensure_running(
            s, table[name]))
    for name in computes.names(s):
        r.step(computes.PREFIX + name, lambda name=name:
               services.ensure_running(s, table[computes.PREFIX + name]))

    r.step('compute node in placement', lambda: cloud.wait_compute_node(s),
           logs=[table['nova-compute'].log])
    r.step('nova-compute heartbeat', lambda: cloud.wait_compute_service(s),
           logs=[table['nova-compute'].log])
    r.step('nova-manage cell_v2 discover_hosts',
           lambda: nova.discover_hosts(s), logs=[s.log_file('nova-setup')])
    r.step('flavors m1.nano..m1.large', lambda: cloud.flavors(s),
           logs=[table['nova-api'].log])
    if libvirt_host.enabled(s):
        r.step('image %s: the tiny guest' % cloud.IMAGE_NAME,
               lambda: libvirt_host.image(s, cloud.IMAGE_NAME),
               logs=[table['glance'].log, s.log_file('aio-setup')])
    else:
        r.step('image %s' % cloud.IMAGE_NAME, lambda: cloud.image(s),
               logs=[table['glance'].log])
    r.step('openrc files', lambda: cloud.write_openrc(s))


def cmd_up(s, args, argv):
    r = runner.Runner(s)
    try:
        if os.environ.get('AIO_PHASE') != '2':
            runner.say('up: data %s, venv %s, databases %s'
                       % (s.data_dir, s.venv, s.db))
            up_system(s, r)
            if not _in_venv(s):
                _reexec_in_venv(s, argv)
        up_cloud(s, r)
    except runner.StepFailed as exc:
        return runner.report_failure(exc)
    status_rc = cmd_status(s, args, argv)
    print('openrc: %s (admin), %s (demo)'
          % (s.openrc_path('admin'), s.openrc_path('demo')))
    if s.skip_selfcheck:
        runner.say('self-check skipped (AIO_SKIP_SELFCHECK)')
        return status_rc
    from tools.aio_lib import cloud
    try:
        r.step('self-check: boot m1.tiny --nic none, delete',
               lambda: cloud.selfcheck(s))
    except runner.StepFailed as exc:
        runner.report_failure(exc)
        runner.say('self-check FAILED: the services run, but booting a '
                   'server does not work (see above)')
        return 3
    runner.say('cloud is up: source %s' % s.openrc_path('demo'))
    return status_rc


def cmd_add_compute(s, args, argv):
    """Start one more compute host and map it to cell1."""
    if not _in_venv(s):
        _reexec_in_venv(s, argv)
    from tools.aio_lib import cloud
    r = runner.Runner(s)
    name = args.name
    daemon = computes.daemon(s, name)
    try:
        r.step('check', lambda: computes.check_name(s, name))
        r.step('configuration (no database)',
               lambda: computes.configure(s, name))
        r.step(daemon.name, lambda: services.ensure_running(s, daemon))
        r.step('compute node %s in placement' % name,
               lambda: cloud.wait_compute_node(s, host=name),
               logs=[daemon.log])
        r.step('nova-manage cell_v2 discover_hosts',
               lambda: nova.discover_hosts(s),
               logs=[s.log_file('nova-setup')])
    except runner.StepFailed as exc:
        return runner.report_failure(exc)
    runner.say('as admin: openstack server create --availability-zone '
               'nova:%s ...' % name)
    return 0


def cmd_remove_compute(s, args, argv):
    """Stop an added compute host and delete its service record."""
    if not _in_venv(s):
        _reexec_in_venv(s, argv)
    from tools.aio_lib import cloud
    name = args.name
    if name not in computes.names(s):
        print('no added compute host %r; added: %s' % (
            name, ', '.join(computes.names(s)) or 'none'), file=sys.stderr)
        return 2
    r = runner.Runner(s)
    daemon = computes.daemon(s, name)
    try:
        # Stopped first: a running nova-compute writes its record again.
        r.step('stop ' + daemon.name,
               lambda: 'stopped' if daemon.stop() else 'not running')
        r.step('delete its compute service',
               lambda: '%d deleted' % cloud.delete_compute_service(s, name),
               logs=[s.log_file('nova-api')])
    except runner.StepFailed as exc:
        return runner.report_failure(exc)
    computes.forget(s, name)
    shutil.rmtree(s.path('nova-' + name), ignore_errors=True)
    return 0


def cmd_down(s, args, argv):
    _stop_all(s)
    runner.say('data kept in %s (tools/aio clean removes it)' % s.data_dir)
    return 0


def _stop_all(s):
    table = services.daemons(s)
    for name in reversed(list(table)):
        daemon = table[name]
        pid = daemon.pid()
        if daemon.stop():
            runner.say('%-16s stopped (pid %d)' % (name, pid))
        else:
            runner.say('%-16s not running' % name)


def cmd_status(s, args, argv):
    table = services.daemons(s)
    rows = [('SERVICE', 'PID', 'PORT', 'HEALTH')]
    bad = 0
    for name, daemon in table.items():
        ok, text = services.healthy(daemon)
        bad += not ok
        rows.append((name, str(daemon.pid() or '-'),
                     str(daemon.port or '-'), text))
    rabbit = system.listening(s.ports['rabbitmq'])
    bad += not rabbit
    rows.append(('rabbitmq', '-', str(s.ports['rabbitmq']),
                 'listening' if rabbit else 'down'))
    width = max(len(row[0]) for row in rows)
    for row in rows:
        print('%-*s %-8s %-6s %s' % ((width,) + row))
    return 1 if bad else 0


def cmd_logs(s, args, argv):
    names = list(services.daemons(s)) + ['aio-setup', 'keystone-setup',
                                    'placement-setup', 'glance-setup',
                                    'nova-setup']
    if args.service:
        if args.service not in names:
            print('unknown service %r; one of: %s'
                  % (args.service, ', '.join(names)), file=sys.stderr)
            return 2
        log = s.log_file(args.service)
        if args.follow:
            os.execvp('tail', ['tail', '-n', str(args.lines), '-F', log])
        print(runner.tail(log, args.lines))
        return 0
    for name in names:
        log = s.log_file(name)
        if os.path.exists(log):
            print('==== %s (%d bytes)' % (log, os.path.getsize(log)))
            print(runner.tail(log, 5))
    return 0


def cmd_clean(s, args, argv):
    _stop_all(s)
    databases.drop(s, s.log_file('aio-setup'))
    if s.rabbit_vhost and system.listening(s.ports['rabbitmq']):
        system.delete_vhost(s.rabbit_vhost, s.log_file('aio-setup'))
        runner.say('removed RabbitMQ vhost %s' % s.rabbit_vhost)
    if os.path.isdir(s.data_dir):
        shutil.rmtree(s.data_dir)
        runner.say('removed %s' % s.data_dir)
    if args.venv and os.path.isdir(s.venv):
        shutil.rmtree(s.venv)
        runner.say('removed %s' % s.venv)
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='tools/aio', description='A whole nova_clone cloud on this '
        'machine: Keystone, Placement, Glance and nova_clone on 127.0.0.1.')
    sub = parser.add_subparsers(dest='command', required=True)
    up = sub.add_parser('up', help='install what is missing, start '
                        'everything, create flavors/image/openrc, boot a '
                        'test server')
    up.add_argument('--driver', choices=libvirt_host.DRIVERS,
                    help='nova-compute\'s virt driver (AIO_DRIVER; '
                    'default: the last up\'s, else fake); auto is libvirt '
                    'where libvirtd can run, else fake')
    sub.add_parser('down', help='stop every daemon (data is kept)')
    sub.add_parser('status', help='service, PID, port, health')
    logs = sub.add_parser('logs', help='tail the logs')
    logs.add_argument('service', nargs='?')
    logs.add_argument('-n', '--lines', type=int, default=100)
    logs.add_argument('-f', '--follow', action='store_true')
    add = sub.add_parser('add-compute', help='start one more nova-compute '
                         '(its own host name and config file, no database '
                         'credentials) and map it with discover_hosts')
    add.add_argument('name', help='the new host name')
    remove = sub.add_parser('remove-compute', help='stop an added compute '
                            'host and delete its service record')
    remove.add_argument('name')
    clean = sub.add_parser('clean', help='down, then remove the data dir '
                           'and the databases')
    clean.add_argument('--venv', action='store_true',
                       help='remove the virtualenv too')
    return parser.parse_args(argv)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    # NOTE: not in phase 2: phase 1 resolved 'auto' into AIO_DRIVER.
    if getattr(args, 'driver', None) and os.environ.get('AIO_PHASE') != '2':
        os.environ['AIO_DRIVER'] = args.driver
    s = aio_settings.Settings()
    command = {'up': cmd_up, 'down': cmd_down, 'status': cmd_status,
               'logs': cmd_logs, 'clean': cmd_clean,
               'add-compute': cmd_add_compute,
               'remove-compute': cmd_remove_compute}[args.command]
    return command(s, args, argv)
