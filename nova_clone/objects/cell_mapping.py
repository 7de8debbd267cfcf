"""CellMapping(+List): where each cell's database and message queue live."""

import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


@api_db_api.context_manager.reader
def _get_by_uuid_from_db(context, uuid):
    db_obj = context.session.execute(
        sa.select(api_models.CellMapping).filter_by(uuid=uuid)
    ).scalar_one_or_none()
    if db_obj is None:
        raise exception.CellMappingNotFound(uuid=uuid)
    return db_obj


@api_db_api.context_manager.writer
def _create_in_db(context, updates):
    db_obj = api_models.CellMapping()
    db_obj.update(updates)
    context.session.add(db_obj)
    context.session.flush()
    return db_obj


@api_db_api.context_manager.writer
def _save_in_db(context, uuid, updates):
    db_obj = _get_by_uuid_from_db(context, uuid)
    db_obj.update(updates)
    context.session.flush()
    return db_obj


@api_db_api.context_manager.writer
def _destroy_in_db(context, uuid):
    result = context.session.execute(
        sa.delete(api_models.CellMapping).filter_by(uuid=uuid))
    if not result.rowcount:
        raise exception.CellMappingNotFound(uuid=uuid)


@base.NovaObjectRegistry.register
class CellMapping(base.NovaTimestampObject, base.NovaObject):
    # Version 1.0: Initial version (nova's fields, including disabled)
    VERSION = '1.0'

    CELL0_UUID = '00000000-0000-0000-0000-000000000000'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'transport_url': fields.StringField(),
        'database_connection': fields.StringField(),
        'disabled': fields.BooleanField(default=False),
    }

    @property
    def identity(self):
        """:returns: a short "uuid(name)" label for logs."""
        if 'name' in self and self.name:
            return '%s(%s)' % (self.uuid, self.name)
        return self.uuid

    def is_cell0(self):
        """:returns: True if this is cell0 (instances that got no host)."""
        return 'uuid' in self and self.uuid == self.CELL0_UUID

    @staticmethod
    def _from_db_object(context, cell_mapping, db_cell_mapping):
        for key in cell_mapping.fields:
            setattr(cell_mapping, key, getattr(db_cell_mapping, key))
        cell_mapping.obj_reset_changes()
        cell_mapping._context = context
        return cell_mapping

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        """:returns: the CellMapping with ``uuid``.

        :raises: CellMappingNotFound
        """
        return cls._from_db_object(context, cls(),
                                   _get_by_uuid_from_db(context, uuid))

    @base.remotable
    def create(self):
        """Insert this mapping into the API database."""
        db_obj = _create_in_db(self._context, self.obj_get_changes())
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def save(self):
        """Write changed fields to the API database."""
        changes = self.obj_get_changes()
        changes.pop('uuid', None)
        db_obj = _save_in_db(self._context, self.uuid, changes)
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def destroy(self):
        """Delete this mapping (hard delete; the API DB has no soft delete)."""
        _destroy_in_db(self._context, self.uuid)


@api_db_api.context_manager.reader
def _get_all_from_db(context, disabled=None):
    query = sa.select(api_models.CellMapping).order_by(
        api_models.CellMapping.id.asc())
    if disabled is not None:
        query = query.filter_by(disabled=disabled)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.reader
def _get_by_project_id_from_db(context, project_id):
    query = sa.select(api_models.CellMapping).join(
        api_models.InstanceMapping,
        api_models.InstanceMapping.cell_id == api_models.CellMapping.id,
    ).where(api_models.InstanceMapping.project_id == project_id).distinct()
    return context.session.execute(query).scalars().all()


@base.NovaObjectRegistry.register
class CellMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('CellMapping'),
    }

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every cell mapping, oldest first."""
        return base.obj_make_list(context, cls(), CellMapping,
                                  _get_all_from_db(context))

    @base.remotable_classmethod
    def get_by_disabled(cls, context, disabled):
        """:returns: the cells whose ``disabled`` flag equals ``disabled``."""
        return base.obj_make_list(context, cls(), CellMapping,
                                  _get_all_from_db(context, disabled=disabled))

    @base.remotable_classmethod
    def get_by_project_id(cls, context, project_id):
        """:returns: the cells holding instances of ``project_id``."""
        return base.obj_make_list(
            context, cls(), CellMapping,
            _get_by_project_id_from_db(context, project_id))
