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


def get_engine(database='main', context=None):
    """:returns: the engine of ``database`` (or of the cell ``context`` targets).

    :raises DBNotConfigured: when the database has no connection configured.
    """
    _check_database(database)
    try:
        if database == 'api':
            return api_db_api.context_manager.writer.get_engine()
        return main_db_api.get_engine(context)
    except (db_exc.CantStartEngineError, AssertionError) as e:
        group = 'api_database' if database == 'api' else 'database'
        raise exception.DBNotConfigured(group=group, reason=str(e))


def _wrap_errors(func, url_for_errors):
    try:
        return func()
    except db_exc.DBConnectionError as e:
        raise exception.DBConnectionFailed(
            url=_masked(url_for_errors), reason=e)
    except sa.exc.OperationalError as e:
        raise exception.DBConnectionFailed(
            url=_masked(url_for_errors), reason=e.orig or e)


def _masked(url):
    try:
        return sa.engine.make_url(str(url)).render_as_string(
            hide_password=True)
    except Exception:  # a malformed URL is reported as given
        return str(url)


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

    :param context: for ``main``, a context targeting the cell to sync.
    """
    _sync(get_engine(database, context), database, version)


def db_version(database='main', context=None):
    """:returns: the current revision of ``database``; None when empty."""
    return _version(get_engine(database, context), database)


def _engine_for_url(url):
    sqlite.install()
    try:
        return sa.create_engine(url)
    except (sa.exc.ArgumentError, ImportError, ValueError) as e:
        raise exception.InvalidDBConnection(url=_masked(url), reason=e)


def db_sync_url(url, database, version=None):
    """Upgrade the database at ``url`` as a ``database`` (api/main) DB."""
    _check_database(database)
    engine = _engine_for_url(url)
    try:
        _sync(engine, database, version)
    finally:
        engine.dispose()


def db_version_url(url, database):
    """:returns: the revision of the database at ``url`` (None if empty)."""
    _check_database(database)
    engine = _engine_for_url(url)
    try:
        return _version(engine, database)
    finally:
        engine.dispose()


def head_revision(database):
    """:returns: the newest revision of ``database``'s tree."""
    _check_database(database)
    config = alembic_config.Config()
    config.set_main_option('script_location', _TREES[database])
    return alembic_script.ScriptDirectory.from_config(config).get_current_head()
