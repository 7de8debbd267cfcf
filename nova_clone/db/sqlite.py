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
Transactions known to only read start deferred instead: in WAL mode they
never wait for a writer, and they cannot need an upgrade. A transaction is
known to read when it runs inside :func:`read_only` (the cell database's
``pick_context_manager_reader``) or in a reader session of a context
manager passed to :func:`mark_readers` (the API database's
``context_manager.reader``).

File databases keep their connections open (:func:`keep_connections`):
oslo.db gives them a ``NullPool``, so every transaction opened a new
connection, ran the PRAGMAs below and closed it, and closing the last
connection of a WAL database checkpoints it and deletes its ``-wal`` and
``-shm`` files, which the next open builds again (2.3 ms per transaction
against 0.02 ms on a kept connection). A ``QueuePool`` hands each checkout
its own connection, exactly as before: nothing is shared between two
transactions that are open at the same time, whatever thread or greenthread
they run in.

Writers of one process queue for a database file on a Python lock before
their ``BEGIN IMMEDIATE`` (:func:`_on_begin`), released right after their
COMMIT or ROLLBACK: SQLite's own busy handler polls with growing sleeps (up
to 100 ms each), so a thread that finds the write lock taken by a sibling
thread often slept long after it was free. Writers of other processes still
meet on SQLite's lock and the busy timeout.
"""

import contextlib
import os
import sqlite3
import threading

from oslo_db.sqlalchemy import enginefacade
from sqlalchemy import engine as sa_engine
from sqlalchemy import event
from sqlalchemy import pool as sa_pool

BUSY_TIMEOUT_MS = 30000
# NOTE: idle connections kept per file database and process; more may be
# open at once (no overflow limit: SQLite's own locking, not the pool,
# decides who waits).
DEFAULT_POOL_SIZE = 5

_installed = False
_local = threading.local()
# NOTE: an execution option of the engine a reader session is bound to.
_READ_ONLY_OPTION = 'nova_clone_read_only'
_WRITE_LOCK = 'nova_clone_write_lock'
_file_locks = {}
_file_locks_lock = threading.Lock()


def _write_lock(path):
    with _file_locks_lock:
        return _file_locks.setdefault(os.path.abspath(path),
                                      threading.Lock())


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


def _on_checkin(dbapi_connection, connection_record):
    # NOTE: a pooled connection outlives its transaction; the marker must
    # not, or the next checkout would skip its BEGIN and run in autocommit.
    connection_record.info.pop('in_transaction', None)
    _release(connection_record.info)


def _release(info):
    lock = info.pop(_WRITE_LOCK, None)
    if lock is not None:
        lock.release()


def _releasing(end):
    """Wrap a dialect's do_commit/do_rollback: the process's write lock
    goes once SQLite's has gone."""
    def wrapper(connection, *args, **kwargs):
        try:
            return end(connection, *args, **kwargs)
        finally:
            info = getattr(connection, 'info', None)
            if info is not None:
                _release(info)
    return wrapper


def _pooled(engine, pool_size):
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    # NOTE: a connection moves between threads from one checkout to the
    # next, never while checked out.
    cparams['check_same_thread'] = False

    def creator():
        return engine.dialect.connect(*cargs, **cparams)

    old = engine.pool
    new = sa_pool.QueuePool(
        creator, pool_size=pool_size, max_overflow=-1, use_lifo=True,
        recycle=old._recycle, echo=old.echo,
        logging_name=old._orig_logging_name,
        # NOTE: no pre-ping: a local file does not drop connections, and
        # the ping was a statement per checkout.
        reset_on_return=old._reset_on_return, pre_ping=False,
        _dispatch=old.dispatch, dialect=old._dialect)
    new.nova_clone_write_lock = _write_lock(engine.url.database)
    dialect = engine.dialect
    dialect.do_commit = _releasing(dialect.do_commit)
    dialect.do_rollback = _releasing(dialect.do_rollback)
    return new


def keep_connections(context_manager, pool_size=None):
    """Pool the connections of ``context_manager``'s SQLite file engines.

    oslo.db builds those engines with a ``NullPool``; this swaps in a
    ``QueuePool`` of ``pool_size`` idle connections (``max_pool_size``,
    default :data:`DEFAULT_POOL_SIZE`) as each engine is created. In-memory
    databases (oslo.db's ``StaticPool``) and other dialects are left alone.
    Call before the context manager starts.
    """
    size = pool_size or DEFAULT_POOL_SIZE

    def on_engine_create(engine):
        if (engine.dialect.name == 'sqlite'
                and isinstance(engine.pool, sa_pool.NullPool)):
            old = engine.pool
            engine.pool = _pooled(engine, size)
            old.dispose()

    context_manager.append_on_engine_create(on_engine_create)


def mark_readers(context_manager):
    """Make ``context_manager``'s reader sessions begin deferred.

    enginefacade gives readers and writers the same sessionmaker when no
    ``slave_connection`` is set; reader sessions are bound here to the
    engine with an execution option that :func:`_on_begin` reads. A reader
    nested in a writer shares the writer's session and so its transaction.
    """
    factory = context_manager._factory
    create_session = factory._create_session

    def _create_session(mode, bind=None):
        if mode is enginefacade._WRITER or bind is not None:
            return create_session(mode, bind=bind)
        session = create_session(mode)
        engine = session.get_bind()
        if engine.dialect.name == 'sqlite':
            session.bind = engine.execution_options(
                **{_READ_ONLY_OPTION: True})
        return session

    factory._create_session = _create_session


def _on_begin(connection):
    # NOTE: class-level listeners run before an engine's own, so this
    # BEGIN comes first; oslo.db's engines skip their plain BEGIN when they
    # see the same 'in_transaction' marker they use themselves.
    if connection.dialect.name != 'sqlite':
        return
    if 'in_transaction' not in connection.info:
        read_only = connection.get_execution_options().get(
            _READ_ONLY_OPTION) or getattr(_local, 'read_only', False)
        if read_only:
            connection.exec_driver_sql('BEGIN')
        else:
            _begin_immediate(connection)
        connection.info['in_transaction'] = True


def _begin_immediate(connection):
    lock = getattr(connection.engine.pool, 'nova_clone_write_lock', None)
    # NOTE: on a timeout, BEGIN IMMEDIATE goes on to SQLite's busy timeout
    # and its usual "database is locked".
    if lock is not None and lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000.0):
        connection.info[_WRITE_LOCK] = lock
    try:
        connection.exec_driver_sql('BEGIN IMMEDIATE')
    except Exception:
        _release(connection.info)
        raise


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
    event.listen(sa_pool.Pool, 'checkin', _on_checkin)
    _installed = True
