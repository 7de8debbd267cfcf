"""Schema migrations of the API and cell databases (alembic, no alembic.ini).

Tree convention, shared by both databases:

* each tree is ``nova_clone/db/<api|main>/migrations/`` with ``__init__.py``
  (an ``include_object`` hook for model comparisons), ``env.py``,
  ``script.py.mako`` and ``versions/<rev>_<slug>.py``;
* there is no alembic.ini: :func:`_alembic_config` builds the Config in
  code with ``script_location`` set to the tree and hands the live
  SQLAlchemy connection over in ``config.attributes['connection']``;
* ``env.py`` runs online only, on that connection, with
  ``target_metadata = models.BASE.metadata`` and batch mode on SQLite.

Callers use :func:`db_sync` / :func:`db_version` (the configured databases,
or the cell a context targets) or the ``*_url`` variants for a database
given by URL (``nova-manage cell_v2`` needs those for new cells).
"""

import os
import re

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script
from oslo_db import exception as db_exc
import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.main import api as main_db_api
from nova_clone.db import sqlite
from nova_clone import exception

DATABASES = ('api', 'main')

_TREES = {
    'api': os.path.join(os.path.dirname(__file__), 'api', 'migrations'),
    'main': os.path.join(os.path.dirname(__file__), 'main', 'migrations'),
}


def _check_database(database):
    if database not in DATABASES:
        raise exception.Invalid(
            'Unknown database %r; choose one of %s' % (database, DATABASES))


def _alembic_config(database, connection):
    config = alembic_config.Config()
    config.set_main_option('script_location', _TREES[database])
    config.attributes['connection'] = connection
    return config


def _group(database):
    return 'api_database' if database == 'api' else 'database'


def _configured_url(database):
    """:returns: ``database``'s masked ``connection`` option, for errors."""
    from nova_clone.conf import CONF  # late: keeps this module light
    try:
        url = getattr(CONF, _group(database)).connection
    except Exception:  # options not registered in this process
        url = None
    return '%s ([%s] connection)' % (_masked(url), _group(database))


def get_engine(database='main', context=None):
    """Find the engine to migrate.

    :param database: ``'api'`` or ``'main'``.
    :param context: for ``main``, a context targeting a cell (its
        ``db_connection``); without one, ``[database]`` is used.
    :returns: the writer engine of that database.
    :raises DBNotConfigured: when the database has no connection configured.
    :raises InvalidDBConnection: when the configured URL is malformed.
    :raises DBConnectionFailed: when the database does not answer.
    """
    _check_database(database)
    try:
        if database == 'api':
            return api_db_api.context_manager.writer.get_engine()
        return main_db_api.get_engine(context)
    except (db_exc.CantStartEngineError, AssertionError) as e:
        raise exception.DBNotConfigured(group=_group(database), reason=str(e))
    except (sa.exc.ArgumentError, ImportError, ValueError) as e:
        raise exception.InvalidDBConnection(
            url=_configured_url(database), reason=_scrub(e))
    except db_exc.DBConnectionError as e:
        raise exception.DBConnectionFailed(
            url=_configured_url(database), reason=_scrub(e))


# NOTE: also matches URLs SQLAlchemy cannot parse, so a password never
# reaches a message through a malformed URL either.
_PASSWORD_RE = re.compile(r'(://[^:/@\s]*:)[^/\s]*@')


def _scrub(text):
    """:returns: ``text`` with any ``scheme://user:password@`` masked."""
    return _PASSWORD_RE.sub(r'\1***@', str(text))


def _wrap_errors(func, url_for_errors):
    try:
        return func()
    except db_exc.DBConnectionError as e:
        raise exception.DBConnectionFailed(
            url=_masked(url_for_errors), reason=_scrub(e))
    except sa.exc.OperationalError as e:
        raise exception.DBConnectionFailed(
            url=_masked(url_for_errors), reason=_scrub(e.orig or e))


def _masked(url):
    if url is None:
        return '<unset>'
    try:
        return sa.engine.make_url(str(url)).render_as_string(
            hide_password=True)
    except Exception:  # a malformed URL is reported as given, scrubbed
        return _scrub(url)


def _sync(engine, database, version):
    def run():
        with engine.begin() as connection:
            config = _alembic_config(database, connection)
            alembic_command.upgrade(config, version or 'head')
    _wrap_errors(run, engine.url)


def _version(engine, database):
    def run():
        with engine.connect() as connection:
            ctx = alembic_migration.MigrationContext.configure(connection)
            return ctx.get_current_revision()
    return _wrap_errors(run, engine.url)


def db_sync(version=None, database='main', context=None):
    """Upgrade ``database`` to ``version`` (default: the newest).

    :param version: the target revision; None for the head.
    :param database: ``'api'`` or ``'main'``.
    :param context: for ``main``, a context targeting the cell to sync.
    :raises DBNotConfigured, InvalidDBConnection, DBConnectionFailed: see
        :func:`get_engine`.
    """
    _sync(get_engine(database, context), database, version)


def db_version(database='main', context=None):
    """Read the revision a database is at.

    :param database: ``'api'`` or ``'main'``.
    :param context: for ``main``, a context targeting the cell to read.
    :returns: the current revision; None for a database never synced.
    """
    return _version(get_engine(database, context), database)


def _engine_for_url(url):
    sqlite.install()
    try:
        return sa.create_engine(url)
    except (sa.exc.ArgumentError, ImportError, ValueError) as e:
        raise exception.InvalidDBConnection(
            url=_masked(url), reason=_scrub(e))


def db_sync_url(url, database, version=None):
    """Upgrade the database at ``url`` with the ``database`` tree.

    :param url: an SQLAlchemy URL (a new cell's, say).
    :param database: ``'api'`` or ``'main'``: which tree to apply.
    :param version: the target revision; None for the head.
    :raises InvalidDBConnection: for a malformed URL or missing driver.
    :raises DBConnectionFailed: when the database does not answer.
    """
    _check_database(database)
    engine = _engine_for_url(url)
    try:
        _sync(engine, database, version)
    finally:
        engine.dispose()


def db_version_url(url, database):
    """Read the revision of the database at ``url``.

    :param url: an SQLAlchemy URL.
    :param database: ``'api'`` or ``'main'``.
    :returns: the current revision; None for a database never synced.
    """
    _check_database(database)
    engine = _engine_for_url(url)
    try:
        return _version(engine, database)
    finally:
        engine.dispose()


def head_revision(database):
    """:param database: ``'api'`` or ``'main'``.
    :returns: the newest revision of that tree.
    """
    _check_database(database)
    config = alembic_config.Config()
    config.set_main_option('script_location', _TREES[database])
    script = alembic_script.ScriptDirectory.from_config(config)
    return script.get_current_head()
