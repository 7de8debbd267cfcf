"""/servers/{server_id}/os-instance-actions[/{request_id}]: what was done
to a server, by whom, and (for admins) each step's events.

2.21 lists deleted servers' actions too, 2.51 shows non-admins their
events (without tracebacks), 2.58 adds updated_at and paging, 2.62 the
event host and hostId, 2.84 event details.
"""

import copy
import hashlib
import urllib.parse

from oslo_utils import timeutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack.compute.schemas import instance_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import server_resources as rules
from nova_clone import policy



class InstanceActionsController(wsgi.Controller):

    @staticmethod
    def _server(req, server_id, action):
        context = common.get_context(req)
        if api_version_request.is_supported(req, '2.21'):
            # NOTE: from 2.21 a deleted server's history stays readable.
            context = context.elevated(read_deleted='yes') \
                if context.is_admin else _read_deleted(context)
            req.environ['nova.context'] = context
        return server_lookup.get_server(req, server_id,
                                        rules.ACTIONS % action,
                                        expected_attrs=[])

    @staticmethod
    def _action_view(req, action):
        body = {key: getattr(action, key) for key in (
            'action', 'instance_uuid', 'request_id', 'user_id',
            'project_id', 'message')}
        body['start_time'] = common.db_time(action.start_time)
        if api_version_request.is_supported(req, '2.58'):
            body['updated_at'] = common.db_time(action.updated_at)
        return body

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query, '2.1', '2.57')
    @validation.query_schema(schema.index_query_v258, '2.58', '2.65')
    @validation.query_schema(schema.index_query_v266, '2.66')
    def index(self, req, server_id):
        instance = self._server(req, server_id, 'list')
        limit = marker = None
        filters = {}
        if api_version_request.is_supported(req, '2.58'):
            limit, marker = common.get_limit_and_marker(req)
            for key in ('changes-since', 'changes-before'):
                if key in req.GET:
                    filters[key] = timeutils.normalize_time(
                        timeutils.parse_isotime(req.GET[key]))
        try:
            actions = objects.InstanceActionList.get_by_instance_uuid(
                instance._context, instance.uuid, limit=limit,
                marker=marker, filters=filters)
        except exception.MarkerNotFound:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Marker %s could not be found.') % marker)
        body = {'instanceActions': [self._action_view(req, a)
                                    for a in actions]}
        if api_version_request.is_supported(req, '2.58') and limit and \
                len(actions) == limit:
            body['links'] = [{'rel': 'next', 'href': _next_link(
                req, actions[-1].request_id)}]
        return body

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        instance = self._server(req, server_id, 'show')
        context = common.get_context(req)
        action = objects.InstanceAction.get_by_request_id(
            instance._context, instance.uuid, id)
        if action is None:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Action %s not found') % id)
        body = self._action_view(req, action)
        target = {'project_id': instance.project_id}
        show_events = policy.authorize(context, rules.ACTIONS % 'events',
                                       target=target, do_raise=False)
        if show_events or api_version_request.is_supported(req, '2.51'):
            events = objects.InstanceActionEventList.get_by_action(
                instance._context, action.id)
            body['events'] = [self._event_view(req, event, instance,
                                               show_events, context, target)
                              for event in events]
        return {'instanceAction': body}

    @staticmethod
    def _event_view(req, event, instance, admin_view, context, target):
        body = {'event': event.event,
                'start_time': common.db_time(event.start_time),
                'finish_time': common.db_time(event.finish_time),
                'result': event.result}
        if admin_view:
            body['traceback'] = event.traceback
        if api_version_request.is_supported(req, '2.62'):
            if admin_view:
                body['host'] = event.host
            body['hostId'] = hashlib.sha224(
                ((instance.project_id or '') + (event.host or '')).encode()
            ).hexdigest() if event.host else ''
        if api_version_request.is_supported(req, '2.84') and policy.authorize(
                context, rules.ACTIONS % 'events:details', target=target,
                do_raise=False):
            body['details'] = event.details
        return body


def _read_deleted(context):
    ctx = copy.copy(context)
    ctx.read_deleted = 'yes'
    return ctx


def _next_link(req, request_id):
    params = [(k, v) for k, v in req.GET.items() if k != 'marker']
    params.append(('marker', request_id))
    return '%s?%s' % (req.path_url, urllib.parse.urlencode(params))

