"""Settings of the all-in-one cloud, read once from the environment."""

import json
import os
import secrets

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

HOST = '127.0.0.1'
REGION = 'RegionOne'
BACKENDS = ('sqlite', 'mysql', 'postgresql')
# Every database of the cloud; nova's cell0 is derived by nova-manage from
# the cell database's name, so it must keep this exact spelling.
DATABASES = ('keystone', 'placement', 'glance', 'nova_api', 'nova',
             'nova_cell0')
# Service users created in the service project (password in secrets.json).
SERVICE_USERS = ('nova', 'placement', 'glance')


def _port(name, default):
    value = os.environ.get(name, str(default))
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SystemExit('%s=%r is not a TCP port' % (name, value))
    return int(value)


class Settings(object):
    """Paths, ports and credentials; one instance per command."""

    def __init__(self, environ=None):
        env = os.environ if environ is None else environ
        self.data_dir = os.path.abspath(
            env.get('AIO_DATA_DIR', '/var/lib/nova-clone-aio'))
        self.venv = os.path.abspath(
            env.get('AIO_VENV', '/opt/nova-clone-aio/venv'))
        self.db = env.get('AIO_DB', 'sqlite').lower()
        if self.db in ('mariadb', 'mysql+pymysql'):
            self.db = 'mysql'
        if self.db in ('postgres', 'pgsql'):
            self.db = 'postgresql'
        if self.db not in BACKENDS:
            raise SystemExit('AIO_DB must be one of %s, not %r'
                             % (', '.join(BACKENDS), self.db))
        default_db_port = 3306 if self.db == 'mysql' else 5432
        self.db_host = env.get('AIO_DB_HOST', HOST)
        self.db_port = _port('AIO_DB_PORT', default_db_port)
        # NOTE: the services use their own database account, made by the
        # databases step with the server's administrator (root over TCP
        # or the unix socket for MariaDB, the postgres role for PostgreSQL).
        self.db_user = env.get('AIO_DB_USER', 'nova_aio')
        self._db_password = env.get('AIO_DB_PASSWORD')
        self.db_admin_user = env.get('AIO_DB_ADMIN_USER', 'root')
        self.db_admin_password = env.get('AIO_DB_ADMIN_PASSWORD', '')
        # Lets two clouds (or a cloud and other users) share a server.
        self.db_prefix = env.get('AIO_DB_PREFIX', '')
        self.ports = {
            'keystone': _port('AIO_KEYSTONE_PORT', 5000),
            'placement': _port('AIO_PLACEMENT_PORT', 8778),
            'glance': _port('AIO_GLANCE_PORT', 9292),
            'nova-api': _port('AIO_NOVA_API_PORT', 8774),
            'rabbitmq': _port('AIO_RABBIT_PORT', 5672),
            'nova-novncproxy': _port('AIO_NOVNC_PORT', 6080),
        }
        # NOTE: oslo.messaging names its queues after the topic alone
        # ('conductor', 'compute.<host>'), so two clouds on one broker
        # consume each other's messages unless each has its own vhost.
        self.rabbit_vhost = env.get('AIO_RABBIT_VHOST', '').strip('/')
        self.constraints = os.path.join(TOP, 'tools', 'aio-constraints.txt')
        self.skip_selfcheck = env.get('AIO_SKIP_SELFCHECK', '') not in (
            '', '0', 'no', 'false')
        self._secrets = None
        # fake or libvirt (--driver, AIO_DRIVER, else what the last ``up``
        # chose: tools/aio_lib/libvirt.py keeps it in the data dir).
        self._driver = env.get('AIO_DRIVER', '').strip().lower() or None

    @property
    def driver(self):
        if self._driver is None:
            try:
                with open(self.path('driver')) as f:
                    self._driver = f.read().strip() or 'fake'
            except OSError:
                self._driver = 'fake'
        return self._driver

    # -- paths -------------------------------------------------------------

    def path(self, *parts):
        """:returns: a path under the data directory."""
        return os.path.join(self.data_dir, *parts)

    def bin(self, name):
        """:returns: the path of a program in the virtualenv."""
        return os.path.join(self.venv, 'bin', name)

    @property
    def python(self):
        return self.bin('python')

    def log_file(self, name):
        return self.path('logs', name + '.log')

    def etc(self, service, name):
        return self.path('etc', service, name)

    def url(self, service, suffix=''):
        """:returns: the http URL of an API service on this machine."""
        return 'http://%s:%d%s' % (HOST, self.ports[service], suffix)

    @property
    def auth_url(self):
        return self.url('keystone', '/v3')

    @property
    def transport_url(self):
        return 'rabbit://guest:guest@%s:%d/%s' % (
            HOST, self.ports['rabbitmq'], self.rabbit_vhost)

    # -- databases ---------------------------------------------------------

    def db_name(self, name):
        """:returns: the server's name of one of ``DATABASES``."""
        return self.db_prefix + name

    def db_url(self, name):
        """:returns: the SQLAlchemy URL of one of ``DATABASES``."""
        name = self.db_name(name)
        if self.db == 'sqlite':
            # NOTE: wait up to 60 s for another thread's write instead of
            # failing at once with "database is locked" (WAL: see
            # databases.use_wal).
            return 'sqlite:///%s?timeout=60' % self.path('db',
                                                         name + '.sqlite')
        auth = self.db_user
        if self.db_password:
            auth += ':' + self.db_password
        if self.db == 'mysql':
            return 'mysql+pymysql://%s@%s:%d/%s?charset=utf8' % (
                auth, self.db_host, self.db_port, name)
        return 'postgresql+psycopg2://%s@%s:%d/%s' % (
            auth, self.db_host, self.db_port, name)

    # -- credentials -------------------------------------------------------

    @property
    def secrets(self):
        """Passwords, made up on the first run and kept in the data dir."""
        if self._secrets is None:
            path = self.path('secrets.json')
            try:
                with open(path) as f:
                    self._secrets = json.load(f)
            except FileNotFoundError:
                self._secrets = {}
            wanted = ('admin', 'demo', 'database') + SERVICE_USERS
            missing = [k for k in wanted if k not in self._secrets]
            if missing:
                for key in missing:
                    self._secrets[key] = secrets.token_hex(12)
                os.makedirs(self.data_dir, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                             0o600)
                with os.fdopen(fd, 'w') as f:
                    json.dump(self._secrets, f, indent=1, sort_keys=True)
        return self._secrets

    @property
    def db_password(self):
        if self._db_password is not None:
            return self._db_password
        return self.password('database')

    def password(self, user):
        return self.secrets[user]

    def authtoken_section(self, user):
        """:returns: ``[keystone_authtoken]`` options for a service user."""
        return {
            'www_authenticate_uri': self.auth_url,
            'auth_url': self.auth_url,
            'auth_type': 'password',
            'project_domain_name': 'Default',
            'user_domain_name': 'Default',
            'project_name': 'service',
            'username': user,
            'password': self.password(user),
            'region_name': REGION,
            'service_token_roles_required': 'true',
        }

    def openrc_path(self, user):
        return self.path('openrc-' + user)
