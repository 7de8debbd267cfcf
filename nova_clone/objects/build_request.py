"""BuildRequest(+List): instances the API accepted but no cell holds yet."""

from oslo_serialization import jsonutils
import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

# Columns stored as serialized objects, and the object field of each.
_OBJECT_COLUMNS = ('instance', 'block_device_mappings', 'tags')


@api_db_api.context_manager.reader
def _get_from_db(context, instance_uuid=None, project_id=None):
    query = sa.select(api_models.BuildRequest).order_by(
        api_models.BuildRequest.id)
    if instance_uuid is not None:
        row = context.session.execute(
            query.filter_by(instance_uuid=instance_uuid)).scalars().first()
        if row is None:
            raise exception.BuildRequestNotFound(uuid=instance_uuid)
        return row
    if project_id is not None:
        query = query.filter_by(project_id=project_id)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.reader
def _get_instances_json_from_db(context, project_id):
    table = api_models.BuildRequest.__table__
    return context.session.execute(
        sa.select(table.c.instance_uuid, table.c.instance).where(
            table.c.project_id == project_id).order_by(table.c.id)).all()


class QueuedUsage:
    """What quota counting reads of a queued build's instance."""

    def __init__(self, data):
        self.user_id = data.get('user_id')
        self.vcpus = data.get('vcpus')
        self.memory_mb = data.get('memory_mb')


@api_db_api.context_manager.writer
def _create_in_db(context, values):
    if context.session.execute(
            sa.select(api_models.BuildRequest.id).filter_by(
                instance_uuid=values['instance_uuid'])).first():
        raise exception.ObjectActionError(
            action='create', reason='build request already exists')
    row = api_models.BuildRequest()
    row.update(values)
    context.session.add(row)
    context.session.flush()
    return row


@api_db_api.context_manager.writer
def _save_in_db(context, instance_uuid, values):
    row = _get_from_db(context, instance_uuid=instance_uuid)
    row.update(values)
    context.session.flush()
    return row


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuid):
    result = context.session.execute(
        sa.delete(api_models.BuildRequest).filter_by(
            instance_uuid=instance_uuid))
    if not result.rowcount:
        raise exception.BuildRequestNotFound(uuid=instance_uuid)


@base.NovaObjectRegistry.register
class BuildRequest(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(),
        'instance': fields.ObjectField('Instance'),
        'block_device_mappings': fields.ObjectField('BlockDeviceMappingList'),
        'tags': fields.ObjectField('TagList'),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, req, db_req):
        for key in req.fields:
            value = db_req[key]
            if key in _OBJECT_COLUMNS:
                if value is None:
                    continue
                value = base.NovaObject.obj_from_primitive(
                    jsonutils.loads(value), context=context)
                if key == 'instance':
                    # The serialized copy predates the row's timestamps.
                    value.created_at = db_req['created_at']
                    value.updated_at = db_req['updated_at']
                    value.obj_reset_changes(['created_at', 'updated_at'])
            setattr(req, key, value)
        req._context = context
        req.obj_reset_changes()
        return req

    def _db_values(self):
        values = {}
        for key, value in self.obj_get_changes().items():
            if key in _OBJECT_COLUMNS:
                value = jsonutils.dumps(value.obj_to_primitive())
            values[key] = value
        values.pop('id', None)
        return values

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:returns: the build request of ``instance_uuid``.

        :raises: BuildRequestNotFound
        """
        return cls._from_db_object(context, cls(), _get_from_db(
            context, instance_uuid=instance_uuid))

    @base.remotable
    def create(self):
        """Store this build request.  :raises: ObjectActionError"""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        if not self.obj_attr_is_set('instance_uuid'):
            raise exception.ObjectActionError(action='create',
                                              reason='instance_uuid missing')
        self._from_db_object(self._context, self,
                             _create_in_db(self._context, self._db_values()))

    @base.remotable
    def save(self):
        """Write the changed (serialized) instance, BDMs or tags."""
        self._from_db_object(self._context, self, _save_in_db(
            self._context, self.instance_uuid, self._db_values()))

    @base.remotable
    def destroy(self):
        """Delete this build request.  :raises: BuildRequestNotFound"""
        _destroy_in_db(self._context, self.instance_uuid)


@base.NovaObjectRegistry.register
class BuildRequestList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('BuildRequest'),
    }

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every build request (the context's project for users).
        """
        project_id = None if context.is_admin else context.project_id
        return base.obj_make_list(context, cls(), BuildRequest,
                                  _get_from_db(context,
                                               project_id=project_id))

    @classmethod
    def get_queued_usage(cls, context, project_id):
        """The project's queued builds as quota counting needs them, read
        from the serialized instances' JSON without building objects (a
        POST counted every queued build of every project as objects).

        :returns: {instance uuid: QueuedUsage} (API side only).
        """
        usage = {}
        for uuid, instance in _get_instances_json_from_db(context,
                                                          project_id):
            data = (jsonutils.loads(instance).get('nova_object.data', {})
                    if instance else {})
            if data.get('project_id') == project_id:
                usage[uuid] = QueuedUsage(data)
        return usage

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, limit=None, marker=None,
                       sort_keys=None, sort_dirs=None):
        """:returns: build requests whose instance matches ``filters``.

        Only exact matches on instance fields are supported (plus
        ``deleted``, which a build request never is).
        """
        if filters.get('deleted'):
            return cls(context, objects=[])
        result = []
        for req in cls.get_all(context):
            inst = req.instance
            ok = True
            for key, value in filters.items():
                if key in ('deleted', 'cleaned', 'soft_deleted'):
                    continue
                if key not in inst.fields or not inst.obj_attr_is_set(key):
                    ok = False
                    break
                actual = getattr(inst, key)
                if isinstance(value, (list, tuple, set)):
                    ok = actual in value
                else:
                    ok = actual == value
                if not ok:
                    break
            if ok:
                result.append(req)
        if marker is not None:
            uuids = [req.instance_uuid for req in result]
            if marker not in uuids:
                raise exception.MarkerNotFound(marker=marker)
            result = result[uuids.index(marker) + 1:]
        if limit is not None:
            result = result[:limit]
        return cls(context, objects=result)
