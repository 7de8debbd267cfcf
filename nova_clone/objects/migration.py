"""Migration(+List): records of resizes, migrations and evacuations."""

from nova_clone.db.main.api import migrations as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class Migration(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'source_compute': fields.StringField(nullable=True),
        'dest_compute': fields.StringField(nullable=True),
        'source_node': fields.StringField(nullable=True),
        'dest_node': fields.StringField(nullable=True),
        'dest_host': fields.StringField(nullable=True),
        'old_instance_type_id': fields.IntegerField(nullable=True),
        'new_instance_type_id': fields.IntegerField(nullable=True),
        'instance_uuid': fields.StringField(nullable=True),
        'status': fields.StringField(nullable=True),
        'migration_type': fields.MigrationTypeField(nullable=False),
        'hidden': fields.BooleanField(nullable=False, default=False),
        'memory_total': fields.IntegerField(nullable=True),
        'memory_processed': fields.IntegerField(nullable=True),
        'memory_remaining': fields.IntegerField(nullable=True),
        'disk_total': fields.IntegerField(nullable=True),
        'disk_processed': fields.IntegerField(nullable=True),
        'disk_remaining': fields.IntegerField(nullable=True),
        'cross_cell_move': fields.BooleanField(default=False),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'dest_compute_id': fields.IntegerField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, migration, db_migration):
        for key in migration.fields:
            value = db_migration[key]
            if key in ('hidden', 'cross_cell_move', 'deleted'):
                value = bool(value)
            elif key == 'migration_type' and value is None:
                # Rows from before the column existed were cold moves.
                value = 'migration'
            setattr(migration, key, value)
        migration._context = context
        migration.obj_reset_changes()
        return migration

    @base.remotable_classmethod
    def get_by_id(cls, context, migration_id):
        """:returns: migration ``migration_id``.  :raises: MigrationNotFound
        """
        return cls._from_db_object(context, cls(),
                                   db.migration_get(context, migration_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, migration_uuid):
        """:returns: migration ``migration_uuid``.

        :raises: MigrationNotFound
        """
        return cls._from_db_object(
            context, cls(), db.migration_get_by_uuid(context,
                                                     migration_uuid))

    @base.remotable_classmethod
    def get_by_id_and_instance(cls, context, migration_id, instance_uuid):
        """:returns: migration ``migration_id`` of ``instance_uuid``.

        :raises: MigrationNotFoundForInstance
        """
        return cls._from_db_object(context, cls(),
                                   db.migration_get_by_id_and_instance(
                                       context, migration_id, instance_uuid))

    @base.remotable_classmethod
    def get_by_instance_and_status(cls, context, instance_uuid, status):
        """:returns: the newest migration of the instance in ``status``.

        :raises: MigrationNotFoundByStatus
        """
        return cls._from_db_object(context, cls(),
                                   db.migration_get_by_instance_and_status(
                                       context, instance_uuid, status))

    @base.remotable
    def create(self):
        """Store this migration."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        self._from_db_object(self._context, self,
                             db.migration_create(self._context, updates))

    @base.remotable
    def save(self):
        """Write changed fields (status, progress counters...)."""
        updates = self.obj_get_changes()
        updates.pop('id', None)
        self._from_db_object(self._context, self, db.migration_update(
            self._context, self.id, updates))
        self.obj_reset_changes()

    @property
    def instance(self):
        """:returns: the migrating Instance (loaded on each access)."""
        from nova_clone import objects
        return objects.Instance.get_by_uuid(self._context,
                                            self.instance_uuid)

    @property
    def is_live_migration(self):
        """:returns: True for a live migration."""
        return self.migration_type == 'live-migration'

    @property
    def is_resize(self):
        """:returns: True for a resize."""
        return self.migration_type == 'resize'

    @property
    def is_same_host_resize(self):
        """:returns: True for a resize that stays on its host."""
        return self.is_resize and self.source_node == self.dest_node


@base.NovaObjectRegistry.register
class MigrationList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Migration'),
    }

    def _make(self, context, rows):
        return base.obj_make_list(context, self, Migration, rows)

    @base.remotable_classmethod
    def get_unconfirmed_by_dest_compute(cls, context, confirm_window,
                                        dest_compute, use_slave=False):
        """:returns: finished moves to ``dest_compute`` awaiting confirm."""
        return cls()._make(context,
                           db.migration_get_unconfirmed_by_dest_compute(
                               context, confirm_window, dest_compute))

    @base.remotable_classmethod
    def get_in_progress_by_host_and_node(cls, context, host, node):
        """:returns: unfinished moves touching ``node`` of ``host``."""
        return cls()._make(context,
                           db.migration_get_in_progress_by_host_and_node(
                               context, host, node))

    @base.remotable_classmethod
    def get_in_progress_by_instance(cls, context, instance_uuid,
                                    migration_type=None):
        """:returns: unfinished migrations of ``instance_uuid``."""
        return cls()._make(context, db.migration_get_in_progress_by_instance(
            context, instance_uuid, migration_type))

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, sort_keys=None, sort_dirs=None,
                       limit=None, marker=None):
        """:returns: migrations matching os-migrations ``filters``.

        :param marker: uuid of the last migration of the previous page.
        """
        return cls()._make(context, db.migration_get_all_by_filters(
            context, filters, sort_keys=sort_keys, sort_dirs=sort_dirs,
            limit=limit, marker=marker))
