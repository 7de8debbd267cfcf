"""HostMapping(+List): which cell a compute host belongs to."""

import sqlalchemy as sa
from sqlalchemy import orm

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import cell_mapping as cell_mapping_obj
from nova_clone.objects import fields


def _host_query():
    # The cell is always wanted and the session closes on return.
    return sa.select(api_models.HostMapping).options(
        orm.joinedload(api_models.HostMapping.cell_mapping))


@api_db_api.context_manager.reader
def _get_by_host_from_db(context, host):
    db_obj = context.session.execute(
        _host_query().filter_by(host=host)).scalar_one_or_none()
    if db_obj is None:
        raise exception.HostMappingNotFound(name=host)
    return db_obj


@api_db_api.context_manager.writer
def _create_in_db(context, updates):
    exists = context.session.execute(
        sa.select(api_models.HostMapping.id).filter_by(host=updates['host'])
    ).first()
    if exists:
        raise exception.HostMappingExists(name=updates['host'])
    db_obj = api_models.HostMapping()
    db_obj.update(updates)
    context.session.add(db_obj)
    context.session.flush()
    return _get_by_host_from_db(context, updates['host'])


@api_db_api.context_manager.writer
def _save_in_db(context, host, updates):
    db_obj = _get_by_host_from_db(context, host)
    db_obj.update(updates)
    context.session.flush()
    context.session.refresh(db_obj)
    return _get_by_host_from_db(context, host)


@api_db_api.context_manager.writer
def _destroy_in_db(context, host):
    result = context.session.execute(
        sa.delete(api_models.HostMapping).filter_by(host=host))
    if not result.rowcount:
        raise exception.HostMappingNotFound(name=host)


def _cell_id_updates(obj):
    """:returns: the DB updates of ``obj``, with its cell as ``cell_id``."""
    changes = obj.obj_get_changes()
    if 'cell_mapping' in changes:
        changes['cell_id'] = changes.pop('cell_mapping').id
    return changes


@base.NovaObjectRegistry.register
class HostMapping(base.NovaTimestampObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'host': fields.StringField(),
        'cell_mapping': fields.ObjectField('CellMapping'),
    }

    @staticmethod
    def _from_db_object(context, host_mapping, db_host_mapping):
        for key in host_mapping.fields:
            if key == 'cell_mapping':
                continue
            setattr(host_mapping, key, getattr(db_host_mapping, key))
        if db_host_mapping.cell_mapping is not None:
            host_mapping.cell_mapping = (
                cell_mapping_obj.CellMapping._from_db_object(
                    context, cell_mapping_obj.CellMapping(),
                    db_host_mapping.cell_mapping))
        host_mapping.obj_reset_changes()
        host_mapping._context = context
        return host_mapping

    @base.remotable_classmethod
    def get_by_host(cls, context, host):
        """:returns: the mapping of compute ``host``.

        :raises: HostMappingNotFound
        """
        return cls._from_db_object(context, cls(),
                                   _get_by_host_from_db(context, host))

    @base.remotable
    def create(self):
        """Insert this mapping.

        :raises: HostMappingExists if the host is already mapped.
        """
        db_obj = _create_in_db(self._context, _cell_id_updates(self))
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def save(self):
        """Write changes (typically a new cell) to the API database."""
        changes = _cell_id_updates(self)
        changes.pop('host', None)
        db_obj = _save_in_db(self._context, self.host, changes)
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def destroy(self):
        """Delete this mapping."""
        _destroy_in_db(self._context, self.host)


@api_db_api.context_manager.reader
def _get_list_from_db(context, cell_id=None):
    query = _host_query().order_by(api_models.HostMapping.id)
    if cell_id is not None:
        query = query.filter_by(cell_id=cell_id)
    return context.session.execute(query).scalars().all()


@base.NovaObjectRegistry.register
class HostMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('HostMapping'),
    }

    @base.remotable_classmethod
    def get_by_cell_id(cls, context, cell_id):
        """:returns: the hosts mapped to the cell with database id ``cell_id``.
        """
        return base.obj_make_list(context, cls(), HostMapping,
                                  _get_list_from_db(context, cell_id=cell_id))

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every host mapping."""
        return base.obj_make_list(context, cls(), HostMapping,
                                  _get_list_from_db(context))
