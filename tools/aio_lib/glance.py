"""Glance: glance-api.conf with a file store in the data dir, its
database, and glance-api served by gunicorn."""

import os
import shutil

from tools.aio_lib import keystone
from tools.aio_lib import runner


def conf_dir(s):
    return s.path('etc', 'glance')


def conf_file(s):
    return s.etc('glance', 'glance-api.conf')


def paste_file(s):
    return s.etc('glance', 'glance-api-paste.ini')


def write_config(s):
    os.makedirs(conf_dir(s), exist_ok=True)
    shipped = os.path.join(s.venv, 'etc', 'glance', 'glance-api-paste.ini')
    if os.path.exists(shipped):
        shutil.copyfile(shipped, paste_file(s))
    for sub in ('images', 'staging', 'tasks'):
        os.makedirs(s.path('glance', sub), exist_ok=True)
    return runner.write_ini(conf_file(s), {
        'DEFAULT': {
            'use_stderr': True,
            'bind_host': '127.0.0.1',
            'bind_port': s.ports['glance'],
            'enabled_backends': 'fs:file',
            'worker_self_reference_url': s.url('glance'),
            'image_cache_dir': s.path('glance', 'cache'),
        },
        'database': {'connection': s.db_url('glance')},
        'glance_store': {'default_backend': 'fs'},
        'fs': {'filesystem_store_datadir': s.path('glance', 'images')},
        'os_glance_staging_store': {
            'filesystem_store_datadir': s.path('glance', 'staging')},
        'os_glance_tasks_store': {
            'filesystem_store_datadir': s.path('glance', 'tasks')},
        'keystone_authtoken': s.authtoken_section('glance'),
        'paste_deploy': {'flavor': 'keystone',
                         'config_file': paste_file(s)},
        'oslo_concurrency': {'lock_path': s.path('glance', 'locks')},
    })


def db_sync(s):
    runner.run([s.bin('glance-manage'), '--config-file', conf_file(s),
                'db_sync'], s.log_file('glance-setup'))


def daemon_args(s):
    return (keystone.gunicorn_argv(s, 'glance',
                                   'glance.wsgi.api:application'),
            {'OS_GLANCE_CONFIG_DIR': conf_dir(s)})
