"""SQLite transactions: writers take the write lock at BEGIN, known
readers do not, so a reader never waits for a writer (WAL)."""

import os
import tempfile
import time

import sqlalchemy as sa

from nova_clone.db import sqlite
from nova_clone.tests import base


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
        seen = []

        @sa.event.listens_for(self.engine, 'before_cursor_execute')
        def record(conn, cursor, statement, *args):
            seen.append(statement)

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
