"""Cell database models: relationships, soft-delete and constraints."""

import os

import fixtures
import sqlalchemy as sa
from alembic import command as alembic_command
from alembic import config as alembic_config
from oslo_db import exception as db_exc
from oslo_utils import uuidutils
from sqlalchemy import orm

from nova_clone import context as nova_context
from nova_clone.db.main import api as main_api
from nova_clone.db.main import migrations, models
from nova_clone.tests import base

# Server URLs (without a database) for the MariaDB/PostgreSQL variants.
SERVER_URLS = {
    'mysql': os.environ.get('NOVA_CLONE_TEST_MYSQL_URL',
                            'mysql+pymysql://root@127.0.0.1:3306'),
    'postgresql': os.environ.get('NOVA_CLONE_TEST_POSTGRESQL_URL',
                                 'postgresql+psycopg2://postgres@127.0.0.1'
                                 ':5432'),
}


class ServerDatabase(fixtures.Fixture):
    """A throwaway database on a MariaDB or PostgreSQL server.

    :raises testtools.TestCase.skipException: when the server is down.
    """

    def __init__(self, backend):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        server = SERVER_URLS[self.backend]
        admin_db = '/postgres' if self.backend == 'postgresql' else '/'
        name = 'nova_clone_test_' + uuidutils.generate_uuid(
            dashed=False)[:12]
        try:
            admin = sa.create_engine(server + admin_db,
                                     isolation_level='AUTOCOMMIT')
            with admin.connect() as conn:
                conn.execute(sa.text('CREATE DATABASE ' + name))
        except sa.exc.OperationalError as exc:
            raise base.NoDBTestCase.skipException(
                f'{self.backend} not reachable: {exc}') from exc
        self.addCleanup(admin.dispose)
        self.addCleanup(self._drop, admin, name)
        self.url = f'{server}/{name}'
        if self.backend == 'mysql':
            self.url += '?charset=utf8'

    @staticmethod
    def _drop(admin, name):
        with admin.connect() as conn:
            conn.execute(sa.text('DROP DATABASE ' + name))


class MainDatabase(fixtures.Fixture):
    """A fresh cell database migrated to the schema head.

    SQLite (a temp file) unless ``backend`` names a server backend.
    ``context`` targets it (``db_connection``), so code written against
    ``pick_context_manager_*`` or ``get_engine(context)`` runs unchanged.
    """

    def __init__(self, backend='sqlite'):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        if self.backend == 'sqlite':
            tmp = self.useFixture(fixtures.TempDir()).path
            self.url = 'sqlite:///' + os.path.join(tmp, 'cell.db')
        else:
            self.url = self.useFixture(ServerDatabase(self.backend)).url
        self.manager = main_api.create_context_manager(self.url)
        engine = self.manager.writer.get_engine()
        self.addCleanup(engine.dispose)
        config = alembic_config.Config()
        config.set_main_option('script_location',
                               os.path.dirname(migrations.__file__))
        with engine.begin() as conn:
            config.attributes['connection'] = conn
            alembic_command.upgrade(config, 'head')
        self.engine = engine
        self.context = nova_context.get_admin_context()
        self.context.db_connection = self.manager

    def session(self):
        """:returns: a writer transaction context yielding a session."""
        return self.manager.writer.using(
            nova_context.get_admin_context())


def make_instance(session, **values):
    """Add an instance (with the usual defaults) and flush it.

    :returns: the Instance model.
    """
    values.setdefault('uuid', uuidutils.generate_uuid())
    values.setdefault('project_id', 'project')
    values.setdefault('user_id', 'user')
    instance = models.Instance(**values)
    session.add(instance)
    session.flush()
    return instance


class MainModelsTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(MainDatabase())

    def test_instance_relationships_round_trip(self):
        with self.db.session() as session:
            instance = make_instance(session, display_name='vm1',
                                     vm_state='active', memory_mb=512)
            uuid = instance.uuid
            session.add_all([
                models.InstanceMetadata(instance_uuid=uuid, key='k1',
                                        value='v1'),
                models.InstanceMetadata(instance_uuid=uuid, key='k2',
                                        value='v2'),
                models.InstanceSystemMetadata(instance_uuid=uuid,
                                              key='image_os', value='linux'),
                models.InstanceInfoCache(instance_uuid=uuid,
                                         network_info='[]'),
                models.InstanceExtra(instance_uuid=uuid, flavor='{"f": 1}',
                                     numa_topology=None),
                models.Tag(resource_id=uuid, tag='blue'),
                models.Tag(resource_id=uuid, tag='green'),
            ])

        with self.db.session() as session:
            instance = session.execute(
                sa.select(models.Instance)
                .where(models.Instance.uuid == uuid)
                .options(orm.joinedload(models.Instance.metadata),
                         orm.joinedload(models.Instance.system_metadata),
                         orm.joinedload(models.Instance.info_cache),
                         orm.joinedload(models.Instance.extra)
                         .undefer(models.InstanceExtra.flavor),
                         orm.joinedload(models.Instance.tags))
            ).unique().scalar_one()
            self.assertEqual({'k1': 'v1', 'k2': 'v2'},
                             {m.key: m.value for m in instance.metadata})
            self.assertEqual(['image_os'],
                             [m.key for m in instance.system_metadata])
            self.assertEqual('[]', instance.info_cache.network_info)
            self.assertEqual('{"f": 1}', instance.extra.flavor)
            self.assertEqual({'blue', 'green'},
                             {t.tag for t in instance.tags})
            self.assertEqual(0, instance.deleted)
            self.assertIsNotNone(instance.created_at)
            # dict-style access from oslo.db's ModelBase
            self.assertEqual('vm1', instance['display_name'])

    def test_soft_delete_sets_deleted_to_id(self):
        with self.db.session() as session:
            instance = make_instance(session)
            meta = models.InstanceMetadata(instance_uuid=instance.uuid,
                                           key='a', value='b')
            session.add(meta)
            session.flush()
            meta.soft_delete(session)
            instance.soft_delete(session)
            instance_id, meta_id = instance.id, meta.id

        with self.db.session() as session:
            row = session.get(models.Instance, instance_id)
            self.assertEqual(instance_id, row.deleted)
            self.assertIsNotNone(row.deleted_at)
            meta = session.get(models.InstanceMetadata, meta_id)
            self.assertEqual(meta_id, meta.deleted)
            # the relationship only follows live metadata rows
            self.assertEqual([], list(row.metadata))

    def test_uuid_is_unique(self):
        uuid = uuidutils.generate_uuid()
        with self.db.session() as session:
            make_instance(session, uuid=uuid)

        def duplicate():
            with self.db.session() as session:
                make_instance(session, uuid=uuid)

        self.assertRaises(db_exc.DBDuplicateEntry, duplicate)

    def test_service_unique_per_host_binary_until_deleted(self):
        with self.db.session() as session:
            service = models.Service(host='h1', binary='nova-compute',
                                     topic='compute', report_count=0)
            session.add(service)
            session.flush()
            service.soft_delete(session)
            # the old row is deleted, so the same host/binary may return
            session.add(models.Service(host='h1', binary='nova-compute',
                                       topic='compute', report_count=0))

        def duplicate():
            with self.db.session() as session:
                session.add(models.Service(host='h1', binary='nova-compute',
                                           topic='other', report_count=0))

        self.assertRaises(db_exc.DBDuplicateEntry, duplicate)

    def test_foreign_keys_are_enforced(self):
        def orphan():
            with self.db.session() as session:
                session.add(models.InstanceExtra(
                    instance_uuid=uuidutils.generate_uuid()))

        self.assertRaises(db_exc.DBReferenceError, orphan)

    def test_instance_name_from_template(self):
        with self.db.session() as session:
            instance = make_instance(session)
            self.assertEqual(f'instance-{instance.id:08x}', instance.name)
            self.assertEqual(instance.name, instance['name'])

    def test_defaults(self):
        with self.db.session() as session:
            instance = make_instance(session)
            node = models.ComputeNode(
                vcpus=1, memory_mb=1, local_gb=1, vcpus_used=0,
                memory_mb_used=0, local_gb_used=0, hypervisor_type='fake',
                hypervisor_version=1, cpu_info='{}')
            session.add(node)
            session.flush()
            self.assertEqual(0, instance.cleaned)
            self.assertFalse(instance.hidden)
            self.assertFalse(instance.shutdown_terminate)
            self.assertEqual('{}', node.stats)
            self.assertEqual(0, node.mapped)

    def test_shadow_tables_match_soft_deletable_tables(self):
        names = set(sa.inspect(self.db.engine).get_table_names())
        soft = {t.name for t in models.soft_deletable_tables()}
        shadows = {n[len('shadow_'):] for n in names
                   if n.startswith('shadow_')}
        self.assertEqual(soft, shadows)
        for hard_deleted in ('tags', 'console_auth_tokens', 'share_mapping'):
            self.assertNotIn(hard_deleted, soft)
        for table in models.soft_deletable_tables():
            live = [c.name for c in table.columns]
            shadow = [c['name'] for c in sa.inspect(self.db.engine)
                      .get_columns('shadow_' + table.name)]
            self.assertEqual(sorted(live), sorted(shadow), table.name)
