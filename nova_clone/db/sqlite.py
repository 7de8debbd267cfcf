"""SQLite tuning applied to every SQLite connection the process opens.

SQLite is the embedded default: WAL lets readers proceed while one writer
commits, ``foreign_keys`` makes the schema's constraints real, and a busy
timeout turns short lock waits into waits instead of "database is locked"
errors. Other dialects are left untouched.

Transactions start with ``BEGIN IMMEDIATE``: a deferred transaction that
reads and then writes cannot upgrade its lock once another writer has
committed (SQLite answers "database is locked" at once, without waiting on
the busy timeout), which concurrent builds on one compute hit. Taking the
write lock up front makes such transactions queue on the busy timeout.
Transactions known to only read (inside :func:`read_only`) start deferred
instead: in WAL mode they never wait for a writer, and they cannot need an
upgrade.
"""

import contextlib
import sqlite3
import threading

from sqlalchemy import engine as sa_engine
from sqlalchemy import event

BUSY_TIMEOUT_MS = 30000

_installed = False
_local = threading.local()


@contextlib.contextmanager
def read_only(flag=True):
    """Transactions this thread begins inside are reads (``flag``) or
    writes; a reader's BEGIN then takes no write lock.
    """
    previous = getattr(_local, 'read_only', False)
    _local.read_only = flag
    try:
        yield
    finally:
        _local.read_only = previous


def _on_connect(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute('PRAGMA busy_timeout = %d' % BUSY_TIMEOUT_MS)
        cursor.execute('PRAGMA foreign_keys = ON')
        # NOTE: in-memory databases answer 'memory' and stay that way.
        cursor.execute('PRAGMA journal_mode = WAL')
        cursor.execute('PRAGMA synchronous = NORMAL')
    finally:
        cursor.close()
    # NOTE: the driver's own implicit BEGIN is turned off; _on_begin issues
    # ours.
    dbapi_connection.isolation_level = None


def _on_begin(connection):
    # NOTE: class-level listeners run before an engine's own, so this
    # BEGIN comes first; oslo.db's engines skip their plain BEGIN when they
    # see the same 'in_transaction' marker they use themselves.
    if connection.dialect.name != 'sqlite':
        return
    if 'in_transaction' not in connection.info:
        connection.exec_driver_sql(
            'BEGIN' if getattr(_local, 'read_only', False)
            else 'BEGIN IMMEDIATE')
        connection.info['in_transaction'] = True


def _on_end(connection):
    if connection.dialect.name == 'sqlite':
        connection.info.pop('in_transaction', None)


def install():
    """Attach the pragmas to every SQLAlchemy engine (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(sa_engine.Engine, 'connect', _on_connect)
    event.listen(sa_engine.Engine, 'begin', _on_begin)
    event.listen(sa_engine.Engine, 'commit', _on_end)
    event.listen(sa_engine.Engine, 'rollback', _on_end)
    _installed = True
