"""nova-manage and nova-status run as real processes on real databases.

Each test writes a nova.conf pointing at SQLite files in a temp dir (or, in
the MariaDB test, at freshly created databases) and runs the programs the
way an operator does, checking output, exit codes and what was written.
"""

import datetime
import os
import subprocess
import sys
import textwrap

import fixtures
import sqlalchemy as sa
import testtools

from nova_clone.tests.functional.db import test_migrations

CELL0 = '00000000-0000-0000-0000-000000000000'


def _run(prog, conf, *args, expect=None):
    code = ('import sys; from nova_clone.cmd.%s import main; '
            'sys.exit(main(sys.argv))' % prog)
    argv = [sys.executable, '-c', code]
    if conf:
        argv += ['--config-file', conf]
    proc = subprocess.run(argv + list(args), capture_output=True, text=True,
                          timeout=120)
    if expect is not None:
        assert proc.returncode == expect, (
            'exit %s (expected %s)\nstdout:\n%s\nstderr:\n%s'
            % (proc.returncode, expect, proc.stdout, proc.stderr))
    return proc


def manage(conf, *args, expect=None):
    """:returns: the CompletedProcess of ``nova-manage --config-file conf``."""
    return _run('manage', conf, *args, expect=expect)


def status(conf, *args, expect=None):
    return _run('status', conf, *args, expect=expect)


class _CloudConfig(fixtures.Fixture):
    """A nova.conf with API, cell and (derived) cell0 databases."""

    def __init__(self, api_url=None, main_url=None):
        super().__init__()
        self.api_url = api_url
        self.main_url = main_url

    def _setUp(self):
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.api_url = self.api_url or 'sqlite:///%s/nova_api.sqlite' % (
            self.dir)
        self.main_url = self.main_url or 'sqlite:///%s/nova.sqlite' % (
            self.dir)
        self.path = os.path.join(self.dir, 'nova.conf')
        with open(self.path, 'w') as f:
            f.write(textwrap.dedent("""\
                [DEFAULT]
                transport_url = rabbit://guest:secretpw@127.0.0.1:5672/
                [api_database]
                connection = %s
                max_retries = 1
                [database]
                connection = %s
                max_retries = 1
                [placement]
                auth_type = none
                endpoint_override = http://127.0.0.1:9/placement
                timeout = 2
                """ % (self.api_url, self.main_url)))


def _tables(url):
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


class BringUpSequenceTestCase(testtools.TestCase):
    """The documented bring-up, then the checks an operator runs."""

    def setUp(self):
        super().setUp()
        self.cloud = self.useFixture(_CloudConfig())
        self.conf = self.cloud.path

    def _bring_up(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        manage(self.conf, 'db', 'sync', expect=0)
        out = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell1',
                     '--verbose', expect=0).stdout.strip()
        return out

    def test_sequence_and_list_cells(self):
        cell1 = self._bring_up()
        self.assertEqual(36, len(cell1))
        listing = manage(self.conf, 'cell_v2', 'list_cells',
                         expect=0).stdout
        self.assertIn('cell0', listing)
        self.assertIn(CELL0, listing)
        self.assertIn(cell1, listing)
        # passwords are masked unless --verbose
        self.assertNotIn('secretpw', listing)
        self.assertIn('guest:****@', listing)
        verbose = manage(self.conf, 'cell_v2', 'list_cells', '--verbose',
                         expect=0).stdout
        self.assertIn('secretpw', verbose)
        # cell0's database was derived from [database] and synced
        cell0_db = os.path.join(self.cloud.dir, 'nova_cell0.sqlite')
        self.assertIn('instances', _tables('sqlite:///' + cell0_db))
        self.assertIn('shadow_instances', _tables('sqlite:///' + cell0_db))
        versions = manage(self.conf, 'db', 'version', expect=0).stdout
        self.assertRegex(versions.strip(), r'^[0-9a-f]{12}$')
        self.assertRegex(manage(self.conf, 'api_db', 'version',
                                expect=0).stdout.strip(), r'^[0-9a-f]{12}$')

    def test_map_cell0_twice_is_fine(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        out = manage(self.conf, 'cell_v2', 'map_cell0', expect=0).stdout
        self.assertIn('Cell0 is already setup', out)

    def test_duplicate_cell_is_refused_with_2(self):
        cell1 = self._bring_up()
        proc = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'again',
                      expect=2)
        self.assertIn(cell1, proc.stdout)
        listing = manage(self.conf, 'cell_v2', 'list_cells').stdout
        self.assertNotIn('again', listing)

    def test_create_cell_without_database_connection_is_1(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        with open(self.conf) as f:
            body = f.read().replace(
                'connection = %s\n' % self.cloud.main_url, '')
        with open(self.conf, 'w') as f:
            f.write(body)
        proc = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'x',
                      expect=1)
        self.assertIn('--database_connection', proc.stdout)
        self.assertNotIn('x', manage(self.conf, 'cell_v2',
                                     'list_cells').stdout.split())

    def test_discover_hosts_without_cells_fails_clearly(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        proc = manage(self.conf, 'cell_v2', 'discover_hosts', expect=1)
        self.assertIn('create_cell', proc.stderr)

    def test_discover_hosts_maps_compute_nodes(self):
        cell1 = self._bring_up()
        engine = sa.create_engine(self.cloud.main_url)
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None)
        with engine.begin() as conn:
            for i, host in enumerate(('cmp1', 'cmp2')):
                conn.execute(sa.text(
                    "INSERT INTO compute_nodes (created_at, host, uuid, "
                    "vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used,"
                    " local_gb_used, hypervisor_type, hypervisor_version, "
                    "hypervisor_hostname, cpu_info, mapped, deleted) VALUES "
                    "(:now, :host, :uuid, 4, 4096, 40, 0, 0, 0, 'fake', 1, "
                    ":host, '{}', 0, 0)"),
                    {'now': now, 'host': host,
                     'uuid': '1111111%d-2222-3333-4444-555555555555' % i})
        engine.dispose()
        manage(self.conf, 'cell_v2', 'discover_hosts', '--strict',
               expect=0)
        hosts = manage(self.conf, 'cell_v2', 'list_hosts', expect=0).stdout
        self.assertIn('cmp1', hosts)
        self.assertIn('cmp2', hosts)
        self.assertIn(cell1, hosts)
        # nothing new the second time: --strict says so with 1
        manage(self.conf, 'cell_v2', 'discover_hosts', '--strict',
               expect=1)
        # a cell with hosts is not deleted without --force
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               expect=2)
        self.assertIn(cell1, manage(self.conf, 'cell_v2',
                                    'list_cells').stdout)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               '--force', expect=0)
        self.assertNotIn(cell1, manage(self.conf, 'cell_v2',
                                       'list_cells').stdout)

    def test_delete_unknown_cell_is_1(self):
        self._bring_up()
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid',
               '9c1ec6b4-54cb-4f4a-8d1b-1c63bb0b35d5', expect=1)

    def test_verify_unmapped_instance(self):
        self._bring_up()
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid',
               '9c1ec6b4-54cb-4f4a-8d1b-1c63bb0b35d5', expect=1)

    def test_archive_and_purge_exit_codes(self):
        self._bring_up()
        manage(self.conf, 'db', 'archive_deleted_rows', expect=0)
        manage(self.conf, 'db', 'archive_deleted_rows', '--max_rows', '0',
               expect=2)
        manage(self.conf, 'db', 'archive_deleted_rows', '--before',
               'not a date at all', expect=4)
        manage(self.conf, 'db', 'purge', expect=1)
        manage(self.conf, 'db', 'purge', '--before', 'gibberish',
               expect=2)
        manage(self.conf, 'db', 'purge', '--all', expect=3)

    def test_archive_moves_deleted_instance_and_its_mapping(self):
        self._bring_up()
        engine = sa.create_engine(self.cloud.main_url)
        uuid = '9c1ec6b4-54cb-4f4a-8d1b-1c63bb0b35d5'
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO instances (uuid, deleted, deleted_at, "
                "project_id) VALUES (:u, 7, '2020-01-01 00:00:00', 'p')"),
                {'u': uuid})
        engine.dispose()
        proc = manage(self.conf, 'db', 'archive_deleted_rows', '--verbose',
                      '--until-complete', expect=1)
        self.assertIn('instances', proc.stdout)
        manage(self.conf, 'db', 'archive_deleted_rows', expect=0)
        proc = manage(self.conf, 'db', 'purge', '--all', '--verbose',
                      expect=0)
        manage(self.conf, 'db', 'purge', '--all', expect=3)

    def test_online_data_migrations_runs_clean(self):
        self._bring_up()
        proc = manage(self.conf, 'db', 'online_data_migrations', expect=0)
        self.assertIn('Migration', proc.stdout)

    def test_status_reports_every_check(self):
        self._bring_up()
        proc = status(self.conf, 'upgrade', 'check')
        for check in ('Cells v2', 'Placement API',
                      'Older than N-1 computes'):
            self.assertIn('Check: %s' % check, proc.stdout)
        # Placement is not running here, so this is a failure (2).
        self.assertEqual(2, proc.returncode, proc.stdout + proc.stderr)
        self.assertIn('Unable to connect to the Placement API', proc.stdout)

    def test_status_without_cells_fails_cells_check(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        proc = status(self.conf, 'upgrade', 'check', expect=2)
        self.assertIn('simple_cell_setup', proc.stdout)


class BadInputTestCase(testtools.TestCase):
    """Bad input: a clear message, a non-zero exit and nothing created."""

    def test_missing_config_file(self):
        proc = manage(None, '--config-file', '/nonexistent/nova.conf',
                      'db', 'version')
        self.assertEqual(2, proc.returncode)
        self.assertIn('/nonexistent/nova.conf', proc.stderr)

    def test_no_arguments_prints_usage(self):
        proc = manage(None)
        self.assertNotEqual(0, proc.returncode)
        self.assertIn('usage', proc.stderr.lower())

    def test_version_flag(self):
        proc = manage(None, '--version')
        self.assertEqual(0, proc.returncode)
        self.assertRegex(proc.stdout + proc.stderr, r'\d+\.\d+')

    def test_malformed_db_url(self):
        cloud = self.useFixture(_CloudConfig(api_url='not-a-db-url'))
        proc = manage(cloud.path, 'api_db', 'sync')
        self.assertNotEqual(0, proc.returncode)
        self.assertIn('not-a-db-url', proc.stderr + proc.stdout)
        self.assertNotIn('Traceback', proc.stderr)

    def test_unreachable_db(self):
        url = 'mysql+pymysql://nova:topsecret@127.0.0.1:1/nova_api'
        cloud = self.useFixture(_CloudConfig(api_url=url))
        proc = manage(cloud.path, 'api_db', 'sync')
        self.assertNotEqual(0, proc.returncode)
        self.assertNotIn('topsecret', proc.stderr + proc.stdout)
        self.assertNotIn('Traceback', proc.stderr)
        self.assertEqual([], [f for f in os.listdir(cloud.dir)
                              if f != 'nova.conf'])


class MariaDBBringUpTestCase(testtools.TestCase):
    """The same bring-up on MariaDB (skipped when no server answers)."""

    def setUp(self):
        super().setUp()
        server = test_migrations.SERVERS['mysql']
        self.names = []
        try:
            self.admin = test_migrations._admin_engine('mysql')
            with self.admin.connect() as conn:
                base = 'nc_manage_%s' % os.getpid()
                # NOTE: cell0's name is derived from the main one, as nova.
                for name in (base + '_api', base + '_main',
                             base + '_main_cell0'):
                    conn.execute(sa.text('DROP DATABASE IF EXISTS ' + name))
                    conn.execute(sa.text('CREATE DATABASE ' + name))
                    self.names.append(name)
        except Exception as e:  # noqa: BLE001 - unreachable server
            self.skipTest('MariaDB not reachable at %s: %s' % (server, e))
        self.addCleanup(self._drop)
        self.cloud = self.useFixture(_CloudConfig(
            api_url='%s/%s' % (server, self.names[0]),
            main_url='%s/%s' % (server, self.names[1])))

    def _drop(self):
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(sa.text('DROP DATABASE IF EXISTS ' + name))
        self.admin.dispose()

    def test_sequence(self):
        conf = self.cloud.path
        manage(conf, 'api_db', 'sync', expect=0)
        manage(conf, 'cell_v2', 'map_cell0', expect=0)
        manage(conf, 'db', 'sync', expect=0)
        manage(conf, 'cell_v2', 'create_cell', '--name', 'cell1', expect=0)
        listing = manage(conf, 'cell_v2', 'list_cells', expect=0).stdout
        self.assertIn('cell1', listing)
        self.assertIn(self.names[2], listing)
        self.assertIn('instances', _tables(
            '%s/%s' % (test_migrations.SERVERS['mysql'], self.names[2])))
        proc = status(conf, 'upgrade', 'check')
        self.assertIn('Check: Cells v2', proc.stdout)
