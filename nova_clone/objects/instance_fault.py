"""InstanceFault(+List): the error record kept for a failed instance."""

import traceback

from nova_clone.db.main.api import faults as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class InstanceFault(base.NovaPersistentObject, base.NovaObject):
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
            if key == 'deleted':
                value = bool(value)
            setattr(fault, key, value)
        fault._context = context
        fault.obj_reset_changes()
        return fault

    @base.remotable_classmethod
    def get_latest_for_instance(cls, context, instance_uuid):
        """:returns: the newest fault of ``instance_uuid``, or None."""
        faults = db.instance_fault_get_by_instance_uuids(
            context, [instance_uuid], latest=True)[instance_uuid]
        if faults:
            return cls._from_db_object(context, cls(), faults[0])
        return None

    @base.remotable
    def create(self):
        """Record this fault."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        values = {key: getattr(self, key)
                  for key in ('instance_uuid', 'code', 'message', 'details',
                              'host') if self.obj_attr_is_set(key)}
        self._from_db_object(self._context, self,
                             db.instance_fault_create(self._context, values))

    @classmethod
    def from_exception(cls, context, instance_uuid, fault_exc, host=None,
                       exc_tb=None):
        """:returns: an unsaved fault describing ``fault_exc``.

        Non-admin users later see only the message of a 500 fault; the
        traceback is kept in ``details`` for admins.
        """
        code = getattr(fault_exc, 'kwargs', {}).get('code', 500)
        if hasattr(fault_exc, 'format_message'):
            message = fault_exc.format_message()
        else:
            message = str(fault_exc)
        message = (message or fault_exc.__class__.__name__)[:255]
        details = ''
        if exc_tb is not None:
            details = ''.join(traceback.format_tb(exc_tb))
        return cls(context=context, instance_uuid=instance_uuid, code=code,
                   message=message, details=details, host=host)


@base.NovaObjectRegistry.register
class InstanceFaultList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceFault'),
    }

    def _make(self, context, by_uuid):
        rows = [row for rows in by_uuid.values() for row in rows]
        return base.obj_make_list(context, self, InstanceFault, rows)

    @base.remotable_classmethod
    def get_latest_by_instance_uuids(cls, context, instance_uuids):
        """:returns: the newest fault of each instance that has one."""
        return cls()._make(context, db.instance_fault_get_by_instance_uuids(
            context, instance_uuids, latest=True))

    @base.remotable_classmethod
    def get_by_instance_uuids(cls, context, instance_uuids):
        """:returns: every fault of the instances, newest first."""
        return cls()._make(context, db.instance_fault_get_by_instance_uuids(
            context, instance_uuids))
