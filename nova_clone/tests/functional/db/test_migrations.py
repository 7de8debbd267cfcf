"""Both migration trees: upgrade from empty and agree with the models.

Each test runs on SQLite, and on MariaDB and PostgreSQL at 127.0.0.1 when
they answer; a server that does not answer skips its tests with the reason.
Every server test works in a freshly created database that it drops.
"""

import os
import tempfile

from oslo_db.sqlalchemy import enginefacade

from alembic import autogenerate
from alembic import migration as alembic_migration
from oslo_utils import uuidutils
import pytest
import sqlalchemy as sa

from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import migrations as api_migrations
from nova_clone.db.api import models as api_models
from nova_clone.db.main import api as main_db_api
from nova_clone.db.main import migrations as main_migrations
from nova_clone.db.main import models as main_models
from nova_clone.db import migration
from nova_clone import exception

SERVERS = {
    'mysql': os.environ.get('NOVA_TEST_MYSQL_URL',
                            'mysql+pymysql://root@127.0.0.1:3306'),
    'postgresql': os.environ.get('NOVA_TEST_POSTGRESQL_URL',
                                 'postgresql+psycopg2://postgres@'
                                 '127.0.0.1:5432'),
}

TREES = {
    'api': (api_models, api_migrations),
    'main': (main_models, main_migrations),
}


def _admin_engine(backend):
    admin_db = '/postgres' if backend == 'postgresql' else '/'
    return sa.create_engine(SERVERS[backend] + admin_db,
                            isolation_level='AUTOCOMMIT',
                            connect_args=({'connect_timeout': 3}))


@pytest.fixture(params=['sqlite', 'mysql', 'postgresql'])
def empty_db(request):
    """:returns: the URL of a new, empty database of the given backend."""
    backend = request.param
    if backend == 'sqlite':
        path = os.path.join(tempfile.mkdtemp(), 'test.sqlite')
        yield 'sqlite:///' + path
        return
    name = 'nova_clone_mig_' + uuidutils.generate_uuid(dashed=False)[:12]
    try:
        admin = _admin_engine(backend)
        with admin.connect() as conn:
            conn.execute(sa.text('CREATE DATABASE ' + name))
    except Exception as e:  # noqa: BLE001 - any failure means unreachable
        pytest.skip('%s server not reachable at %s: %s'
                    % (backend, SERVERS[backend], e))
    try:
        yield SERVERS[backend] + '/' + name
    finally:
        with admin.connect() as conn:
            if backend == 'postgresql':
                conn.execute(sa.text(
                    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                    'WHERE datname = :n AND pid <> pg_backend_pid()'),
                    {'n': name})
            conn.execute(sa.text('DROP DATABASE ' + name))
        admin.dispose()


@pytest.mark.parametrize('database', sorted(TREES))
def test_upgrade_from_empty_matches_models(empty_db, database):
    models, migrations = TREES[database]
    assert migration.db_version_url(empty_db, database) is None
    migration.db_sync_url(empty_db, database)
    head = migration.head_revision(database)
    assert migration.db_version_url(empty_db, database) == head
    # a second sync is a no-op
    migration.db_sync_url(empty_db, database)
    assert migration.db_version_url(empty_db, database) == head

    engine = sa.create_engine(empty_db)
    try:
        with engine.connect() as conn:
            ctx = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True,
                            'include_object': migrations.include_object})
            diff = autogenerate.compare_metadata(ctx, models.BASE.metadata)
            tables = set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert diff == [], 'models and migrations differ: %s' % diff
    assert set(models.BASE.metadata.tables) <= tables


def _point_at(manager, url):
    """Point a module-level context manager at ``url``; returns the undo."""
    mgr = enginefacade.transaction_context()
    mgr.configure(connection=url, max_retries=0)
    reset = manager.patch_factory(mgr._factory)

    def undo():
        reset()
        mgr.dispose_pool()
    return undo


def test_api_sync_through_configured_context_manager(empty_db):
    undo = _point_at(api_db_api.context_manager, empty_db)
    try:
        assert migration.db_version('api') is None
        migration.db_sync(database='api')
        assert migration.db_version('api') == migration.head_revision('api')
        migration.db_sync(database='api')
        assert migration.db_version('api') == migration.head_revision('api')
    finally:
        undo()


def test_main_sync_through_targeted_context(empty_db):
    ctxt = nova_context.get_admin_context()
    mgr = enginefacade.transaction_context()
    mgr.configure(connection=empty_db, max_retries=0)
    ctxt.db_connection = mgr
    try:
        assert migration.db_version(context=ctxt) is None
        migration.db_sync(context=ctxt)
        assert (migration.db_version(context=ctxt)
                == migration.head_revision('main'))
        # NOTE: the untargeted [database] is left alone.
        undo = _point_at(main_db_api.main_context_manager, 'sqlite://')
        try:
            assert migration.db_version() is None
        finally:
            undo()
    finally:
        mgr.dispose_pool()


@pytest.mark.parametrize('database', sorted(TREES))
def test_sync_to_a_named_revision(empty_db, database):
    head = migration.head_revision(database)
    migration.db_sync_url(empty_db, database, version=head)
    assert migration.db_version_url(empty_db, database) == head


def test_db_sync_url_on_fresh_file(tmp_path):
    for database in sorted(TREES):
        url = 'sqlite:///%s' % (tmp_path / ('%s.sqlite' % database))
        migration.db_sync_url(url, database)
        assert (migration.db_version_url(url, database)
                == migration.head_revision(database))


def test_main_tree_creates_shadow_tables(empty_db):
    migration.db_sync_url(empty_db, 'main')
    engine = sa.create_engine(empty_db)
    try:
        tables = set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()
    for table in main_models.soft_deletable_tables():
        assert 'shadow_' + table.name in tables


def test_unknown_database_is_rejected():
    with pytest.raises(exception.Invalid):
        migration.db_version_url('sqlite://', 'nosuch')


def test_malformed_url_is_a_clear_error():
    with pytest.raises(exception.InvalidDBConnection) as e:
        migration.db_sync_url('not-a-url', 'api')
    assert 'not-a-url' in str(e.value)


def test_unreachable_server_is_a_clear_error_with_masked_password():
    url = 'mysql+pymysql://nova:s3cret@127.0.0.1:1/nova'
    with pytest.raises(exception.DBConnectionFailed) as e:
        migration.db_version_url(url, 'api')
    assert 's3cret' not in str(e.value)
    assert '127.0.0.1:1' in str(e.value)
