"""nova-manage's command line: categories, actions and their arguments."""

import argparse

from nova_clone.cmd import manage
from nova_clone.tests import base


def _parser():
    parser = argparse.ArgumentParser(prog='nova-manage')
    subparsers = parser.add_subparsers(dest='category')
    manage.add_command_parsers(subparsers)
    return parser


class ParserTestCase(base.NoDBTestCase):

    def parse(self, *argv):
        ns = _parser().parse_args(list(argv))
        return ns, {dest: getattr(ns, 'action_kwarg_' + dest)
                    for dest in ns.action_kwargs}

    def test_categories(self):
        self.assertEqual({'api_db', 'cell_v2', 'db'}, set(manage.CATEGORIES))

    def test_every_documented_action_exists(self):
        expected = {
            'api_db': {'sync', 'version'},
            'db': {'sync', 'version', 'archive_deleted_rows', 'purge',
                   'online_data_migrations'},
            'cell_v2': {'map_cell0', 'simple_cell_setup', 'create_cell',
                        'list_cells', 'delete_cell', 'update_cell',
                        'discover_hosts', 'list_hosts', 'verify_instance',
                        'map_instances', 'delete_host'},
        }
        for category, actions in expected.items():
            found = {name for name, _fn in
                     manage._actions(manage.CATEGORIES[category])}
            self.assertEqual(actions, found, category)

    def test_db_sync(self):
        ns, kwargs = self.parse('db', 'sync', '--local_cell', 'abc123')
        self.assertEqual('sync', ns.action_fn)
        self.assertEqual({'version': 'abc123', 'local_cell': True}, kwargs)

    def test_archive_options(self):
        _ns, kwargs = self.parse(
            'db', 'archive_deleted_rows', '--max_rows', '10', '--verbose',
            '--until-complete', '--before', '2020-01-01', '--all-cells',
            '--task-log', '--sleep', '2', '--purge')
        self.assertEqual(
            {'max_rows': 10, 'verbose': True, 'until_complete': True,
             'before': '2020-01-01', 'all_cells': True, 'task_log': True,
             'sleep': 2, 'purge': True}, kwargs)

    def test_archive_defaults(self):
        _ns, kwargs = self.parse('db', 'archive_deleted_rows')
        self.assertEqual(1000, kwargs['max_rows'])
        self.assertFalse(kwargs['purge'])

    def test_purge_all_maps_to_purge_all(self):
        _ns, kwargs = self.parse('db', 'purge', '--all')
        self.assertTrue(kwargs['purge_all'])

    def test_create_cell(self):
        _ns, kwargs = self.parse(
            'cell_v2', 'create_cell', '--name', 'cell1', '--transport-url',
            'rabbit://h/', '--database_connection', 'sqlite://',
            '--verbose', '--disabled')
        self.assertEqual(
            {'name': 'cell1', 'transport_url': 'rabbit://h/',
             'database_connection': 'sqlite://', 'verbose': True,
             'disabled': True}, kwargs)

    def test_update_cell_database_connection_dest(self):
        _ns, kwargs = self.parse('cell_v2', 'update_cell', '--cell_uuid',
                                 'u', '--database_connection', 'x')
        self.assertEqual('x', kwargs['db_connection'])

    def test_required_arguments(self):
        for argv in (['cell_v2', 'delete_cell'],
                     ['cell_v2', 'verify_instance'],
                     ['cell_v2', 'delete_host', '--cell_uuid', 'u'],
                     ['db'], ['db', 'archive_deleted_rows', '--max_rows',
                              'ten']):
            self.assertRaises(SystemExit, self.parse, *argv)

    def test_discover_hosts(self):
        _ns, kwargs = self.parse('cell_v2', 'discover_hosts', '--by-service',
                                 '--strict', '--verbose')
        self.assertEqual({'cell_uuid': None, 'verbose': True, 'strict': True,
                          'by_service': True}, kwargs)
