"""Pure helpers of the command-line tools."""

import datetime
import io

import fixtures

from nova_clone.cmd import common
from nova_clone.cmd.manage import cell_v2
from nova_clone.tests import base


class MaskPasswordTestCase(base.NoDBTestCase):

    def test_masks_password(self):
        self.assertEqual(
            'mysql+pymysql://nova:****@db/nova',
            common.mask_password('mysql+pymysql://nova:secret@db/nova'))

    def test_masks_every_rabbit_host(self):
        self.assertEqual(
            'rabbit://a:****@h1:5672,b:****@h2:5672/vhost',
            common.mask_password(
                'rabbit://a:pw1@h1:5672,b:pw2@h2:5672/vhost'))

    def test_leaves_urls_without_password(self):
        for url in ('sqlite:////var/lib/nova/nova.sqlite', 'none:///',
                    'rabbit://guest@h/', None, ''):
            self.assertEqual(url, common.mask_password(url))


class ParseDateTestCase(base.NoDBTestCase):

    def test_formats(self):
        self.assertEqual(datetime.datetime(2015, 10, 21),
                         common.parse_date('2015-10-21'))
        self.assertEqual(datetime.datetime(2015, 10, 21, 12, 0),
                         common.parse_date('2015-10-21 12:00'))
        self.assertEqual(datetime.datetime(2015, 10, 21),
                         common.parse_date('Oct 21 2015'))
        self.assertEqual(2019, common.parse_date(
            'Fri May 24 09:20:11 CDT 2019').year)

    def test_rejects_non_dates(self):
        for value in ('', '   ', None, 'not a date at all', 'gibberish'):
            self.assertRaises(ValueError, common.parse_date, value)


class PrintTableTestCase(base.NoDBTestCase):

    def test_bordered_left_aligned(self):
        out = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', out))
        common.print_table(['Table', 'Number of Rows Archived'],
                           [['instances', 3]])
        lines = out.getvalue().splitlines()
        self.assertTrue(lines[0].startswith('+-'))
        self.assertIn('| instances | 3                       |', lines)


class Cell0ConnectionTestCase(base.NoDBTestCase):

    def test_server_database(self):
        self.assertEqual(
            'mysql+pymysql://nova:pw@db:3306/nova_cell0?charset=utf8',
            cell_v2.cell0_connection_from(
                'mysql+pymysql://nova:pw@db:3306/nova?charset=utf8'))
        self.assertEqual(
            'postgresql://nova:pw@db/nova_cell0',
            cell_v2.cell0_connection_from('postgresql://nova:pw@db/nova'))

    def test_sqlite_file_keeps_extension(self):
        self.assertEqual(
            'sqlite:////var/lib/nova/nova_cell0.sqlite',
            cell_v2.cell0_connection_from(
                'sqlite:////var/lib/nova/nova.sqlite'))

    def test_no_database_name(self):
        self.assertRaises(ValueError, cell_v2.cell0_connection_from,
                          'mysql+pymysql://nova:pw@db/')

    def test_invalid_database_connection(self):
        self.assertIsNone(cell_v2._invalid_database_connection(
            'sqlite:////tmp/x.sqlite'))
        self.assertIsNotNone(cell_v2._invalid_database_connection(
            'not a url'))
