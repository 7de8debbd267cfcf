"""InstanceMapping(+List): which cell (if any yet) holds each instance."""

import sqlalchemy as sa
from sqlalchemy import orm

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import cell_mapping as cell_mapping_obj
from nova_clone.objects import fields


def _mapping_query():
    return sa.select(api_models.InstanceMapping).options(
        orm.joinedload(api_models.InstanceMapping.cell_mapping))


@api_db_api.context_manager.reader
def _get_by_instance_uuid_from_db(context, instance_uuid):
    db_obj = context.session.execute(
        _mapping_query().filter_by(instance_uuid=instance_uuid)
    ).scalar_one_or_none()
    if db_obj is None:
        raise exception.InstanceMappingNotFound(uuid=instance_uuid)
    return db_obj


@api_db_api.context_manager.writer
def _create_in_db(context, updates):
    db_obj = api_models.InstanceMapping()
    db_obj.update(updates)
    context.session.add(db_obj)
    context.session.flush()
    return _get_by_instance_uuid_from_db(context, updates['instance_uuid'])


@api_db_api.context_manager.writer
def _save_in_db(context, instance_uuid, updates):
    db_obj = _get_by_instance_uuid_from_db(context, instance_uuid)
    db_obj.update(updates)
    context.session.flush()
    context.session.refresh(db_obj)
    return _get_by_instance_uuid_from_db(context, instance_uuid)


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuid):
    result = context.session.execute(
        sa.delete(api_models.InstanceMapping).filter_by(
            instance_uuid=instance_uuid))
    if not result.rowcount:
        raise exception.InstanceMappingNotFound(uuid=instance_uuid)


@base.NovaObjectRegistry.register
class InstanceMapping(base.NovaTimestampObject, base.NovaObject):
    # Version 1.0: Initial version (nova's fields incl. user_id and
    #              queued_for_delete)
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'cell_mapping': fields.ObjectField('CellMapping', nullable=True),
        'project_id': fields.StringField(),
        'user_id': fields.StringField(),
        'queued_for_delete': fields.BooleanField(default=False),
    }

    @staticmethod
    def _from_db_object(context, instance_mapping, db_instance_mapping):
        for key in instance_mapping.fields:
            if key == 'cell_mapping':
                continue
            value = getattr(db_instance_mapping, key)
            if key == 'user_id' and value is None:
                # Old mappings predate user_id; leave it unset.
                continue
            if key == 'queued_for_delete':
                value = bool(value)
            setattr(instance_mapping, key, value)
        db_cell = db_instance_mapping.cell_mapping
        instance_mapping.cell_mapping = (
            cell_mapping_obj.CellMapping._from_db_object(
                context, cell_mapping_obj.CellMapping(), db_cell)
            if db_cell is not None else None)
        instance_mapping.obj_reset_changes()
        instance_mapping._context = context
        return instance_mapping

    def _db_updates(self):
        changes = self.obj_get_changes()
        if 'cell_mapping' in changes:
            cell = changes.pop('cell_mapping')
            changes['cell_id'] = cell.id if cell is not None else None
        return changes

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:returns: the mapping of ``instance_uuid``.

        :raises: InstanceMappingNotFound
        """
        return cls._from_db_object(
            context, cls(), _get_by_instance_uuid_from_db(context,
                                                          instance_uuid))

    @base.remotable
    def create(self):
        """Insert this mapping."""
        db_obj = _create_in_db(self._context, self._db_updates())
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def save(self):
        """Write changes (e.g. the cell once scheduled) to the API DB."""
        changes = self._db_updates()
        changes.pop('instance_uuid', None)
        db_obj = _save_in_db(self._context, self.instance_uuid, changes)
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def destroy(self):
        """Delete this mapping."""
        _destroy_in_db(self._context, self.instance_uuid)


@api_db_api.context_manager.reader
def _get_list_from_db(context, **filters):
    query = _mapping_query().order_by(api_models.InstanceMapping.id)
    uuids = filters.pop('instance_uuids', None)
    if uuids is not None:
        query = query.where(
            api_models.InstanceMapping.instance_uuid.in_(uuids))
    query = query.filter_by(**filters)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.writer
def _destroy_bulk_in_db(context, instance_uuids):
    result = context.session.execute(
        sa.delete(api_models.InstanceMapping).where(
            api_models.InstanceMapping.instance_uuid.in_(instance_uuids)))
    return result.rowcount


@api_db_api.context_manager.reader
def _get_counts_in_db(context, project_id, user_id=None):
    model = api_models.InstanceMapping
    not_deleted = sa.or_(model.queued_for_delete.is_(sa.false()),
                         model.queued_for_delete.is_(None))

    def _count(*where):
        return context.session.execute(
            sa.select(sa.func.count(model.id)).where(
                model.project_id == project_id, not_deleted, *where)
        ).scalar()

    counts = {'project': {'instances': _count()}}
    if user_id:
        counts['user'] = {'instances': _count(model.user_id == user_id)}
    return counts


@base.NovaObjectRegistry.register
class InstanceMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceMapping'),
    }

    def _make(self, context, db_objs):
        return base.obj_make_list(context, self, InstanceMapping, db_objs)

    @base.remotable_classmethod
    def get_by_project_id(cls, context, project_id):
        """:returns: the mappings of instances owned by ``project_id``."""
        return cls()._make(context, _get_list_from_db(
            context, project_id=project_id))

    @base.remotable_classmethod
    def get_by_cell_id(cls, context, cell_id):
        """:returns: the mappings of instances in the cell ``cell_id``."""
        return cls()._make(context, _get_list_from_db(context,
                                                      cell_id=cell_id))

    @base.remotable_classmethod
    def get_by_instance_uuids(cls, context, uuids):
        """:returns: the mappings of the instances in ``uuids``."""
        return cls()._make(context, _get_list_from_db(
            context, instance_uuids=list(uuids)))

    @classmethod
    def destroy_bulk(cls, context, instance_uuids):
        """Delete the mappings of ``instance_uuids``.

        :returns: the number of rows deleted.
        """
        return _destroy_bulk_in_db(context, instance_uuids)

    @base.remotable_classmethod
    def get_counts(cls, context, project_id, user_id=None):
        """Count instances not queued for deletion, as quotas need.

        :returns: ``{'project': {'instances': n}, 'user': {...}}`` (the user
            part only when ``user_id`` is given).
        """
        return _get_counts_in_db(context, project_id, user_id=user_id)
