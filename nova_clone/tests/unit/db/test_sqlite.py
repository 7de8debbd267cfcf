"""SQLite transactions: writers take the write lock at BEGIN, known
readers do not, so a reader never waits for a writer (WAL)."""

import os
import tempfile
import threading
import time

import fixtures
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from nova_clone.db import sqlite
from nova_clone.tests import base


def _statements(engine):
    """:returns: a list that collects every statement ``engine`` runs."""
    seen = []
    sa.event.listen(engine, 'before_cursor_execute',
                    lambda conn, cursor, statement, *args:
                    seen.append(statement))
    return seen


class SQLiteBeginTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        sqlite.install()
        tmp = tempfile.mkdtemp()
        self.addCleanup(lambda: [os.remove(os.path.join(tmp, f))
                                 for f in os.listdir(tmp)])
        self.engine = sa.create_engine(
            'sqlite:///%s' % os.path.join(tmp, 'x.db'),
            poolclass=sa.pool.NullPool)
        with self.engine.begin() as conn:
            conn.exec_driver_sql('CREATE TABLE t (v INTEGER)')
            conn.exec_driver_sql('INSERT INTO t VALUES (1)')

    def test_reader_does_not_wait_for_an_open_writer(self):
        writer = self.engine.connect()
        self.addCleanup(writer.close)
        tx = writer.begin()
        writer.exec_driver_sql('INSERT INTO t VALUES (2)')
        started = time.monotonic()
        with sqlite.read_only(), self.engine.begin() as reader:
            rows = reader.exec_driver_sql('SELECT count(*) FROM t').scalar()
        self.assertEqual(1, rows)
        self.assertLess(time.monotonic() - started, 5)
        tx.commit()

    def test_writer_takes_the_lock_up_front(self):
        seen = _statements(self.engine)
        with self.engine.begin() as conn:
            conn.exec_driver_sql('SELECT 1')
        with sqlite.read_only(), self.engine.begin() as conn:
            conn.exec_driver_sql('SELECT 1')
        with sqlite.read_only(), sqlite.read_only(False), \
                self.engine.begin() as conn:
            conn.exec_driver_sql('SELECT 1')
        begins = [s for s in seen if s.startswith('BEGIN')]
        self.assertEqual(['BEGIN IMMEDIATE', 'BEGIN', 'BEGIN IMMEDIATE'],
                         begins)


class KeepConnectionsTest(base.NoDBTestCase):
    """File databases keep their connections (a QueuePool instead of
    oslo.db's NullPool); each open transaction still has its own."""

    def setUp(self):
        super().setUp()
        from nova_clone.db.main import api as main_api
        tmp = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(tmp, 'x.db')
        self.mgr = main_api.create_context_manager('sqlite:///' + self.path)
        self.engine = self.mgr.writer.get_engine()
        self.addCleanup(self.engine.dispose)
        with self.engine.begin() as conn:
            conn.exec_driver_sql('CREATE TABLE t (v INTEGER)')

    def test_file_database_is_pooled(self):
        self.assertIsInstance(self.engine.pool, sa.pool.QueuePool)
        with self.engine.connect() as conn:
            first = conn.connection.dbapi_connection
        with self.engine.connect() as conn:
            self.assertIs(first, conn.connection.dbapi_connection)
        # NOTE: an open connection keeps WAL's files in place.
        self.assertTrue(os.path.exists(self.path + '-wal'))

    def test_open_transactions_do_not_share_a_connection(self):
        writer = self.engine.connect()
        self.addCleanup(writer.close)
        tx = writer.begin()
        writer.exec_driver_sql('INSERT INTO t VALUES (1)')
        with sqlite.read_only(), self.engine.begin() as reader:
            self.assertIsNot(writer.connection.dbapi_connection,
                             reader.connection.dbapi_connection)
            self.assertEqual(
                0, reader.exec_driver_sql('SELECT count(*) FROM t').scalar())
        tx.commit()

    def test_every_checkout_begins_its_own_transaction(self):
        seen = _statements(self.engine)
        for _ in range(3):
            conn = self.engine.connect()
            conn.begin()
            conn.exec_driver_sql('INSERT INTO t VALUES (1)')
            # NOTE: returned without commit or rollback: the pool rolls
            # back, and the next checkout must not skip its BEGIN.
            conn.close()
        self.assertEqual(3, seen.count('BEGIN IMMEDIATE'))
        with self.engine.connect() as conn:
            self.assertEqual(
                0, conn.exec_driver_sql('SELECT count(*) FROM t').scalar())

    def test_connections_cross_threads(self):
        with self.engine.begin() as conn:
            conn.exec_driver_sql('INSERT INTO t VALUES (1)')
        errors = []

        def use():
            try:
                with self.engine.begin() as conn:
                    conn.exec_driver_sql('INSERT INTO t VALUES (2)')
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        thread = threading.Thread(target=use)
        thread.start()
        thread.join()
        self.assertEqual([], errors)

    def test_threads_write_in_turn(self):
        def write():
            for _ in range(20):
                with self.engine.begin() as conn:
                    conn.exec_driver_sql('INSERT INTO t VALUES (1)')

        threads = [threading.Thread(target=write) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self.engine.connect() as conn:
            self.assertEqual(
                120, conn.exec_driver_sql('SELECT count(*) FROM t').scalar())
        self.assertFalse(self.engine.pool.nova_clone_write_lock.locked())

    def test_write_lock_released_however_the_transaction_ends(self):
        lock = self.engine.pool.nova_clone_write_lock
        conn = self.engine.connect()
        conn.begin()
        conn.exec_driver_sql('INSERT INTO t VALUES (1)')
        self.assertTrue(lock.locked())
        conn.close()  # NOTE: no commit: the pool rolls back
        self.assertFalse(lock.locked())
        with self.engine.begin() as conn:
            conn.exec_driver_sql('INSERT INTO t VALUES (1)')
            self.assertTrue(lock.locked())
        self.assertFalse(lock.locked())
        with sqlite.read_only(), self.engine.begin() as conn:
            conn.exec_driver_sql('SELECT 1')
            self.assertFalse(lock.locked())
        with self.assertRaises(db_exc.DBError):
            with self.engine.begin() as conn:
                conn.exec_driver_sql('INSERT INTO nowhere VALUES (1)')
        self.assertFalse(lock.locked())

    def test_memory_database_is_left_alone(self):
        from nova_clone.db.main import api as main_api
        mgr = main_api.create_context_manager('sqlite://')
        engine = mgr.writer.get_engine()
        self.addCleanup(engine.dispose)
        self.assertIsInstance(engine.pool, sa.pool.StaticPool)


class MarkReadersTest(base.NoDBTestCase):
    """The API database's reader sessions begin deferred."""

    def setUp(self):
        super().setUp()
        sqlite.install()
        tmp = self.useFixture(fixtures.TempDir()).path
        self.mgr = enginefacade.transaction_context()
        self.mgr.configure(connection='sqlite:///%s/api.db' % tmp)
        sqlite.keep_connections(self.mgr)
        sqlite.mark_readers(self.mgr)
        engine = self.mgr.writer.get_engine()
        self.addCleanup(engine.dispose)
        self.seen = _statements(engine)

    def test_readers_begin_deferred(self):
        context = _Context()
        with self.mgr.writer.using(context) as session:
            session.execute(sa.text('CREATE TABLE t (v INTEGER)'))
        with self.mgr.reader.using(context) as session:
            session.execute(sa.text('SELECT 1'))
        with self.mgr.writer.using(context) as session:
            session.execute(sa.text('INSERT INTO t VALUES (1)'))
            # NOTE: a nested reader is part of the writer's transaction.
            with self.mgr.reader.using(context) as inner:
                self.assertEqual(1, inner.execute(
                    sa.text('SELECT count(*) FROM t')).scalar())
        begins = [s for s in self.seen if s.startswith('BEGIN')]
        self.assertEqual(['BEGIN IMMEDIATE', 'BEGIN', 'BEGIN IMMEDIATE'],
                         begins)


@enginefacade.transaction_context_provider
class _Context:
    pass
