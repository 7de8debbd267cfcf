"""Cell DB queries of instance actions and their events."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select
_ACTION = models.InstanceAction
_EVENT = models.InstanceActionEvent


def _action_by_request(context, instance_uuid, request_id):
    return context.session.execute(
        _select(context, _ACTION).filter_by(instance_uuid=instance_uuid,
                                            request_id=request_id)
        .order_by(_ACTION.created_at.desc(), _ACTION.id.desc())
    ).scalars().first()


@main_api.pick_context_manager_writer
def action_start(context, values):
    """Record the start of an action.

    :returns: the new row.
    """
    action = _ACTION()
    action.update(values)
    context.session.add(action)
    context.session.flush()
    return action


@main_api.pick_context_manager_writer
def action_finish(context, values):
    """Record the end of the action of (instance_uuid, request_id).

    :returns: the row.  :raises: InstanceActionNotFound
    """
    action = _action_by_request(context, values['instance_uuid'],
                                values['request_id'])
    if action is None:
        raise exception.InstanceActionNotFound(
            request_id=values['request_id'],
            instance_uuid=values['instance_uuid'])
    action.update(values)
    context.session.flush()
    return action


@main_api.pick_context_manager_reader
def action_get_by_request_id(context, instance_uuid, request_id):
    """:returns: the action of ``request_id`` on the instance, or None."""
    return _action_by_request(context, instance_uuid, request_id)


@main_api.pick_context_manager_reader
def actions_get(context, instance_uuid, limit=None, marker=None,
                filters=None):
    """:returns: the instance's actions, newest first.

    :param marker: request id of the last action of the previous page.
    :param filters: may hold ``changes-since``/``changes-before``.
    :raises: MarkerNotFound
    """
    query = _select(context, _ACTION).filter_by(instance_uuid=instance_uuid)
    filters = filters or {}
    if 'changes-since' in filters:
        query = query.where(_ACTION.updated_at >= filters['changes-since'])
    if 'changes-before' in filters:
        query = query.where(_ACTION.updated_at <= filters['changes-before'])
    if marker is not None:
        marker_row = _action_by_request(context, instance_uuid, marker)
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.where(sa.or_(
            _ACTION.created_at < marker_row.created_at,
            sa.and_(_ACTION.created_at == marker_row.created_at,
                    _ACTION.id < marker_row.id)))
    query = query.order_by(_ACTION.created_at.desc(), _ACTION.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return context.session.execute(query).scalars().all()


def _touch(action):
    # Listing by "changes-since" must see actions whose events moved on.
    action.updated_at = timeutils.utcnow()


@main_api.pick_context_manager_writer
def action_event_start(context, values):
    """Record the start of an event of the request's action.

    :returns: the event row.  :raises: InstanceActionNotFound
    """
    action = _action_by_request(context, values['instance_uuid'],
                                values['request_id'])
    if action is None:
        raise exception.InstanceActionNotFound(
            request_id=values['request_id'],
            instance_uuid=values['instance_uuid'])
    event = _EVENT(action_id=action.id)
    event.update({k: v for k, v in values.items()
                  if k not in ('instance_uuid', 'request_id')})
    context.session.add(event)
    _touch(action)
    context.session.flush()
    return event


@main_api.pick_context_manager_writer
def action_event_finish(context, values):
    """Record the end of an event; an error result marks the action too.

    :returns: the event row.
    :raises: InstanceActionNotFound, InstanceActionEventNotFound
    """
    action = _action_by_request(context, values['instance_uuid'],
                                values['request_id'])
    if action is None:
        raise exception.InstanceActionNotFound(
            request_id=values['request_id'],
            instance_uuid=values['instance_uuid'])
    event = context.session.execute(
        _select(context, _EVENT).filter_by(action_id=action.id,
                                           event=values['event'])
        .order_by(_EVENT.id.desc())).scalars().first()
    if event is None:
        raise exception.InstanceActionEventNotFound(action_id=action.id,
                                                    event=values['event'])
    event.update({k: v for k, v in values.items()
                  if k not in ('instance_uuid', 'request_id')})
    if values.get('result', '').lower() == 'error':
        action.message = 'Error'
    _touch(action)
    context.session.flush()
    return event


@main_api.pick_context_manager_reader
def action_events_get(context, action_id):
    """:returns: the events of action ``action_id``, newest first."""
    return context.session.execute(
        _select(context, _EVENT).filter_by(action_id=action_id)
        .order_by(_EVENT.created_at.desc(), _EVENT.id.desc())
    ).scalars().all()


@main_api.pick_context_manager_reader
def action_event_get_by_id(context, action_id, event_id):
    """:returns: event ``event_id`` of action ``action_id``, or None."""
    return context.session.execute(
        _select(context, _EVENT).filter_by(action_id=action_id, id=event_id)
    ).scalars().first()
