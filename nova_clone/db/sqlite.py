"""SQLite tuning applied to every SQLite connection the process opens.

SQLite is the embedded default: WAL lets readers proceed while one writer
commits, ``foreign_keys`` makes the schema's constraints real, and a busy
timeout turns short lock waits into waits instead of "database is locked"
errors. Other dialects are left untouched.
"""

import sqlite3

from sqlalchemy import engine as sa_engine
from sqlalchemy import event

BUSY_TIMEOUT_MS = 30000

_installed = False


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


def install():
    """Attach the pragmas to every SQLAlchemy engine (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(sa_engine.Engine, 'connect', _on_connect)
    _installed = True
