"""What the cloud needs from the machine: packages, RabbitMQ, a database
server when AIO_DB asks for one, and the virtualenv."""

import hashlib
import os
import shutil
import socket
import subprocess
import time

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings

POLICY_RC_D = '/usr/sbin/policy-rc.d'
# The peers and tools installed next to ``pip install -e <checkout>``;
# nova_clone's fake virt driver imports ``fixtures`` (as nova's does).
# Both database drivers, so that switching AIO_DB does not reinstall.
PEER_PACKAGES = ('keystone', 'openstack-placement', 'glance',
                 'python-openstackclient', 'openstacksdk', 'python-novaclient',
                 'gunicorn',
                 'PyMySQL', 'psycopg2-binary', 'fixtures')


def listening(port, host=aio_settings.HOST, timeout=1.0):
    """:returns: whether something accepts TCP connections there."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_listening(port, timeout, what, log=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if listening(port):
            return
        time.sleep(0.5)
    raise runner.StepFailed('%s does not listen on %s:%d after %ds'
                            % (what, aio_settings.HOST, port, timeout),
                            [log])


def _require_root(what):
    if os.geteuid() != 0:
        raise runner.StepFailed('%s needs root (apt-get); run tools/aio as '
                                'root or install it yourself' % what)


def apt_install(packages, log):
    """Install Debian packages without letting them start services.

    A temporary policy-rc.d forbids the maintainer scripts to start
    daemons (there may be no systemd at all); tools/aio starts them itself.
    """
    missing = [p for p in packages
               if subprocess.run(['dpkg', '-s', p], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL).returncode != 0]
    if not missing:
        return 'already installed'
    _require_root(' '.join(missing))
    env = {'DEBIAN_FRONTEND': 'noninteractive'}
    ours = not os.path.exists(POLICY_RC_D)
    if ours:
        runner.write_file(POLICY_RC_D, '#!/bin/sh\nexit 101\n', 0o755)
    try:
        apt = ['apt-get', '-o', 'DPkg::Lock::Timeout=900', '-q']
        runner.run(apt + ['update'], log, env=env)
        runner.run(apt + ['install', '-y', '--no-install-recommends',
                          '-o', 'Dpkg::Options::=--force-confold'] + missing,
                   log, env=env)
    finally:
        if ours:
            os.unlink(POLICY_RC_D)
    return 'installed ' + ' '.join(missing)


def ensure_rabbitmq(s, log):
    """RabbitMQ on 127.0.0.1 (reuse a running one, else install + start)
    and the cloud's vhost when AIO_RABBIT_VHOST names one."""
    port = s.ports['rabbitmq']
    if listening(port):
        note = 'already listening on %s:%d' % (aio_settings.HOST, port)
    else:
        note = _start_rabbitmq(s, log)
    if s.rabbit_vhost:
        note += ', ' + ensure_vhost(s.rabbit_vhost, log)
    return note


def _rabbitmqctl():
    # NOTE: it lives in /usr/sbin, which a user's PATH often lacks.
    found = shutil.which('rabbitmqctl', path=os.environ.get('PATH', '') +
                         ':/usr/sbin:/sbin')
    if not found:
        raise runner.StepFailed('AIO_RABBIT_VHOST needs rabbitmqctl on '
                                'this machine to create the vhost')
    return found


def ensure_vhost(vhost, log):
    """Create a RabbitMQ vhost for the guest user unless it exists."""
    ctl = _rabbitmqctl()
    names = subprocess.run([ctl, '-q', 'list_vhosts'], capture_output=True,
                           text=True, timeout=120).stdout.split()
    if vhost in names:
        return 'vhost %s' % vhost
    runner.run([ctl, 'add_vhost', vhost], log, timeout=120)
    runner.run([ctl, 'set_permissions', '-p', vhost, 'guest', '.*', '.*',
                '.*'], log, timeout=120)
    return 'vhost %s created' % vhost


def delete_vhost(vhost, log):
    """Remove a vhost (``tools/aio clean``); a missing one is fine."""
    runner.run([_rabbitmqctl(), 'delete_vhost', vhost], log, check=False,
               timeout=120)


def _start_rabbitmq(s, log):
    """Install RabbitMQ if needed and start it without systemd."""
    port = s.ports['rabbitmq']
    if not shutil.which('rabbitmq-server'):
        apt_install(['rabbitmq-server'], log)
    env = dict(os.environ,
               RABBITMQ_NODE_IP_ADDRESS=aio_settings.HOST,
               RABBITMQ_NODE_PORT=str(port),
               ERL_EPMD_ADDRESS=aio_settings.HOST,
               RABBITMQ_DIST_PORT=str(port + 20000),
               HOME=os.environ.get('HOME', '/root'))
    with open(log, 'ab') as out:
        out.write(b'\n$ rabbitmq-server -detached\n')
        # NOTE: -detached daemonizes; no systemd involved, so this works in
        # containers. The server keeps its data in /var/lib/rabbitmq.
        subprocess.run(['rabbitmq-server', '-detached'], env=env,
                       stdout=out, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, start_new_session=True)
    wait_listening(port, 120, 'RabbitMQ', log)
    return 'started (rabbitmq-server -detached)'


def ensure_database_server(s, log):
    """MariaDB or PostgreSQL on 127.0.0.1 when AIO_DB names one."""
    if s.db == 'sqlite':
        return 'SQLite files in %s' % s.path('db')
    if listening(s.db_port, s.db_host):
        return 'already listening on %s:%d' % (s.db_host, s.db_port)
    if s.db_host != aio_settings.HOST:
        raise runner.StepFailed('no database server at %s:%d'
                                % (s.db_host, s.db_port))
    if s.db == 'mysql':
        apt_install(['mariadb-server'], log)
        os.makedirs('/run/mysqld', exist_ok=True)
        shutil.chown('/run/mysqld', 'mysql', 'mysql')
        cmd = ['mysqld_safe', '--bind-address=' + aio_settings.HOST,
               '--port=%d' % s.db_port]
    else:
        apt_install(['postgresql'], log)
        versions = sorted(os.listdir('/etc/postgresql'))
        cmd = ['pg_ctlcluster', versions[-1], 'main', 'start',
               '--', '-o', '-c listen_addresses=%s -c port=%d'
               % (aio_settings.HOST, s.db_port)]
    with open(log, 'ab') as out:
        out.write(('\n$ %s\n' % ' '.join(cmd)).encode())
        subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    wait_listening(s.db_port, 120, s.db, log)
    return 'started %s' % cmd[0]


def venv_token(s):
    """:returns: a digest of what the virtualenv was built from."""
    digest = hashlib.sha256()
    for name in ('tools/aio-constraints.txt', 'requirements.txt',
                 'setup.cfg'):
        with open(os.path.join(aio_settings.TOP, name), 'rb') as f:
            digest.update(f.read())
    digest.update(' '.join(PEER_PACKAGES).encode())
    return digest.hexdigest()[:16]


def ensure_venv(s, log):
    """Create the virtualenv and install the checkout and the peers."""
    if not os.path.exists(s.python):
        check = 'import sys; print(sys.version_info >= (3, 11))'
        version = subprocess.run(['python3', '-c', check],
                                 capture_output=True, text=True).stdout.strip()
        if version != 'True':
            raise runner.StepFailed('the peers of this release need Python '
                                    '3.11 or newer as python3')
        if subprocess.run(['python3', '-c', 'import ensurepip, venv'],
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            apt_install(['python3-venv'], log)
        runner.run(['python3', '-m', 'venv', s.venv], log)
    pip = [s.python, '-m', 'pip', '--disable-pip-version-check']
    runner.run(pip + ['install', '-q', '-c', s.constraints, '-e',
                      aio_settings.TOP] + list(PEER_PACKAGES),
               log)
    runner.run(pip + ['check'], log, check=False)
    return s.venv
