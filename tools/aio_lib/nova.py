"""nova_clone: nova.conf, the API and cell databases, cells v2."""

import os
import socket

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings

DAEMONS = ('nova-api', 'nova-conductor', 'nova-scheduler', 'nova-compute')
ENABLED_FILTERS = ('ComputeFilter', 'ComputeCapabilitiesFilter',
                   'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter',
                   'ServerGroupAffinityFilter', 'SameHostFilter',
                   'DifferentHostFilter')


def conf_file(s):
    return s.etc('nova', 'nova.conf')


def conf_dir(s):
    """Local additions that ``up`` never overwrites (``*.conf``)."""
    return s.etc('nova', 'nova.conf.d')


def compute_conf_file(s):
    return s.etc('nova', 'nova-compute.conf')


def conf_args(s, name=None):
    main = compute_conf_file(s) if name == 'nova-compute' else conf_file(s)
    return ['--config-file', main, '--config-dir', conf_dir(s)]


def compute_host():
    return socket.gethostname() or 'aio'


def _ksa_section(s, user, **extra):
    section = {
        'auth_type': 'password',
        'auth_url': s.auth_url,
        'project_domain_name': 'Default',
        'user_domain_name': 'Default',
        'project_name': 'service',
        'username': user,
        'password': s.password(user),
        'region_name': aio_settings.REGION,
    }
    section.update(extra)
    return section


def write_config(s):
    """nova.conf (nova-api, -conductor, -scheduler, nova-manage) and
    nova-compute.conf (the same without database credentials).

    No [neutron]: servers boot with ``--nic none`` and the fake driver.
    """
    os.makedirs(s.path('nova', 'instances'), exist_ok=True)
    os.makedirs(conf_dir(s), exist_ok=True)
    conf = sections(s)
    changed = runner.write_ini(conf_file(s), conf)
    return runner.write_ini(compute_conf_file(s),
                            compute_sections(conf)) or changed


def sections(s):
    """:returns: nova.conf as ``{section: {option: value}}``."""
    # NOTE: imported here: both build on this module's names.
    from tools.aio_lib import consoles
    from tools.aio_lib import libvirt_host
    conf = _sections(s)
    consoles.configure(s, conf)
    return libvirt_host.configure(s, conf)


def _sections(s):
    sqlite = s.db == 'sqlite'
    return {
        'DEFAULT': {
            'host': compute_host(),
            'my_ip': aio_settings.HOST,
            'transport_url': s.transport_url,
            'compute_driver': 'fake.FakeDriver',
            'state_path': s.path('nova'),
            'instances_path': s.path('nova', 'instances'),
            'osapi_compute_listen': aio_settings.HOST,
            'osapi_compute_listen_port': s.ports['nova-api'],
            # NOTE: one process per SQLite database file avoids "database
            # is locked" between processes; requests still run in threads.
            'osapi_compute_workers': 1 if sqlite else 2,
            'use_stderr': True,
        },
        'api': {'auth_strategy': 'keystone'},
        'wsgi': {'api_paste_config': os.path.join(
            aio_settings.TOP, 'etc', 'nova', 'api-paste.ini')},
        'api_database': {'connection': s.db_url('nova_api')},
        'database': {'connection': s.db_url('nova')},
        'keystone_authtoken': s.authtoken_section('nova'),
        'placement': _ksa_section(s, 'nova', valid_interfaces='public'),
        'glance': {'region_name': aio_settings.REGION,
                   'valid_interfaces': 'public'},
        'service_user': _ksa_section(s, 'nova',
                                     send_service_user_token=True),
        'scheduler': {'discover_hosts_in_cells_interval': 60},
        # NOTE: nova's default filters plus the same_host/different_host
        # hints' filters, as devstack enables them (Tempest tests both).
        'filter_scheduler': {'enabled_filters': ','.join(ENABLED_FILTERS)},
        'oslo_concurrency': {'lock_path': s.path('nova', 'locks')},
    }


def compute_sections(conf):
    """:returns: nova.conf's sections without what a compute host must
    not have: a compute host reaches the databases only through
    nova-conductor, and serves no API."""
    return {k: v for k, v in conf.items()
            if k not in ('api_database', 'database', 'keystone_authtoken',
                         'api', 'wsgi')}


def manage(s, *args, check=True):
    return runner.run([s.bin('nova-manage')] + conf_args(s) + list(args),
                      s.log_file('nova-setup'), check=check)


def db_setup(s):
    """api_db sync, cell0, cell databases and cell1, each idempotent."""
    manage(s, 'api_db', 'sync')
    manage(s, 'cell_v2', 'map_cell0')
    manage(s, 'db', 'sync')
    # Exit code 2: a cell with this queue and database exists already.
    rc = manage(s, 'cell_v2', 'create_cell', '--name', 'cell1',
                check=False).returncode
    if rc not in (0, 2):
        raise runner.StepFailed('nova-manage cell_v2 create_cell exited '
                                'with %d' % rc, [s.log_file('nova-setup')])
    return 'cell0 + cell1'


def discover_hosts(s):
    manage(s, 'cell_v2', 'discover_hosts', '--by-service')


def daemon_argv(s, name):
    return [s.bin(name)] + conf_args(s, name)
