"""nova-status upgrade check, run in-process on real databases."""

import json

from nova_clone.cmd import status
from nova_clone.tests import base
from nova_clone.tests.fixtures import placement as placement_fixture
from nova_clone.tests.functional.cmd import harness
from nova_clone.tests.functional.cmd.harness import manage_cmd as manage
from nova_clone.tests.functional.cmd.harness import status_cmd

CHECKS = ('Cells v2', 'Placement API', 'Older than N-1 computes',
          'Service User Token Configuration')

SERVICE_USER = """
[service_user]
send_service_user_token = true
"""


class _StatusTestCase(base.NoDBTestCase):

    placement = True
    extra = ''

    def setUp(self):
        super().setUp()
        self.useFixture(harness.FreshDatabases())
        self.cloud = self.useFixture(harness.CloudConfig(
            placement=self.placement, extra=self.extra))
        self.conf = self.cloud.path

    def bring_up(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        manage(self.conf, 'db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'create_cell', '--name', 'cell1',
               expect=0)

    def checks(self, *args):
        """:returns: (exit code, {check name: (result code, details)})."""
        result = status_cmd(self.conf, 'upgrade', 'check', '--json', *args)
        self.assertNotEqual(255, result.code, result.stdout)
        output = json.loads(result.stdout)
        self.assertEqual('Upgrade Check Results', output['name'])
        return result.code, {c['check']: (c['result'], c['details'])
                             for c in output['checks']}


class UpgradeCheckTestCase(_StatusTestCase):

    def test_table_reports_every_check(self):
        self.bring_up()
        result = status_cmd(self.conf, 'upgrade', 'check')
        self.assertIn('Upgrade Check Results', result.stdout)
        for check in CHECKS:
            self.assertIn('Check: %s' % check, result.stdout)
        # Placement is not running here: a failure, so exit code 2.
        self.assertEqual(2, result.code, result.stdout + result.stderr)
        self.assertIn('Unable to connect to the Placement API',
                      result.stdout)

    def test_json(self):
        self.bring_up()
        code, checks = self.checks()
        self.assertEqual(2, code)
        self.assertEqual(set(CHECKS), set(checks))
        self.assertEqual(0, checks['Cells v2'][0])
        self.assertIn('discover_hosts', checks['Cells v2'][1])
        self.assertEqual(2, checks['Placement API'][0])
        self.assertEqual(0, checks['Older than N-1 computes'][0])
        self.assertEqual(2, checks['Service User Token Configuration'][0])

    def test_without_cells(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        code, checks = self.checks()
        self.assertEqual(2, code)
        self.assertEqual(2, checks['Cells v2'][0])
        self.assertIn('simple_cell_setup', checks['Cells v2'][1])

    def test_only_cell0(self):
        manage(self.conf, 'api_db', 'sync', expect=0)
        manage(self.conf, 'cell_v2', 'map_cell0', expect=0)
        _code, checks = self.checks()
        self.assertEqual(2, checks['Cells v2'][0])
        self.assertIn('create_cell', checks['Cells v2'][1])

    def test_unmapped_compute_nodes(self):
        self.bring_up()
        harness.execute(
            self.cloud.main_url,
            "INSERT INTO compute_nodes (host, uuid, vcpus, memory_mb, "
            "local_gb, vcpus_used, memory_mb_used, local_gb_used, "
            "hypervisor_type, hypervisor_version, hypervisor_hostname, "
            "cpu_info, mapped, deleted) VALUES ('cmp1', "
            "'11111111-2222-3333-4444-555555555551', 4, 4096, 40, 0, 0, 0, "
            "'fake', 1, 'cmp1', '{}', 0, 0)")
        _code, checks = self.checks()
        self.assertEqual(2, checks['Cells v2'][0])
        self.assertIn('discover_hosts', checks['Cells v2'][1])
        manage(self.conf, 'cell_v2', 'discover_hosts', expect=0)
        _code, checks = self.checks()
        self.assertEqual((0, None), checks['Cells v2'])

    def test_old_computes_warn(self):
        self.bring_up()
        harness.execute(
            self.cloud.main_url,
            "INSERT INTO services (host, \"binary\", topic, report_count, "
            "disabled, forced_down, version, deleted, uuid) VALUES "
            "('cmp1', 'nova-compute', 'compute', 0, 0, 0, 1, 0, "
            "'5b0b41f1-3a5e-4b38-9a0c-5d1b4a2d1c11')")
        _code, checks = self.checks()
        self.assertEqual(0, checks['Older than N-1 computes'][0])
        self.useFixture(harness.fixtures.MonkeyPatch(
            'nova_clone.cmd.status.OLDEST_SUPPORTED_SERVICE_VERSION', 2))
        _code, checks = self.checks()
        self.assertEqual(1, checks['Older than N-1 computes'][0])

    def test_missing_config_file(self):
        result = status_cmd(None, '--config-file', '/nonexistent/nova.conf',
                            'upgrade', 'check')
        self.assertEqual(status.EXIT_ERROR, result.code)
        self.assertIn('/nonexistent/nova.conf', result.stderr)

    def test_no_arguments_prints_usage(self):
        result = status_cmd(None)
        self.assertEqual(2, result.code)
        self.assertIn('usage: nova-status', result.stderr)


class PlacementCheckTestCase(_StatusTestCase):
    """With the real Placement running, every check passes: exit 0."""

    placement = False
    extra = SERVICE_USER

    def setUp(self):
        super().setUp()
        self.useFixture(placement_fixture.PlacementFixture())

    def test_all_checks_pass(self):
        self.bring_up()
        result = status_cmd(self.conf, 'upgrade', 'check')
        self.assertEqual(0, result.code, result.stdout + result.stderr)
        self.assertNotIn('Result: Failure', result.stdout)
        self.assertNotIn('Result: Warning', result.stdout)

    def test_placement_too_old(self):
        self.useFixture(harness.fixtures.MonkeyPatch(
            'nova_clone.cmd.status.MIN_PLACEMENT_MICROVERSION', '99.0'))
        self.bring_up()
        code, checks = self.checks()
        self.assertEqual(2, code)
        self.assertEqual(2, checks['Placement API'][0])
        self.assertIn('99.0', checks['Placement API'][1])


class BadDatabaseTestCase(_StatusTestCase):
    """A database the checks cannot use is a Failure, not a crash."""

    def test_unreachable_api_database(self):
        self.cloud = self.useFixture(harness.CloudConfig(
            api_url='mysql+pymysql://nova:topsecret@127.0.0.1:1/nova_api'))
        self.conf = self.cloud.path
        code, checks = self.checks()
        self.assertEqual(2, code)
        self.assertEqual(2, checks['Cells v2'][0])
        self.assertIn('Unable to read cell mappings', checks['Cells v2'][1])
        self.assertNotIn('topsecret', checks['Cells v2'][1])

    def test_malformed_api_database_url(self):
        self.cloud = self.useFixture(harness.CloudConfig(
            api_url='not-a-db-url'))
        self.conf = self.cloud.path
        code, checks = self.checks()
        self.assertEqual(2, checks['Cells v2'][0])
        self.assertEqual([], self.cloud.files())
