"""Placement: placement.conf, its database and its WSGI application."""

from tools.aio_lib import keystone
from tools.aio_lib import runner


def conf_dir(s):
    return s.path('etc', 'placement')


def conf_file(s):
    return s.etc('placement', 'placement.conf')


def write_config(s):
    return runner.write_ini(conf_file(s), {
        'DEFAULT': {'use_stderr': True},
        'placement_database': {'connection': s.db_url('placement')},
        'api': {'auth_strategy': 'keystone'},
        'keystone_authtoken': s.authtoken_section('placement'),
    })


def db_sync(s):
    runner.run([s.bin('placement-manage'), '--config-file', conf_file(s),
                'db', 'sync'], s.log_file('placement-setup'))


def daemon_args(s):
    return (keystone.gunicorn_argv(s, 'placement',
                                   'placement.wsgi.api:application'),
            {'OS_PLACEMENT_CONFIG_DIR': conf_dir(s)})
