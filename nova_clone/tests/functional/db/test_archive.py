"""archive_deleted_rows and purge_shadow_tables on a migrated cell DB."""

import datetime

import sqlalchemy as sa
from oslo_utils import timeutils, uuidutils

from nova_clone.db.main import models
from nova_clone.db.main.api import archive
from nova_clone.tests import base
from nova_clone.tests.functional.db import test_main_models

OLD = datetime.datetime(2020, 1, 1)
NEW = datetime.datetime(2024, 1, 1)


class ArchiveTestCase(base.NoDBTestCase):

    BACKEND = 'sqlite'

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(
            test_main_models.MainDatabase(self.BACKEND))
        self.context = self.db.context

    # -- helpers ----------------------------------------------------------

    def _instance_with_children(self, session, deleted_at=None,
                                action_created_at=None):
        """An instance with one row in each child table it usually has.

        When ``deleted_at`` is given the instance is destroyed the way nova
        does it: the instance and its soft-deletable children get
        ``deleted = id``; actions and events stay as they are.
        """
        instance = test_main_models.make_instance(session)
        uuid = instance.uuid
        action = models.InstanceAction(instance_uuid=uuid, action='create',
                                       request_id='req-1',
                                       created_at=action_created_at)
        session.add(action)
        session.flush()
        children = [
            models.InstanceMetadata(instance_uuid=uuid, key='k', value='v'),
            models.InstanceSystemMetadata(instance_uuid=uuid, key='s',
                                          value='v'),
            models.InstanceInfoCache(instance_uuid=uuid, network_info='[]'),
            models.InstanceExtra(instance_uuid=uuid),
            models.InstanceFault(instance_uuid=uuid, code=500, message='x'),
            models.BlockDeviceMapping(instance_uuid=uuid, boot_index=0),
            models.InstanceActionEvent(action_id=action.id,
                                       event='compute_build',
                                       created_at=action_created_at),
        ]
        session.add_all(children)
        session.flush()
        if deleted_at is not None:
            for row in [instance] + children[:-1]:
                row.deleted = row.id
                row.deleted_at = deleted_at
            session.flush()
        return instance

    def _count(self, table_name):
        with self.db.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(
                sa.table(table_name))).scalar()

    def _archive(self, **kwargs):
        return archive.archive_deleted_rows(self.context, **kwargs)

    # -- archive ----------------------------------------------------------

    def test_archive_moves_deleted_rows_and_their_children_only(self):
        with self.db.session() as session:
            gone = self._instance_with_children(session, deleted_at=OLD)
            live = self._instance_with_children(session)
            # a deleted child of a live instance is archived on its own
            stale = models.InstanceMetadata(instance_uuid=live.uuid,
                                            key='old', value='x')
            session.add(stale)
            session.flush()
            stale.deleted, stale.deleted_at = stale.id, OLD
            session.add_all([
                models.Service(host='h1', binary='nova-compute',
                               topic='compute', report_count=0, deleted=0),
                models.Service(host='h2', binary='nova-compute',
                               topic='compute', report_count=0, deleted=99,
                               deleted_at=OLD, id=99),
            ])
            gone_uuid, live_uuid = gone.uuid, live.uuid

        table_to_rows, uuids, total = self._archive()

        self.assertEqual({
            'instances': 1,
            'instance_metadata': 2,
            'instance_system_metadata': 1,
            'instance_info_caches': 1,
            'instance_extra': 1,
            'instance_faults': 1,
            'block_device_mapping': 1,
            'instance_actions': 1,
            'instance_actions_events': 1,
            'services': 1,
        }, table_to_rows)
        self.assertEqual([gone_uuid], uuids)
        self.assertEqual(sum(table_to_rows.values()), total)

        with self.db.engine.connect() as conn:
            self.assertEqual(
                [live_uuid],
                list(conn.execute(sa.text('SELECT uuid FROM instances'))
                     .scalars()))
            self.assertEqual(
                [gone_uuid],
                list(conn.execute(sa.text(
                    'SELECT uuid FROM shadow_instances')).scalars()))
            # the live instance keeps its children, minus the stale one
            meta = models.InstanceMetadata.__table__
            self.assertEqual(['k'], list(conn.execute(
                sa.select(meta.c.key)).scalars()))
            self.assertEqual(['h1'], list(conn.execute(sa.text(
                'SELECT host FROM services')).scalars()))
            # archived rows keep their ids and values
            shadow_service = conn.execute(sa.text(
                'SELECT id, host, deleted FROM shadow_services')).one()
            self.assertEqual((99, 'h2', 99), tuple(shadow_service))
        self.assertEqual(1, self._count('instance_actions'))
        self.assertEqual(1, self._count('instance_actions_events'))
        self.assertEqual(1, self._count('shadow_instance_actions_events'))

        # nothing left: a second run is a no-op
        self.assertEqual(({}, [], 0), self._archive())

    def test_max_rows_and_repeat_until_done(self):
        with self.db.session() as session:
            for _ in range(5):
                instance = test_main_models.make_instance(session)
                instance.deleted, instance.deleted_at = instance.id, OLD

        totals = []
        while True:
            _, uuids, total = self._archive(max_rows=2)
            if not total:
                break
            self.assertEqual(total, len(uuids))
            totals.append(total)
        self.assertEqual([2, 2, 1], totals)
        self.assertEqual(0, self._count('instances'))
        self.assertEqual(5, self._count('shadow_instances'))

    def test_max_rows_never_splits_an_instance_from_its_children(self):
        with self.db.session() as session:
            self._instance_with_children(session, deleted_at=OLD)
            self._instance_with_children(session, deleted_at=OLD)

        table_to_rows, uuids, total = self._archive(max_rows=1)

        # one instance and all of its 8 dependent rows, not just 1 row
        self.assertEqual(1, len(uuids))
        self.assertEqual(9, total)
        self.assertEqual(1, table_to_rows['instances'])
        self.assertEqual(1, self._count('instances'))
        self.assertEqual(1, self._count('instance_actions_events'))

    def test_before_only_archives_rows_deleted_earlier(self):
        with self.db.session() as session:
            old = self._instance_with_children(session, deleted_at=OLD)
            self._instance_with_children(session, deleted_at=NEW)
            old_uuid = old.uuid

        cutoff = datetime.datetime(2022, 1, 1)
        table_to_rows, uuids, _ = self._archive(before=cutoff)

        self.assertEqual([old_uuid], uuids)
        self.assertEqual(1, table_to_rows['instances'])
        self.assertEqual(1, self._count('instances'))
        self.assertEqual(1, self._count('instance_extra'))

        # without a date the rest goes too
        self.assertEqual(1, self._archive()[0]['instances'])

    def test_task_log_only_with_flag(self):
        with self.db.session() as session:
            for day, updated in ((1, OLD), (2, NEW)):
                session.add(models.TaskLog(
                    task_name='instance_usage_audit', state='DONE',
                    host='h1', message='ok', updated_at=updated,
                    period_beginning=datetime.datetime(2020, 1, day),
                    period_ending=datetime.datetime(2020, 1, day + 1)))

        self.assertEqual(0, self._archive()[2])
        result = self._archive(task_log=True,
                               before=datetime.datetime(2022, 1, 1))
        self.assertEqual({'task_log': 1}, result[0])
        self.assertEqual(1, self._archive(task_log=True)[2])
        self.assertEqual(2, self._count('shadow_task_log'))

    def test_referenced_table_is_skipped_not_fatal(self):
        with self.db.session() as session:
            gone = test_main_models.make_instance(session)
            gone.deleted, gone.deleted_at = gone.id, OLD
            # share_mapping has no shadow table, so it pins the instance
            session.add(models.ShareMapping(instance_uuid=gone.uuid,
                                            share_id='s1', tag='t'))
            session.add(models.InstanceIdMapping(
                uuid=uuidutils.generate_uuid(), deleted=1, deleted_at=OLD,
                id=1))

        table_to_rows, uuids, _ = self._archive()

        self.assertEqual({'instance_id_mappings': 1}, table_to_rows)
        self.assertEqual([], uuids)
        self.assertEqual(1, self._count('instances'))

    # -- purge ------------------------------------------------------------

    def _archive_two_instances(self):
        with self.db.session() as session:
            self._instance_with_children(session, deleted_at=OLD,
                                         action_created_at=OLD)
            self._instance_with_children(session, deleted_at=NEW,
                                         action_created_at=NEW)
        self.assertEqual(18, self._archive()[2])

    def test_purge_everything(self):
        self._archive_two_instances()
        messages = []

        deleted = archive.purge_shadow_tables(self.context, None,
                                              status_fn=messages.append)

        self.assertEqual(18, deleted)
        self.assertEqual(0, self._count('shadow_instances'))
        self.assertEqual(0, self._count('shadow_instance_actions_events'))
        self.assertIn('Deleted 2 rows from shadow_instances based on '
                      'timestamp column (n/a)', messages)
        # live tables are untouched
        self.assertEqual(0, self._count('instances'))

    def test_purge_before_date(self):
        self._archive_two_instances()
        messages = []

        deleted = archive.purge_shadow_tables(
            self.context, datetime.datetime(2022, 1, 1),
            status_fn=messages.append)

        self.assertEqual(9, deleted)
        self.assertEqual(1, self._count('shadow_instances'))
        self.assertEqual(1, self._count('shadow_instance_extra'))
        # actions and events are dated by created_at
        self.assertEqual(1, self._count('shadow_instance_actions'))
        self.assertEqual(1, self._count('shadow_instance_actions_events'))
        self.assertIn('Deleted 1 rows from shadow_instance_actions based on '
                      'timestamp column created_at', messages)

        self.assertEqual(
            9, archive.purge_shadow_tables(self.context,
                                           timeutils.utcnow()))
        self.assertEqual(0, archive.purge_shadow_tables(self.context, None))



class ArchiveMySQLTestCase(ArchiveTestCase):
    """The same scenarios on MariaDB (skipped when it is not reachable)."""

    BACKEND = 'mysql'


class ArchivePostgreSQLTestCase(ArchiveTestCase):
    """The same scenarios on PostgreSQL (skipped when it is not reachable)."""

    BACKEND = 'postgresql'
