"""nova-manage, run in-process through its entry point on real databases.

Each test writes a nova.conf pointing at SQLite files in a temp dir and
runs the commands the way an operator does, checking exit codes, output and
what was (or was not) written.
"""

import datetime
import os
import shutil
import subprocess
import sys

import sqlalchemy as sa

from nova_clone.tests import base
from nova_clone.tests.functional.cmd import harness
from nova_clone.tests.functional.cmd.harness import manage_cmd as manage
from nova_clone.tests.functional.db import test_migrations

UUID1 = '9c1ec6b4-54cb-4f4a-8d1b-1c63bb0b35d5'
UUID2 = '5b0b41f1-3a5e-4b38-9a0c-5d1b4a2d1c11'


class _CmdTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(harness.FreshDatabases())
        self.cloud = self.useFixture(harness.CloudConfig())
        self.conf = self.cloud.path

    def bring_up(self):
        """The documented sequence; :returns: cell1's uuid."""
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        manage(self.conf, 'db', 'sync', expect=0)
        out = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell1',
                     '--verbose', expect=0).stdout.strip()
        return out

    def add_compute_node(self, host, uuid):
        harness.execute(
            self.cloud.main_url,
            "INSERT INTO compute_nodes (created_at, host, uuid, vcpus, "
            "memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used, "
            "hypervisor_type, hypervisor_version, hypervisor_hostname, "
            "cpu_info, mapped, deleted) VALUES (:now, :host, :uuid, 4, 4096, "
            "40, 0, 0, 0, 'fake', 1, :host, '{}', 0, 0)",
            now=datetime.datetime(2026, 1, 1), host=host, uuid=uuid)

    def add_instance(self, uuid, deleted=False, host=None):
        harness.execute(
            self.cloud.main_url,
            "INSERT INTO instances (uuid, deleted, project_id, user_id, "
            "host, created_at) VALUES (:u, 0, 'p', 'u', :h, "
            "'2026-01-01 00:00:00')", u=uuid, h=host)
        if deleted:
            # NOTE: soft deletion sets ``deleted`` to the row's id.
            harness.execute(
                self.cloud.main_url,
                "UPDATE instances SET deleted = id, deleted_at = "
                "'2020-01-01 00:00:00' WHERE uuid = :u", u=uuid)

    def map_instance(self, uuid, cell_uuid):
        harness.execute(
            self.cloud.api_url,
            "INSERT INTO instance_mappings (instance_uuid, cell_id, "
            "project_id, user_id, queued_for_delete, created_at) SELECT :u, "
            "id, 'p', 'u', 0, '2026-01-01 00:00:00' FROM cell_mappings "
            "WHERE uuid = :c", u=uuid, c=cell_uuid)


class BringUpTestCase(_CmdTestCase):
    """api_db sync → map_cell0 → db sync → create_cell → list_cells."""

    def test_sequence_and_list_cells(self):
        cell1 = self.bring_up()
        self.assertRegex(cell1, r'^[0-9a-f-]{36}$')
        listing = manage(self.conf, 'cell_v2', 'list_cells',
                         expect=0).stdout
        for column in ('Name', 'UUID', 'Transport URL',
                       'Database Connection', 'Disabled'):
            self.assertIn(column, listing)
        self.assertIn('cell0', listing)
        self.assertIn(harness.CELL0, listing)
        self.assertIn('none:///', listing)
        self.assertIn(cell1, listing)
        # passwords are masked unless --verbose
        self.assertNotIn('secretpw', listing)
        self.assertIn('guest:****@', listing)
        verbose = manage(self.conf, 'cell_v2', 'list_cells', '--verbose',
                         expect=0).stdout
        self.assertIn('secretpw', verbose)
        # cell0's database was derived from [database] and synced
        cell0_url = 'sqlite:///%s/nova_cell0.sqlite' % self.cloud.dir
        self.assertIn(cell0_url, listing)
        self.assertIn('instances', harness.tables(cell0_url))
        self.assertIn('shadow_instances', harness.tables(cell0_url))
        self.assertIn('instances', harness.tables(self.cloud.main_url))
        self.assertIn('cell_mappings', harness.tables(self.cloud.api_url))
        self.assertRegex(manage(self.conf, 'db', 'version',
                                expect=0).stdout.strip(), r'^[0-9a-f]{12}$')
        self.assertRegex(manage(self.conf, 'api_db', 'version',
                                expect=0).stdout.strip(), r'^[0-9a-f]{12}$')

    def test_db_sync_local_cell_skips_cell0(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        manage(self.conf, 'db', 'sync', '--local_cell', expect=0)
        self.assertEqual(['nova.sqlite', 'nova_api.sqlite'],
                         [f for f in self.cloud.files()
                          if f.endswith('.sqlite')])

    def test_db_sync_without_cell0_mapping_warns(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        out = manage(self.conf, 'db', 'sync', expect=0).stdout
        self.assertIn('cell0 mapping not found', out)

    def test_map_cell0_twice_is_fine(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        out = manage(self.conf, 'cell_v2', 'map_cell0', expect=0).stdout
        self.assertIn('Cell0 is already setup', out)

    def test_map_cell0_explicit_connection(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        url = 'sqlite:///%s/elsewhere.sqlite' % self.cloud.dir
        manage(self.conf, 'cell_v2', 'map_cell0', '--database_connection',
               url, expect=0)
        self.assertIn(url, manage(self.conf, 'cell_v2', 'list_cells',
                                  expect=0).stdout)

    def test_map_cell0_malformed_connection_changes_nothing(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        result = manage(self.conf, 'cell_v2', 'map_cell0',
                        '--database_connection', 'not a url', expect=1)
        self.assertIn('Invalid database connection', result.stderr)
        self.assertNotIn('cell0', manage(self.conf, 'cell_v2',
                                         'list_cells').stdout)

    def test_online_data_migrations_runs_clean(self):
        self.bring_up()
        result = manage(self.conf, 'db', 'online_data_migrations', expect=0)
        self.assertIn('Running batches of 50 until complete', result.stdout)
        self.assertIn('Migration', result.stdout)
        self.assertIn('Total Needed', result.stdout)
        manage(self.conf, 'db', 'online_data_migrations', '--max-count', '0',
               expect=127)

    def test_version_and_bash_completion(self):
        self.assertRegex(manage(None, '--version', expect=0).stdout,
                         r'\d+\.\d+')
        self.assertRegex(manage(None, 'version', expect=0).stdout,
                         r'\d+\.\d+')
        self.assertEqual('api_db cell_v2 db', manage(
            None, 'bash-completion', expect=0).stdout.strip())
        self.assertIn('list_cells', manage(
            None, 'bash-completion', 'cell_v2', expect=0).stdout)


class CreateCellTestCase(_CmdTestCase):

    def test_duplicate_cell_is_refused_with_2(self):
        cell1 = self.bring_up()
        result = manage(self.conf, 'cell_v2', 'create_cell', '--name',
                        'again', expect=2)
        self.assertIn(cell1, result.stdout)
        self.assertNotIn('again', manage(self.conf, 'cell_v2',
                                         'list_cells').stdout)

    def test_disabled_cell(self):
        self.bring_up()
        manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell2',
               '--transport-url', 'rabbit://h2:5672/', '--disabled',
               expect=0)
        listing = manage(self.conf, 'cell_v2', 'list_cells').stdout
        row = [line for line in listing.splitlines() if 'cell2' in line][0]
        self.assertIn('True', row)

    def test_missing_database_connection_is_1(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        with open(self.conf) as f:
            body = f.read().replace(
                'connection = %s\n' % self.cloud.main_url, '')
        with open(self.conf, 'w') as f:
            f.write(body)
        result = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'x',
                        expect=1)
        self.assertIn('--database_connection', result.stdout)
        self.assertNotIn('x', manage(self.conf, 'cell_v2',
                                     'list_cells').stdout.split())

    def test_invalid_transport_url_is_1(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        result = manage(self.conf, 'cell_v2', 'create_cell', '--name', 'x',
                        '--transport-url', 'nonsense', expect=1)
        self.assertIn('Invalid transport URL', result.stdout)
        self.assertNotIn('x', manage(self.conf, 'cell_v2',
                                     'list_cells').stdout.split())


class UpdateCellTestCase(_CmdTestCase):

    def test_exit_codes(self):
        cell1 = self.bring_up()
        manage(self.conf, 'cell_v2', 'update_cell', '--cell_uuid', UUID1,
               expect=1)
        manage(self.conf, 'cell_v2', 'update_cell', '--cell_uuid', cell1,
               '--enable', '--disable', expect=4)
        manage(self.conf, 'cell_v2', 'update_cell', '--cell_uuid',
               harness.CELL0, '--disable', expect=5)
        manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell2',
               '--transport-url', 'rabbit://h2:5672/', expect=0)
        # cell1 may not take cell2's transport URL + database connection
        manage(self.conf, 'cell_v2', 'update_cell', '--cell_uuid', cell1,
               '--transport-url', 'rabbit://h2:5672/', expect=3)
        manage(self.conf, 'cell_v2', 'update_cell', '--cell_uuid', cell1,
               '--name', 'renamed', '--disable', expect=0)
        row = [line for line in manage(self.conf, 'cell_v2',
                                       'list_cells').stdout.splitlines()
               if cell1 in line][0]
        self.assertIn('renamed', row)
        self.assertIn('True', row)


class DiscoverHostsTestCase(_CmdTestCase):

    def test_without_cells_fails_clearly(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        result = manage(self.conf, 'cell_v2', 'discover_hosts', expect=1)
        self.assertIn('create_cell', result.stderr)

    def test_unknown_cell_is_1(self):
        self.bring_up()
        manage(self.conf, 'cell_v2', 'discover_hosts', '--cell_uuid', UUID1,
               expect=1)

    def test_maps_compute_nodes_then_delete_cell(self):
        cell1 = self.bring_up()
        self.add_compute_node('cmp1', '11111111-2222-3333-4444-555555555551')
        self.add_compute_node('cmp2', '11111111-2222-3333-4444-555555555552')
        out = manage(self.conf, 'cell_v2', 'discover_hosts', '--strict',
                     '--verbose', expect=0).stdout
        self.assertIn("Creating host mapping for compute host 'cmp1'", out)
        hosts = manage(self.conf, 'cell_v2', 'list_hosts', expect=0).stdout
        for expected in ('cmp1', 'cmp2', cell1, 'Hostname'):
            self.assertIn(expected, hosts)
        self.assertIn('cmp1', manage(self.conf, 'cell_v2', 'list_hosts',
                                     '--cell_uuid', cell1, expect=0).stdout)
        manage(self.conf, 'cell_v2', 'list_hosts', '--cell_uuid', UUID1,
               expect=1)
        # nothing new the second time: --strict says so with 1
        manage(self.conf, 'cell_v2', 'discover_hosts', '--strict', expect=1)
        manage(self.conf, 'cell_v2', 'discover_hosts', expect=0)
        # a cell with hosts is not deleted without --force
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               expect=2)
        self.assertIn(cell1, manage(self.conf, 'cell_v2',
                                    'list_cells').stdout)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               '--force', expect=0)
        self.assertNotIn(cell1, manage(self.conf, 'cell_v2',
                                       'list_cells').stdout)
        self.assertNotIn('cmp1', manage(self.conf, 'cell_v2',
                                        'list_hosts').stdout)

    def test_by_service(self):
        self.bring_up()
        harness.execute(
            self.cloud.main_url,
            "INSERT INTO services (host, \"binary\", topic, report_count, "
            "disabled, forced_down, version, deleted, uuid) VALUES "
            "('ironic1', 'nova-compute', 'compute', 0, 0, 0, 1, 0, :u)",
            u=UUID2)
        manage(self.conf, 'cell_v2', 'discover_hosts', '--by-service',
               '--strict', expect=0)
        self.assertIn('ironic1', manage(self.conf, 'cell_v2',
                                        'list_hosts').stdout)

    def test_delete_host(self):
        cell1 = self.bring_up()
        self.add_compute_node('cmp1', '11111111-2222-3333-4444-555555555551')
        self.add_compute_node('cmp2', '11111111-2222-3333-4444-555555555552')
        manage(self.conf, 'cell_v2', 'discover_hosts', expect=0)
        self.add_instance(UUID1, host='cmp2')
        manage(self.conf, 'cell_v2', 'delete_host', '--cell_uuid', UUID1,
               '--host', 'cmp1', expect=1)
        manage(self.conf, 'cell_v2', 'delete_host', '--cell_uuid', cell1,
               '--host', 'nope', expect=2)
        manage(self.conf, 'cell_v2', 'delete_host', '--cell_uuid',
               harness.CELL0, '--host', 'cmp1', expect=3)
        manage(self.conf, 'cell_v2', 'delete_host', '--cell_uuid', cell1,
               '--host', 'cmp2', expect=4)
        manage(self.conf, 'cell_v2', 'delete_host', '--cell_uuid', cell1,
               '--host', 'cmp1', expect=0)
        hosts = manage(self.conf, 'cell_v2', 'list_hosts').stdout
        self.assertNotIn('cmp1', hosts)
        # its node is unmapped again, so discovery finds it again
        manage(self.conf, 'cell_v2', 'discover_hosts', '--strict', expect=0)


class DeleteCellTestCase(_CmdTestCase):

    def test_unknown_cell_is_1(self):
        self.bring_up()
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', UUID1,
               expect=1)

    def test_cell_with_live_instance_is_3_even_forced(self):
        cell1 = self.bring_up()
        self.add_instance(UUID1)
        self.map_instance(UUID1, cell1)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               expect=3)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               '--force', expect=3)
        self.assertIn(cell1, manage(self.conf, 'cell_v2',
                                    'list_cells').stdout)

    def test_cell_with_deleted_instances_mapped_is_4(self):
        cell1 = self.bring_up()
        self.add_instance(UUID1, deleted=True)
        self.map_instance(UUID1, cell1)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               expect=4)
        manage(self.conf, 'cell_v2', 'delete_cell', '--cell_uuid', cell1,
               '--force', expect=0)
        self.assertNotIn(cell1, manage(self.conf, 'cell_v2',
                                       'list_cells').stdout)


class InstanceMappingTestCase(_CmdTestCase):

    def test_verify_instance(self):
        cell1 = self.bring_up()
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID1,
               expect=1)
        self.add_instance(UUID1)
        self.add_instance(UUID2, deleted=True)
        self.map_instance(UUID1, cell1)
        self.map_instance(UUID2, cell1)
        out = manage(self.conf, 'cell_v2', 'verify_instance', '--uuid',
                     UUID1, expect=0).stdout
        self.assertIn(cell1, out)
        self.assertEqual('', manage(self.conf, 'cell_v2', 'verify_instance',
                                    '--uuid', UUID1, '--quiet',
                                    expect=0).stdout)
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID2,
               expect=3)
        harness.execute(self.cloud.main_url,
                        'DELETE FROM instances WHERE uuid = :u', u=UUID2)
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID2,
               expect=4)

    def test_map_instances(self):
        cell1 = self.bring_up()
        self.add_instance(UUID1)
        self.add_instance(UUID2, deleted=True)
        manage(self.conf, 'cell_v2', 'map_instances', '--cell_uuid', cell1,
               '--max-count', '1', expect=1)
        manage(self.conf, 'cell_v2', 'map_instances', '--cell_uuid', cell1,
               expect=0)
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID1,
               expect=0)
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID2,
               expect=3)
        manage(self.conf, 'cell_v2', 'map_instances', '--cell_uuid', cell1,
               '--max-count', '0', expect=127)


class SimpleCellSetupTestCase(_CmdTestCase):

    def test_no_hosts_then_already_done(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'db', 'sync', '--local_cell', expect=0)
        result = manage(self.conf, 'cell_v2', 'simple_cell_setup', expect=1)
        self.assertIn('No hosts found', result.stdout)
        listing = manage(self.conf, 'cell_v2', 'list_cells').stdout
        self.assertIn('cell0', listing)
        self.assertIn('cell1', listing)
        self.assertIn('Cell setup is already complete', manage(
            self.conf, 'cell_v2', 'simple_cell_setup', expect=0).stdout)

    def test_maps_existing_hosts(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'db', 'sync', '--local_cell', expect=0)
        self.add_compute_node('cmp1', '11111111-2222-3333-4444-555555555551')
        manage(self.conf, 'cell_v2', 'simple_cell_setup', expect=0)
        self.assertIn('cmp1', manage(self.conf, 'cell_v2',
                                     'list_hosts').stdout)


class ArchivePurgeTestCase(_CmdTestCase):

    def test_exit_codes_on_an_empty_cloud(self):
        self.bring_up()
        manage(self.conf, 'db', 'archive_deleted_rows', expect=0)
        manage(self.conf, 'db', 'archive_deleted_rows', '--verbose',
               '--all-cells', expect=0)
        manage(self.conf, 'db', 'archive_deleted_rows', '--max_rows', '0',
               expect=2)
        result = manage(self.conf, 'db', 'archive_deleted_rows', '--before',
                        'not a date at all', expect=4)
        self.assertIn('Invalid value for --before', result.stderr)
        manage(self.conf, 'db', 'purge', expect=1)
        manage(self.conf, 'db', 'purge', '--before', 'gibberish', expect=2)
        manage(self.conf, 'db', 'purge', '--all', expect=3)
        manage(self.conf, 'db', 'purge', '--all', '--all-cells', expect=3)

    def test_archive_without_api_db_is_3(self):
        manage(self.conf, 'db', 'sync', '--local_cell', expect=0)
        manage(self.conf, 'db', 'archive_deleted_rows', expect=3)
        manage(self.conf, 'db', 'purge', '--all', '--all-cells', expect=4)

    def test_archive_moves_deleted_instance_and_its_mapping(self):
        cell1 = self.bring_up()
        self.add_instance(UUID1, deleted=True)
        self.map_instance(UUID1, cell1)
        result = manage(self.conf, 'db', 'archive_deleted_rows',
                        '--verbose', '--until-complete', '--before',
                        '2021-01-01', expect=1)
        self.assertIn('Number of Rows Archived', result.stdout)
        self.assertIn('instances', result.stdout)
        self.assertIn('API_DB.instance_mappings', result.stdout)
        manage(self.conf, 'db', 'archive_deleted_rows', expect=0)
        manage(self.conf, 'cell_v2', 'verify_instance', '--uuid', UUID1,
               expect=1)
        manage(self.conf, 'db', 'purge', '--before', '2000-01-01', expect=3)
        manage(self.conf, 'db', 'purge', '--all', '--verbose', expect=0)
        manage(self.conf, 'db', 'purge', '--all', expect=3)

    def test_archive_all_cells_with_purge(self):
        cell1 = self.bring_up()
        self.add_instance(UUID1, deleted=True)
        self.map_instance(UUID1, cell1)
        result = manage(self.conf, 'db', 'archive_deleted_rows',
                        '--all-cells', '--purge', '--verbose', expect=1)
        self.assertIn('cell1.instances', result.stdout)
        manage(self.conf, 'db', 'purge', '--all', expect=3)


class BadInputTestCase(base.NoDBTestCase):
    """Bad input: a clear message, a non-zero exit and nothing created."""

    def setUp(self):
        super().setUp()
        self.useFixture(harness.FreshDatabases())

    def test_missing_config_file(self):
        result = manage(None, '--config-file', '/nonexistent/nova.conf',
                        'db', 'version')
        self.assertEqual(2, result.code)
        self.assertIn('/nonexistent/nova.conf', result.stderr)

    def test_no_arguments_prints_usage(self):
        result = manage(None)
        self.assertEqual(2, result.code)
        self.assertIn('usage: nova-manage', result.stderr)
        self.assertIn('cell_v2', result.stderr)

    def test_category_without_action(self):
        result = manage(None, 'db')
        self.assertEqual(2, result.code)
        self.assertIn('usage', result.stderr)

    def test_malformed_db_url(self):
        cloud = self.useFixture(harness.CloudConfig(api_url='not-a-db-url'))
        result = manage(cloud.path, 'api_db', 'sync')
        self.assertEqual(1, result.code)
        self.assertIn('not-a-db-url', result.stderr)
        self.assertNotIn('Traceback', result.stderr)
        self.assertEqual([], cloud.files())

    def test_unreachable_db(self):
        url = 'mysql+pymysql://nova:topsecret@127.0.0.1:1/nova_api'
        cloud = self.useFixture(harness.CloudConfig(api_url=url))
        result = manage(cloud.path, 'api_db', 'sync')
        self.assertEqual(1, result.code)
        self.assertIn('127.0.0.1:1', result.stderr)
        self.assertNotIn('topsecret', result.stderr + result.stdout)
        self.assertNotIn('Traceback', result.stderr)
        self.assertEqual([], cloud.files())

    def test_unconfigured_db(self):
        cloud = self.useFixture(harness.CloudConfig())
        with open(cloud.path, 'w') as f:
            f.write('[DEFAULT]\n')
        result = manage(cloud.path, 'db', 'version')
        self.assertEqual(1, result.code)
        self.assertIn('[database]', result.stderr)


class InstalledScriptTestCase(base.NoDBTestCase):
    """The console script really is wired to the entry point."""

    def test_version(self):
        script = os.path.join(os.path.dirname(sys.executable), 'nova-manage')
        if not os.path.exists(script):
            script = shutil.which('nova-manage') or script
        if not os.path.exists(script):
            self.skipTest('nova-manage is not installed')
        proc = subprocess.run([script, '--version'], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertRegex(proc.stdout, r'\d+\.\d+')
        proc = subprocess.run([script], capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(2, proc.returncode)
        self.assertIn('usage', proc.stderr)



class MariaDBBringUpTestCase(_CmdTestCase):
    """The same bring-up on MariaDB (skipped when no server answers)."""

    def setUp(self):
        super().setUp()
        server = test_migrations.SERVERS['mysql']
        self.names = []
        try:
            self.admin = test_migrations._admin_engine('mysql')
            with self.admin.connect() as conn:
                base_name = 'nc_manage_%s' % os.getpid()
                # NOTE: cell0's name is derived from the main one, as nova.
                for name in (base_name + '_api', base_name + '_main',
                             base_name + '_main_cell0'):
                    conn.execute(sa.text('DROP DATABASE IF EXISTS ' + name))
                    conn.execute(sa.text('CREATE DATABASE ' + name))
                    self.names.append(name)
        except Exception as e:  # noqa: BLE001 - unreachable server
            self.skipTest('MariaDB not reachable at %s: %s' % (server, e))
        self.addCleanup(self._drop)
        self.cloud = self.useFixture(harness.CloudConfig(
            api_url='%s/%s' % (server, self.names[0]),
            main_url='%s/%s' % (server, self.names[1])))
        self.conf = self.cloud.path

    def _drop(self):
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(sa.text('DROP DATABASE IF EXISTS ' + name))
        self.admin.dispose()

    def test_sequence(self):
        cell1 = self.bring_up()
        listing = manage(self.conf, 'cell_v2', 'list_cells',
                         expect=0).stdout
        self.assertIn('cell1', listing)
        self.assertIn(cell1, listing)
        self.assertIn(self.names[2], listing)
        self.assertNotIn('secretpw', listing)
        self.assertIn('instances', harness.tables(
            '%s/%s' % (test_migrations.SERVERS['mysql'], self.names[2])))
        manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell1',
               expect=2)
        manage(self.conf, 'cell_v2', 'discover_hosts', expect=0)
        manage(self.conf, 'db', 'archive_deleted_rows', '--all-cells',
               expect=0)
        result = harness.status_cmd(self.conf, 'upgrade', 'check')
        self.assertIn('Check: Cells v2', result.stdout)
        self.assertIn('Result: Success', result.stdout)
