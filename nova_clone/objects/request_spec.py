"""RequestSpec: what the scheduler needs to place an instance (API DB).

The whole object is stored as its primitive (JSON) in ``request_specs.spec``
so adding fields needs no schema change.
"""

from oslo_serialization import jsonutils
import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

# Per-request state that must not leak into the next scheduling pass.
_TRANSIENT_FIELDS = ('id', 'ignore_hosts', 'retry', 'requested_destination')


@api_db_api.context_manager.reader
def _get_by_instance_uuid_from_db(context, instance_uuid):
    row = context.session.execute(
        sa.select(api_models.RequestSpec).filter_by(
            instance_uuid=instance_uuid)).scalars().first()
    if row is None:
        raise exception.RequestSpecNotFound(instance_uuid=instance_uuid)
    return row


@api_db_api.context_manager.reader
def _get_by_instance_uuids_from_db(context, instance_uuids):
    return context.session.execute(
        sa.select(api_models.RequestSpec).where(
            api_models.RequestSpec.instance_uuid.in_(instance_uuids))
    ).scalars().all()


@api_db_api.context_manager.reader
def _get_json_by_instance_uuids_from_db(context, instance_uuids):
    table = api_models.RequestSpec.__table__
    return context.session.execute(
        sa.select(table.c.instance_uuid, table.c.spec).where(
            table.c.instance_uuid.in_(instance_uuids))).all()


@api_db_api.context_manager.writer
def _create_in_db(context, instance_uuid, spec):
    row = api_models.RequestSpec(instance_uuid=instance_uuid, spec=spec)
    context.session.add(row)
    context.session.flush()
    return row


@api_db_api.context_manager.writer
def _save_in_db(context, instance_uuid, spec):
    row = _get_by_instance_uuid_from_db(context, instance_uuid)
    row.spec = spec
    context.session.flush()
    return row


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuids):
    result = context.session.execute(
        sa.delete(api_models.RequestSpec).where(
            api_models.RequestSpec.instance_uuid.in_(instance_uuids)))
    return result.rowcount


@base.NovaObjectRegistry.register
class SchedulerRetries(base.NovaObject):
    """How often a build was tried, and on which nodes."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'num_attempts': fields.IntegerField(),
        'hosts': fields.ObjectField('ComputeNodeList'),
    }


@base.NovaObjectRegistry.register
class Destination(base.NovaObject):
    """Where an operator asked the instance to go (host/node/cell)."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'host': fields.StringField(),
        'node': fields.StringField(nullable=True),
        'cell': fields.ObjectField('CellMapping', nullable=True),
        'aggregates': fields.ListOfStringsField(nullable=True,
                                                default=None),
    }


@base.NovaObjectRegistry.register
class RequestSpec(base.NovaObject):
    # Version 1.0: Initial version (placement basics, image, retries,
    #              limits and requested destination; NUMA and PCI are not
    #              modelled yet)
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=False),
        'num_instances': fields.IntegerField(default=1),
        'ignore_hosts': fields.ListOfStringsField(nullable=True),
        'force_hosts': fields.ListOfStringsField(nullable=True),
        'force_nodes': fields.ListOfStringsField(nullable=True),
        'instance_group': fields.ObjectField('InstanceGroup',
                                             nullable=True),
        'scheduler_hints': fields.DictOfListOfStringsField(nullable=True),
        'is_bfv': fields.BooleanField(),
        'image': fields.ObjectField('ImageMeta', nullable=True),
        'retry': fields.ObjectField('SchedulerRetries', nullable=True),
        'limits': fields.ObjectField('SchedulerLimits', nullable=True),
        'requested_destination': fields.ObjectField('Destination',
                                                    nullable=True),
    }

    @staticmethod
    def _from_db_object(context, spec, db_spec):
        stored = RequestSpec.obj_from_primitive(jsonutils.loads(db_spec.spec))
        for field in spec.fields:
            if field in _TRANSIENT_FIELDS:
                continue
            if stored.obj_attr_is_set(field):
                setattr(spec, field, getattr(stored, field))
        spec.id = db_spec.id
        spec.ignore_hosts = None
        spec._context = context
        spec.obj_reset_changes(recursive=True)
        return spec

    def _to_json(self):
        primitive = self.obj_clone()
        for field in _TRANSIENT_FIELDS:
            if primitive.obj_attr_is_set(field):
                delattr(primitive, '_obj_' + field)
        if primitive.obj_attr_is_set('instance_group') and \
                primitive.instance_group is not None:
            # Members and hosts change under the spec; re-read them.
            group = primitive.instance_group
            group.members = None
            group.hosts = None
        return jsonutils.dumps(primitive.obj_to_primitive())

    def get_scheduler_hint(self, hint_name, default=None):
        """:returns: a hint's value (a single item is unwrapped)."""
        if not self.obj_attr_is_set('scheduler_hints') or \
                not self.scheduler_hints:
            return default
        value = self.scheduler_hints.get(hint_name, default)
        if isinstance(value, list) and len(value) == 1:
            return value[0]
        return value

    def ensure_project_and_user_id(self, instance):
        """Copy the instance's project and user when unset."""
        if 'project_id' not in self or self.project_id is None:
            self.project_id = instance.project_id
        if 'user_id' not in self or self.user_id is None:
            self.user_id = instance.user_id

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:returns: the spec of ``instance_uuid``.

        :raises: RequestSpecNotFound
        """
        return cls._from_db_object(
            context, cls(),
            _get_by_instance_uuid_from_db(context, instance_uuid))

    @classmethod
    def get_by_instance_uuids(cls, context, instance_uuids):
        """:returns: {instance uuid: spec} in one query (API side only)."""
        if not instance_uuids:
            return {}
        return {row.instance_uuid: cls._from_db_object(context, cls(), row)
                for row in _get_by_instance_uuids_from_db(
                    context, list(instance_uuids))}

    @classmethod
    def get_hints_by_instance_uuids(cls, context, instance_uuids):
        """Read only what the server views show, without building specs.

        :returns: {instance uuid: (scheduler_hints or {}, availability_zone)}
            from the stored JSON, in one query (API side only).
        """
        if not instance_uuids:
            return {}
        result = {}
        for uuid, spec in _get_json_by_instance_uuids_from_db(
                context, list(instance_uuids)):
            data = jsonutils.loads(spec).get('nova_object.data', {})
            result[uuid] = (data.get('scheduler_hints') or {},
                            data.get('availability_zone'))
        return result

    @base.remotable
    def create(self):
        """Store this spec."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        self._from_db_object(self._context, self, _create_in_db(
            self._context, self.instance_uuid, self._to_json()))

    @base.remotable
    def save(self):
        """Rewrite the stored spec from this object."""
        self._from_db_object(self._context, self, _save_in_db(
            self._context, self.instance_uuid, self._to_json()))

    @base.remotable
    def destroy(self):
        """Delete this spec.  :raises: RequestSpecNotFound"""
        if not _destroy_in_db(self._context, [self.instance_uuid]):
            raise exception.RequestSpecNotFound(
                instance_uuid=self.instance_uuid)

    @classmethod
    def destroy_bulk(cls, context, instance_uuids):
        """Delete the specs of ``instance_uuids``.

        :returns: how many were deleted.
        """
        return _destroy_in_db(context, list(instance_uuids))
