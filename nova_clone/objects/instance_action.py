"""InstanceAction(+Event, +Lists): the per-server action log."""

import traceback

from oslo_utils import timeutils

from nova_clone.db.main.api import actions as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class InstanceAction(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'action': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(nullable=True),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, action, db_action):
        for field in action.fields:
            value = db_action[field]
            if field == 'deleted':
                value = bool(value)
            setattr(action, field, value)
        action._context = context
        action.obj_reset_changes()
        return action

    @staticmethod
    def pack_action_start(context, instance_uuid, action_name):
        """:returns: the DB values recording ``action_name`` starting now."""
        return {'request_id': context.request_id,
                'user_id': context.user_id,
                'project_id': context.project_id,
                'instance_uuid': instance_uuid,
                'action': action_name,
                'start_time': timeutils.utcnow()}

    @staticmethod
    def pack_action_finish(context, instance_uuid):
        """:returns: the DB values recording the action finishing now."""
        return {'request_id': context.request_id,
                'instance_uuid': instance_uuid,
                'finish_time': timeutils.utcnow()}

    @base.remotable_classmethod
    def get_by_request_id(cls, context, instance_uuid, request_id):
        """:returns: the action of ``request_id`` on the instance, or None.
        """
        db_action = db.action_get_by_request_id(context, instance_uuid,
                                                request_id)
        if db_action is None:
            return None
        return cls._from_db_object(context, cls(), db_action)

    @base.remotable_classmethod
    def action_start(cls, context, instance_uuid, action_name,
                     want_result=True):
        """Record that ``action_name`` started for the context's request.

        :returns: the action when ``want_result``.
        """
        db_action = db.action_start(
            context, cls.pack_action_start(context, instance_uuid,
                                           action_name))
        if want_result:
            return cls._from_db_object(context, cls(), db_action)

    @base.remotable_classmethod
    def action_finish(cls, context, instance_uuid, want_result=True):
        """Record that the context's request finished on the instance.

        :returns: the action when ``want_result``.
        """
        db_action = db.action_finish(
            context, cls.pack_action_finish(context, instance_uuid))
        if want_result:
            return cls._from_db_object(context, cls(), db_action)

    @base.remotable
    def finish(self):
        """Mark this action finished now."""
        db_action = db.action_finish(self._context, {
            'request_id': self.request_id,
            'instance_uuid': self.instance_uuid,
            'finish_time': timeutils.utcnow()})
        self._from_db_object(self._context, self, db_action)


@base.NovaObjectRegistry.register
class InstanceActionList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceAction'),
    }

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid, limit=None,
                             marker=None, filters=None):
        """:returns: the instance's actions, newest first.

        :param marker: request id of the last action of the previous page.
        """
        return base.obj_make_list(
            context, cls(), InstanceAction,
            db.actions_get(context, instance_uuid, limit=limit,
                           marker=marker, filters=filters))


@base.NovaObjectRegistry.register
class InstanceActionEvent(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'event': fields.StringField(nullable=True),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, event, db_event):
        for field in event.fields:
            value = db_event[field]
            if field == 'deleted':
                value = bool(value)
            setattr(event, field, value)
        event._context = context
        event.obj_reset_changes()
        return event

    @staticmethod
    def pack_action_event_start(context, instance_uuid, event_name,
                                host=None):
        """:returns: the DB values of ``event_name`` starting now."""
        return {'event': event_name,
                'instance_uuid': instance_uuid,
                'request_id': context.request_id,
                'start_time': timeutils.utcnow(),
                'host': host}

    @staticmethod
    def pack_action_event_finish(context, instance_uuid, event_name,
                                 exc_val=None, exc_tb=None):
        """:returns: the DB values of ``event_name`` ending now.

        An exception makes the result 'Error' and keeps its text; only
        its class name goes in ``details`` so users see no internals.
        """
        values = {'event': event_name,
                  'instance_uuid': instance_uuid,
                  'request_id': context.request_id,
                  'finish_time': timeutils.utcnow()}
        if exc_tb is None:
            values['result'] = 'Success'
        else:
            values['result'] = 'Error'
            values['traceback'] = exc_tb
            if exc_val is not None:
                if isinstance(exc_val, str):
                    # NOTE: what arrives over RPC (indirection) is already
                    # the message the compute chose to keep.
                    values['details'] = exc_val
                elif isinstance(exc_val, exception.NovaException):
                    values['details'] = exc_val.format_message()
                else:
                    values['details'] = type(exc_val).__name__
        return values

    @base.remotable_classmethod
    def get_by_id(cls, context, action_id, event_id):
        """:returns: event ``event_id`` of action ``action_id``.

        :raises: InstanceActionEventNotFound
        """
        db_event = db.action_event_get_by_id(context, action_id, event_id)
        if db_event is None:
            raise exception.InstanceActionEventNotFound(action_id=action_id,
                                                        event=event_id)
        return cls._from_db_object(context, cls(), db_event)

    @base.remotable_classmethod
    def event_start(cls, context, instance_uuid, event_name,
                    want_result=True, host=None):
        """Record that ``event_name`` started.

        :returns: the event when ``want_result``.
        """
        db_event = db.action_event_start(
            context, cls.pack_action_event_start(context, instance_uuid,
                                                 event_name, host=host))
        if want_result:
            return cls._from_db_object(context, cls(), db_event)

    @base.remotable_classmethod
    def event_finish_with_failure(cls, context, instance_uuid, event_name,
                                  exc_val=None, exc_tb=None,
                                  want_result=None):
        """Record that ``event_name`` ended (in error if exc_tb is given).

        :param exc_tb: a traceback object or its text.
        :returns: the event when ``want_result``.
        """
        if exc_tb is not None and not isinstance(exc_tb, str):
            exc_tb = ''.join(traceback.format_tb(exc_tb))
        db_event = db.action_event_finish(
            context, cls.pack_action_event_finish(
                context, instance_uuid, event_name, exc_val=exc_val,
                exc_tb=exc_tb))
        if want_result:
            return cls._from_db_object(context, cls(), db_event)

    @base.remotable_classmethod
    def event_finish(cls, context, instance_uuid, event_name,
                     want_result=True):
        """Record that ``event_name`` ended successfully.

        :returns: the event when ``want_result``.
        """
        return cls.event_finish_with_failure(
            context, instance_uuid, event_name, want_result=want_result)


@base.NovaObjectRegistry.register
class InstanceActionEventList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceActionEvent'),
    }

    @base.remotable_classmethod
    def get_by_action(cls, context, action_id):
        """:returns: the events of ``action_id``, newest first."""
        return base.obj_make_list(context, cls(), InstanceActionEvent,
                                  db.action_events_get(context, action_id))
