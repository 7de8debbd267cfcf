"""One-time setup of upstream nova: virtualenv, databases, vhost, cells."""

import hashlib
import os
import subprocess

from tools.aio_lib import runner
from tools.bench_lib import upstream_conf


def install(s):
    """Upstream nova in its own virtualenv, with the aio cloud's library
    versions wherever nova shares them (tools/aio-constraints.txt), so both
    clouds run on the same oslo.* and keystoneauth1.

    :returns: the installed version.
    """
    log = s.log_file('install')
    if not os.path.exists(s.bin('python')):
        # NOTE: a fresh venv; even when python3 is the aio venv's, venv
        # builds on the base interpreter and shares no site-packages.
        runner.run(['python3', '-m', 'venv', s.venv], log)
    want = s.spec.partition('==')[2]
    have = _installed(s)
    if not want or have != want:
        runner.run([s.bin('pip'), 'install', '-q', '-c', s.aio.constraints,
                    s.spec, 'PyMySQL', 'gunicorn'], log)
        have = _installed(s)
    return 'nova %s in %s' % (have, s.venv)


def _installed(s):
    proc = subprocess.run(
        [s.bin('python'), '-c',
         'import importlib.metadata as m; print(m.version("nova"))'],
        capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def _mysql(s, statements):
    """Run SQL as the MariaDB administrator tools/aio uses (root, no
    password over TCP unless AIO_DB_ADMIN_PASSWORD says otherwise).
    """
    cmd = ['mysql', '-h', s.aio.db_host, '-u', s.aio.db_admin_user]
    if s.aio.db_admin_password:
        cmd.append('-p' + s.aio.db_admin_password)
    runner.run(cmd, s.log_file('setup'),
               input=';\n'.join(statements) + ';\n')


def databases(s):
    """The three databases and the account nova uses for them."""
    password = s.db_password
    user = upstream_conf.DB_USER
    statements = []
    for host in ('127.0.0.1', 'localhost'):
        statements.append("CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED "
                          "BY '%s'" % (user, host, password))
        statements.append("ALTER USER '%s'@'%s' IDENTIFIED BY '%s'"
                          % (user, host, password))
    for name in upstream_conf.DATABASES:
        statements.append('CREATE DATABASE IF NOT EXISTS %s CHARACTER SET '
                          'utf8mb4' % name)
        for host in ('127.0.0.1', 'localhost'):
            statements.append("GRANT ALL ON %s.* TO '%s'@'%s'"
                              % (name, user, host))
    _mysql(s, statements)
    return ', '.join(upstream_conf.DATABASES)


def drop_databases(s):
    _mysql(s, ['DROP DATABASE IF EXISTS %s' % name
               for name in upstream_conf.DATABASES])


def vhost(s):
    """A RabbitMQ vhost of its own: oslo.messaging names queues after the
    topic only ('conductor', 'scheduler'), so on the aio cloud's vhost each
    cloud's daemons would consume the other's messages.
    """
    log = s.log_file('setup')
    # Succeeds (exit 0) when the vhost exists already.
    runner.run(['rabbitmqctl', 'add_vhost', s.rabbit_vhost], log)
    runner.run(['rabbitmqctl', 'set_permissions', '-p', s.rabbit_vhost,
                'guest', '.*', '.*', '.*'], log)
    return s.rabbit_vhost


def manage(s, *args, check=True):
    return runner.run([s.bin('nova-manage'), '--config-file', s.conf_file]
                      + list(args), s.log_file('setup'), check=check)


def cells(s):
    """api_db sync, cell0, cell1, db sync: each is idempotent, but the four
    take ~40 s on 2 cores, so a stamp of the version and nova.conf skips
    them when neither changed.
    """
    with open(s.conf_file, 'rb') as f:
        token = '%s %s' % (s.spec, hashlib.sha1(f.read()).hexdigest())
    stamp = s.path('cells.stamp')
    if os.path.exists(stamp) and open(stamp).read() == token:
        return 'done before'
    manage(s, 'api_db', 'sync')
    manage(s, 'cell_v2', 'map_cell0')
    # Exit code 2: the cell exists already.
    rc = manage(s, 'cell_v2', 'create_cell', '--name', 'cell1',
                check=False).returncode
    if rc not in (0, 2):
        raise runner.StepFailed('create_cell exited with %d' % rc,
                                [s.log_file('setup')])
    manage(s, 'db', 'sync')
    runner.write_file(stamp, token)
    return 'cell0 + cell1'
