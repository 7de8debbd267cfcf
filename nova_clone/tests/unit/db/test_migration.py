"""nova_clone.db.migration: trees, revisions and error messages, no server."""

import os

from oslo_db.sqlalchemy import enginefacade

from nova_clone.db.api import api as api_db_api
from nova_clone.db.main import api as main_db_api
from nova_clone.db import migration
from nova_clone import exception
from nova_clone.tests import base


class TreeLayoutTest(base.NoDBTestCase):
    """Both trees follow the same layout and have a single head."""

    def test_trees_mirror_each_other(self):
        for database in migration.DATABASES:
            tree = migration._TREES[database]
            for name in ('__init__.py', 'env.py', 'script.py.mako',
                         'versions'):
                self.assertTrue(os.path.exists(os.path.join(tree, name)),
                                '%s tree lacks %s' % (database, name))

    def test_each_tree_has_a_head(self):
        heads = {db: migration.head_revision(db)
                 for db in migration.DATABASES}
        self.assertTrue(all(heads.values()), heads)
        self.assertNotEqual(heads['api'], heads['main'])

    def test_unknown_database(self):
        for call in (lambda: migration.head_revision('cell'),
                     lambda: migration.db_version('cell'),
                     lambda: migration.db_sync(database='cell'),
                     lambda: migration.db_version_url('sqlite://', 'cell')):
            self.assertRaises(exception.Invalid, call)


class MaskingTest(base.NoDBTestCase):
    """Passwords never reach an error message."""

    def test_masked_parsable_url(self):
        self.assertEqual(
            'mysql+pymysql://nova:***@db.example/nova',
            migration._masked('mysql+pymysql://nova:s3cret@db.example/nova'))

    def test_masked_unset(self):
        self.assertEqual('<unset>', migration._masked(None))

    def test_scrub_unparsable_and_embedded(self):
        text = ("can't parse 'bogus://nova:pa@ss@host/x' or "
                'postgresql://u:p@h/d')
        scrubbed = migration._scrub(text)
        self.assertNotIn('pa@ss', scrubbed)
        self.assertNotIn(':p@', scrubbed)
        self.assertIn('bogus://nova:***@host/x', scrubbed)

    def test_unknown_driver_is_invalid_connection(self):
        e = self.assertRaises(exception.InvalidDBConnection,
                              migration.db_sync_url,
                              'nosuchdb://nova:s3cret@host/nova', 'api')
        self.assertNotIn('s3cret', str(e))
        self.assertIn('nosuchdb://nova:***@host/nova', str(e))

    def test_malformed_url_is_invalid_connection(self):
        e = self.assertRaises(exception.InvalidDBConnection,
                              migration.db_version_url, 'not a url', 'main')
        self.assertIn('not a url', str(e))

    def test_unreachable_is_connection_failed(self):
        # NOTE: port 1 on loopback refuses at once; no server is needed.
        url = 'mysql+pymysql://nova:s3cret@127.0.0.1:1/nova'
        e = self.assertRaises(exception.DBConnectionFailed,
                              migration.db_version_url, url, 'api')
        self.assertNotIn('s3cret', str(e))
        self.assertIn('127.0.0.1:1', str(e))


class NotConfiguredTest(base.NoDBTestCase):
    """Without a connection the caller learns which option to set."""

    def test_api_not_configured(self):
        # NOTE: a fresh, unconfigured factory stands in for whatever an
        # earlier test in this process configured.
        reset = api_db_api.context_manager.patch_factory(
            enginefacade._TransactionFactory())
        self.addCleanup(reset)
        e = self.assertRaises(exception.DBNotConfigured,
                              migration.db_version, 'api')
        self.assertIn('[api_database]', str(e))

    def test_main_not_configured(self):
        reset = main_db_api.main_context_manager.patch_factory(
            enginefacade._TransactionFactory())
        self.addCleanup(reset)
        e = self.assertRaises(exception.DBNotConfigured,
                              migration.db_sync, None, 'main')
        self.assertIn('[database]', str(e))
