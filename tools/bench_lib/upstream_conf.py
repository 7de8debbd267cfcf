"""Upstream nova beside the aio cloud: where it lives and its nova.conf.

Upstream nova shares the aio cloud's Keystone, Placement, Glance, RabbitMQ
(its own vhost) and MariaDB (its own databases), so everything here that
names a peer service comes from the aio cloud's settings.
"""

import os

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings

# NOTE: pinned so two runs compare the same thing; the newest release on
# PyPI when this was written (2026-11). NOVA_UPSTREAM_SPEC overrides it.
DEFAULT_SPEC = 'nova==34.0.0'
# The databases nova-manage makes and syncs; cell0's name is derived by
# ``cell_v2 map_cell0`` from the cell database's (``<name>_cell0``).
DATABASES = ('nova_upstream_api', 'nova_upstream', 'nova_upstream_cell0')
DB_USER = 'nova_upstream'
# Distinct from the aio compute's host name, so each cloud's ComputeNode,
# HostMapping and resource provider are told apart in shared Placement.
HOST = 'upstream-fake'
# The aio cloud's m1.nano (tools/aio_lib/cloud.py): both clouds boot the
# same shape.
NANO = {'name': 'm1.nano', 'id': '42', 'ram': 128, 'vcpus': 1, 'disk': 1}


class Settings(object):
    """Paths, ports and credentials of the upstream cloud."""

    def __init__(self, environ=None):
        env = os.environ if environ is None else environ
        self.aio = aio_settings.Settings(env)
        self.data_dir = os.path.abspath(
            env.get('NOVA_UPSTREAM_DIR', '/var/lib/nova-upstream'))
        self.venv = os.path.abspath(
            env.get('NOVA_UPSTREAM_VENV', '/opt/nova-upstream/venv'))
        self.spec = env.get('NOVA_UPSTREAM_SPEC', DEFAULT_SPEC)
        self.api_port = int(env.get('NOVA_UPSTREAM_API_PORT', 28774))
        self.neutron_port = int(env.get('NOVA_UPSTREAM_NEUTRON_PORT', 29696))
        self.api_workers = int(env.get('NOVA_UPSTREAM_API_WORKERS', 2))
        self.rabbit_vhost = env.get('NOVA_UPSTREAM_VHOST', 'nova_upstream')

    # -- what tools.aio_lib.procs.Daemon needs ----------------------------

    def path(self, *parts):
        return os.path.join(self.data_dir, *parts)

    def log_file(self, name):
        return self.path('logs', name + '.log')

    def bin(self, name):
        return os.path.join(self.venv, 'bin', name)

    # -- derived -----------------------------------------------------------

    @property
    def conf_file(self):
        return self.path('etc', 'nova.conf')

    @property
    def compute_conf_file(self):
        return self.path('etc', 'nova-compute.conf')

    @property
    def openrc(self):
        return self.path('openrc')

    @property
    def api_url(self):
        return 'http://%s:%d/v2.1' % (aio_settings.HOST, self.api_port)

    @property
    def db_password(self):
        # The aio cloud's generated database password (its secrets.json),
        # for upstream's own account: one secret fewer to keep.
        return self.aio.db_password

    def db_url(self, name):
        return 'mysql+pymysql://%s:%s@%s:%d/%s?charset=utf8' % (
            DB_USER, self.db_password, self.aio.db_host, 3306, name)

    @property
    def transport_url(self):
        return 'rabbit://guest:guest@%s:%d/%s' % (
            aio_settings.HOST, self.aio.ports['rabbitmq'], self.rabbit_vhost)


def _service_auth(s, **extra):
    """keystoneauth options of the aio cloud's ``nova`` service user."""
    section = {
        'auth_type': 'password',
        'auth_url': s.aio.auth_url,
        'project_domain_name': 'Default',
        'user_domain_name': 'Default',
        'project_name': 'service',
        'username': 'nova',
        'password': s.aio.password('nova'),
        'region_name': aio_settings.REGION,
    }
    section.update(extra)
    return section


def write(s):
    """Write nova.conf and api-paste.ini; :returns: whether either changed.
    """
    os.makedirs(s.path('state', 'instances'), exist_ok=True)
    sections = {
        'DEFAULT': {
            'host': HOST,
            'my_ip': aio_settings.HOST,
            'transport_url': s.transport_url,
            # NOTE: FakeDriver's node uuid is new in every process
            # (uuidsentinel) and nova-compute refuses to restart without a
            # stable node identity; this variant is the same fake driver
            # with the identity in state_path/compute_id (as devstack runs
            # the fake driver).
            'compute_driver': 'fake.FakeDriverWithoutFakeNodes',
            'state_path': s.path('state'),
            'instances_path': s.path('state', 'instances'),
            'use_stderr': True,
        },
        'api': {'auth_strategy': 'keystone'},
        'wsgi': {'api_paste_config': s.path('etc', 'api-paste.ini')},
        'api_database': {'connection': s.db_url('nova_upstream_api')},
        'database': {'connection': s.db_url('nova_upstream')},
        'keystone_authtoken': s.aio.authtoken_section('nova'),
        'placement': _service_auth(s, valid_interfaces='public'),
        'glance': {'region_name': aio_settings.REGION,
                   'valid_interfaces': 'public'},
        # NOTE: the aio cloud has no Neutron; the stand-in answers the few
        # reads nova makes for servers booted with networks "none".
        'neutron': _service_auth(
            s, endpoint_override='http://%s:%d' % (aio_settings.HOST,
                                                    s.neutron_port)),
        'scheduler': {'discover_hosts_in_cells_interval': 60},
        'oslo_concurrency': {'lock_path': s.path('state', 'locks')},
    }
    changed = runner.write_ini(s.conf_file, sections)
    # NOTE: as deployed, nova-compute has no database credentials (with
    # them it logs "No DB access allowed in nova-compute" at start).
    compute = {k: v for k, v in sections.items()
               if k not in ('api_database', 'database', 'api', 'wsgi',
                            'keystone_authtoken')}
    changed = runner.write_ini(s.compute_conf_file, compute) or changed
    with open(os.path.join(s.venv, 'etc', 'nova', 'api-paste.ini')) as f:
        paste = f.read()
    return runner.write_file(s.path('etc', 'api-paste.ini'), paste) or \
        changed


def write_openrc(s):
    """The aio cloud's admin openrc with the compute endpoint overridden.

    NOTE: no Keystone endpoint is registered for upstream nova, so the aio
    cloud's catalog stays as it is; ``OS_COMPUTE_ENDPOINT_OVERRIDE`` is
    honoured by openstacksdk (and so the openstack CLI) and tools/bench.
    """
    with open(s.aio.openrc_path('admin')) as f:
        base = f.read()
    text = ('# tools/bench upstream-up: upstream nova beside the aio '
            'cloud.\n%s\nexport OS_COMPUTE_ENDPOINT_OVERRIDE=%s\n'
            % (base, s.api_url))
    return runner.write_file(s.openrc, text, 0o600)
