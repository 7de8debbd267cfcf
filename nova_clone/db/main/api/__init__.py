"""Cell database access.

``main_context_manager`` serves this service's own ``[database]``; a request
targeted at another cell (``nova_clone.context.target_cell``) carries that
cell's context manager in ``context.db_connection``, and the
``pick_context_manager_*`` decorators route to it. Query functions live in
sibling modules of this package, one per table family, and are re-exported
here so callers write ``db.instance_get_by_uuid(...)``.
"""

import functools
import threading

from oslo_db.sqlalchemy import enginefacade

from nova_clone.db import sqlite
from nova_clone import monkey_patch

main_context_manager = enginefacade.transaction_context()

_CELL_CONTEXT_MANAGERS = {}
_CELL_LOCK = threading.Lock()
_configured = False
_conf = None


def _db_options(group):
    options = dict(
        connection=group.connection,
        slave_connection=group.slave_connection,
        sqlite_synchronous=group.sqlite_synchronous,
        connection_debug=group.connection_debug,
        max_pool_size=group.max_pool_size,
        max_overflow=group.max_overflow,
        pool_timeout=group.pool_timeout,
        mysql_sql_mode=group.mysql_sql_mode,
        connection_recycle_time=group.connection_recycle_time,
        connection_trace=group.connection_trace,
        max_retries=group.max_retries,
        retry_interval=group.retry_interval,
        # NOTE: oslo.db's sleep(0) on every checkin lets other greenthreads
        # run under eventlet; with native threads it only gives the CPU
        # away (1.7 ms per transaction on a loaded host).
        thread_checkin=monkey_patch.is_eventlet(),
    )
    return {k: v for k, v in options.items() if v is not None}


def configure(conf):
    """Apply ``[database]`` to ``main_context_manager`` (once per process)."""
    global _configured, _conf
    _conf = conf
    if _configured or not conf.database.connection:
        return
    sqlite.install()
    main_context_manager.configure(**_db_options(conf.database))
    sqlite.keep_connections(main_context_manager, conf.database.max_pool_size)
    _configured = True


def create_context_manager(connection):
    """:returns: a new enginefacade context for the database ``connection``.

    Pool and retry settings follow ``[database]`` when configured.
    """
    sqlite.install()
    ctxt_mgr = enginefacade.transaction_context()
    options = _db_options(_conf.database) if _conf is not None else {}
    options['connection'] = connection
    options.setdefault('thread_checkin', monkey_patch.is_eventlet())
    options.pop('slave_connection', None)
    ctxt_mgr.configure(**options)
    sqlite.keep_connections(ctxt_mgr, options.get('max_pool_size'))
    return ctxt_mgr


def get_context_manager(connection):
    """:returns: the (cached) context manager for a cell's ``connection``.

    This service's own ``[database]`` URL maps to ``main_context_manager`` so
    targeting the local cell shares its engine and pool.
    """
    if (_configured and _conf is not None
            and connection == _conf.database.connection):
        return main_context_manager
    with _CELL_LOCK:
        mgr = _CELL_CONTEXT_MANAGERS.get(connection)
        if mgr is None:
            mgr = create_context_manager(connection)
            _CELL_CONTEXT_MANAGERS[connection] = mgr
        return mgr


def get_engine(context=None):
    """:returns: the writer engine of the targeted cell or ``[database]``."""
    mgr = _pick(context)
    return mgr.writer.get_engine()


def _pick(context):
    if context is not None and getattr(context, 'db_connection', None):
        return context.db_connection
    return main_context_manager


def pick_context_manager_writer(f):
    """Run ``f(context, ...)`` in a writer transaction of the right cell."""
    @functools.wraps(f)
    def wrapper(context, *args, **kwargs):
        with sqlite.read_only(False), _pick(context).writer.using(context):
            return f(context, *args, **kwargs)
    return wrapper


def pick_context_manager_reader(f):
    """Run ``f(context, ...)`` in a reader transaction of the right cell."""
    @functools.wraps(f)
    def wrapper(context, *args, **kwargs):
        # NOTE: nested in a writer, the writer's transaction is already
        # begun; the flag only shapes a transaction this reader begins.
        with sqlite.read_only(), _pick(context).reader.using(context):
            return f(context, *args, **kwargs)
    return wrapper


def pick_context_manager_reader_allow_async(f):
    """Like the reader, but may use ``slave_connection`` when configured."""
    @functools.wraps(f)
    def wrapper(context, *args, **kwargs):
        with sqlite.read_only(), \
                _pick(context).reader.allow_async.using(context):
            return f(context, *args, **kwargs)
    return wrapper
