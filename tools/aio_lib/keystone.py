"""Keystone: keystone.conf, its database, fernet keys and bootstrap."""

import grp
import os
import pwd

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings


def conf_file(s):
    return s.etc('keystone', 'keystone.conf')


def write_config(s):
    """:returns: whether keystone.conf changed."""
    keys = s.path('keystone')
    return runner.write_ini(conf_file(s), {
        'DEFAULT': {'use_stderr': True},
        'database': {'connection': s.db_url('keystone')},
        'token': {'provider': 'fernet'},
        'fernet_tokens': {'key_repository': os.path.join(keys, 'fernet')},
        'fernet_receipts': {'key_repository': os.path.join(keys,
                                                           'receipts')},
        'credential': {'key_repository': os.path.join(keys, 'credential')},
        # NOTE: an in-process cache saves a database round trip per token
        # validation; only safe with the single process used on SQLite.
        'cache': {'enabled': s.db == 'sqlite',
                  'backend': 'dogpile.cache.memory'},
    })


def manage(s, *args):
    log = s.log_file('keystone-setup')
    runner.run([s.bin('keystone-manage'), '--config-file', conf_file(s)] +
               list(args), log)


def db_sync(s):
    manage(s, 'db_sync')


def keys_setup(s):
    """Fernet token, receipt and credential keys owned by this user."""
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    for sub in ('fernet', 'receipts', 'credential'):
        os.makedirs(s.path('keystone', sub), mode=0o700, exist_ok=True)
    for command in ('fernet_setup', 'receipt_setup', 'credential_setup'):
        manage(s, command, '--keystone-user', user, '--keystone-group',
               group)


def bootstrap(s):
    """Admin user/project/role, RegionOne and the identity endpoints."""
    url = s.auth_url
    manage(s, 'bootstrap',
           '--bootstrap-password', s.password('admin'),
           '--bootstrap-admin-url', url,
           '--bootstrap-internal-url', url,
           '--bootstrap-public-url', url,
           '--bootstrap-region-id', aio_settings.REGION)


def daemon_args(s):
    """:returns: (argv, env) of the gunicorn serving keystone."""
    return (gunicorn_argv(s, 'keystone', 'keystone.wsgi.api:application'),
            {'OS_KEYSTONE_CONFIG_FILES': conf_file(s)})


def gunicorn_argv(s, service, app):
    """:returns: gunicorn's command line for a peer's WSGI application.

    One process with threads on SQLite (one writer, no "database is
    locked"); two processes on a database server.
    """
    module, attr = app.split(':')
    # NOTE: keystone, placement and glance parse sys.argv with oslo.config
    # and would choke on gunicorn's options: a shim module empties it in
    # the worker before the application is imported.
    shim_dir = s.path('etc', 'wsgi')
    shim = 'aio_%s_wsgi' % service
    runner.write_file(os.path.join(shim_dir, shim + '.py'), (
        '"""WSGI entry of %s for tools/aio (gunicorn)."""\n'
        'import sys\n\n'
        'sys.argv = sys.argv[:1]\n'
        'from %s import %s as application  # noqa: E402\n'
    ) % (service, module, attr))
    workers = '1' if s.db == 'sqlite' else '2'
    # NOTE: measured under Tempest on SQLite (WAL, 60 s busy timeout):
    # keystone with 8 threads still failed 36 requests per run with
    # "database is locked" (a read transaction upgrading to a write gets
    # SQLITE_BUSY at once) and placement 4; glance none. Those two get
    # one thread on SQLite, so their writes never overlap.
    threads = '1' if s.db == 'sqlite' and service in (
        'keystone', 'placement') else '8'
    return [s.bin('gunicorn'), '--name', 'aio-' + service,
            '--workers', workers, '--threads', threads,
            '--bind', '%s:%d' % (aio_settings.HOST, s.ports[service]),
            '--timeout', '300', '--graceful-timeout', '10',
            '--no-control-socket', '--access-logfile', '-',
            '--pythonpath', shim_dir, shim + ':application']
