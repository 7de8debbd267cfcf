"""The Database fixture: migrated, isolated, and quick to set up."""

import time

import sqlalchemy as sa

from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone.db.main import api as main_db_api
from nova_clone.db import migration
from nova_clone.tests import base
from nova_clone.tests.fixtures import database


def _count_host_mappings():
    ctxt = nova_context.get_admin_context()
    with api_db_api.context_manager.reader.using(ctxt) as session:
        return session.query(api_models.HostMapping).count()


class DatabaseFixtureTest(base.NoDBTestCase):

    def test_both_databases_at_head(self):
        self.useFixture(database.Database('api'))
        self.useFixture(database.Database('main'))
        self.assertEqual(migration.head_revision('api'),
                         migration.db_version('api'))
        self.assertEqual(migration.head_revision('main'),
                         migration.db_version('main'))

    def test_each_use_starts_empty(self):
        for _ in range(2):
            with database.Database('api'):
                self.assertEqual(0, _count_host_mappings())
                ctxt = nova_context.get_admin_context()
                with api_db_api.context_manager.writer.using(ctxt) as s:
                    cell = api_models.CellMapping(uuid='u' * 36)
                    s.add(cell)
                    s.flush()
                    s.add(api_models.HostMapping(cell_id=cell.id, host='h'))
                self.assertEqual(1, _count_host_mappings())

    def test_patch_is_undone(self):
        before = main_db_api.main_context_manager._factory
        with database.Database('main'):
            self.assertIsNot(before,
                             main_db_api.main_context_manager._factory)
        self.assertIs(before, main_db_api.main_context_manager._factory)

    def test_unpatched_cell_database_by_url(self):
        main = self.useFixture(database.Database('main'))
        cell2 = self.useFixture(database.Database('main', patch=False))
        self.assertNotEqual(main.connection, cell2.connection)
        ctxt = nova_context.get_admin_context()
        ctxt.db_connection = main_db_api.get_context_manager(
            cell2.connection)
        self.assertEqual(migration.head_revision('main'),
                         migration.db_version('main', context=ctxt))
        engine = sa.create_engine(cell2.connection)
        self.addCleanup(engine.dispose)
        self.assertIn('instances', sa.inspect(engine).get_table_names())

    def test_setup_is_fast(self):
        # NOTE: the template is migrated once per process; copies are cheap.
        with database.Database('api'), database.Database('main'):
            pass
        start = time.monotonic()
        for _ in range(5):
            with database.Database('api'), database.Database('main'):
                pass
        self.assertLess((time.monotonic() - start) / 5, 0.5)
