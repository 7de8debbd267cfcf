"""InstanceFault, InstanceInfoCache and Tag: small companions of Instance."""

from nova_clone.db.main.api import instances as db
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class InstanceFault(base.NovaPersistentObject, base.NovaObject):
    """Why an instance operation failed (shown as the server's ``fault``)."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, fault, db_fault):
        for key in fault.fields:
            value = db_fault[key]
            setattr(fault, key, bool(value) if key == 'deleted' else value)
        fault._context = context
        fault.obj_reset_changes()
        return fault

    @base.remotable_classmethod
    def get_latest_for_instance(cls, context, instance_uuid):
        """:returns: the newest fault, or None."""
        faults = db.instance_fault_get_by_instance_uuids(
            context, [instance_uuid], latest=True)[instance_uuid]
        if faults:
            return cls._from_db_object(context, cls(), faults[0])
        return None

    @base.remotable
    def create(self):
        values = {k: getattr(self, k) for k in
                  ('instance_uuid', 'code', 'message', 'details', 'host')
                  if self.obj_attr_is_set(k)}
        # NOTE: the column is 255 characters; keep the head of the message.
        if values.get('message'):
            values['message'] = values['message'][:255]
        self._from_db_object(self._context, self,
                             db.instance_fault_create(self._context, values))


@base.NovaObjectRegistry.register
class InstanceFaultList(base.ObjectListBase, base.NovaObject):
    """Faults of one or more instances."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceFault')}

    @base.remotable_classmethod
    def get_by_instance_uuids(cls, context, instance_uuids, latest=False):
        by_uuid = db.instance_fault_get_by_instance_uuids(
            context, instance_uuids, latest=latest)
        rows = [row for uuid in instance_uuids for row in by_uuid[uuid]]
        return base.obj_make_list(context, cls(), InstanceFault, rows)


@base.NovaObjectRegistry.register
class InstanceInfoCache(base.NovaPersistentObject, base.NovaObject):
    """The cached network_info (JSON) of an instance."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'instance_uuid': fields.UUIDField(),
        'network_info': fields.StringField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, info_cache, db_obj):
        for key in info_cache.fields:
            value = db_obj[key]
            setattr(info_cache, key,
                    bool(value) if key == 'deleted' else value)
        info_cache._context = context
        info_cache.obj_reset_changes()
        return info_cache


@base.NovaObjectRegistry.register
class Tag(base.NovaObject):
    """A server tag."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'resource_id': fields.StringField(),
        'tag': fields.StringField(),
    }

    @staticmethod
    def _from_db_object(context, tag, db_tag):
        tag.resource_id = db_tag.resource_id
        tag.tag = db_tag.tag
        tag._context = context
        tag.obj_reset_changes()
        return tag


@base.NovaObjectRegistry.register
class TagList(base.ObjectListBase, base.NovaObject):
    """The tags of an instance."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Tag')}

    @base.remotable_classmethod
    def create(cls, context, resource_id, tags):
        """Replace ``resource_id``'s tags with ``tags``."""
        rows = db.instance_tag_set(context, resource_id, tags)
        return base.obj_make_list(context, cls(), Tag, rows)
