"""/os-server-groups: groups whose policy the scheduler keeps for their
members (affinity, anti-affinity, and the soft variants from 2.15).

From 2.64 a group has one ``policy`` and optional ``rules``
(``max_server_per_host``, anti-affinity only) instead of a ``policies``
list, and no ``metadata``. Groups count against the ``server_groups``
quota; their members against ``server_group_members`` at boot.
"""

from oslo_utils import strutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import server_groups as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import server_groups as sg_policies
from nova_clone import policy
from nova_clone import quota


def _view(req, group, members=None):
    body = {'id': group.uuid, 'name': group.name}
    if api_version_request.is_supported(req, '2.64'):
        body['policy'] = group.policy
        body['rules'] = {k: int(v) if str(v).isdigit() else v
                         for k, v in (group.rules or {}).items()}
    else:
        body['policies'] = [group.policy] if group.policy else []
        body['metadata'] = {}
    body['members'] = members if members is not None \
        else list(group.members or [])
    if api_version_request.is_supported(req, '2.13'):
        body['project_id'] = group.project_id
        body['user_id'] = group.user_id
    return body


class ServerGroupController(wsgi.Controller):

    @staticmethod
    def _get(req, group_id, action):
        context = common.get_context(req)
        try:
            group = objects.InstanceGroup.get_by_uuid(context, group_id)
        except exception.InstanceGroupNotFound:
            group = None
        if group is None or (not context.is_admin and
                             group.project_id != context.project_id):
            raise webob.exc.HTTPNotFound(explanation=_(
                'Instance group %s could not be found.') % group_id)
        policy.authorize(context, sg_policies.POLICY_ROOT % action,
                         target={'project_id': group.project_id,
                                 'user_id': group.user_id})
        return group

    @staticmethod
    def _live_members(context, group):
        """:returns: members whose servers still exist (nova drops the
        deleted ones from the view)."""
        if not group.members:
            return []
        mappings = objects.InstanceMappingList.get_by_instance_uuids(
            context.elevated(), group.members)
        alive = {m.instance_uuid for m in mappings
                 if not m.queued_for_delete}
        return [uuid for uuid in group.members if uuid in alive]

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        group = self._get(req, id, 'show')
        return {'server_group': _view(req, group, self._live_members(
            common.get_context(req), group))}

    @wsgi.response(204)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def delete(self, req, id):
        group = self._get(req, id, 'delete')
        try:
            group.destroy()
        except exception.InstanceGroupNotFound:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Instance group %s could not be found.') % id)

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query, '2.1', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, sg_policies.POLICY_ROOT % 'index',
                         target={'project_id': context.project_id})
        all_projects = strutils.bool_from_string(
            req.GET.get('all_projects', 'False')) and policy.authorize(
                context, sg_policies.POLICY_ROOT % 'index:all_projects',
                target={'project_id': context.project_id}, do_raise=False)
        if all_projects:
            groups = objects.InstanceGroupList.get_all(context)
        else:
            groups = objects.InstanceGroupList.get_by_project_id(
                context, context.project_id)
        offset = int(req.GET.get('offset', 0))
        limit, _marker = common.get_limit_and_marker(req)
        groups = list(groups)[offset:offset + limit]
        return {'server_groups': [_view(req, g, self._live_members(
            context, g)) for g in groups]}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create, '2.1', '2.14')
    @validation.schema(schema.create_v215, '2.15', '2.63')
    @validation.schema(schema.create_v264, '2.64')
    def create(self, req, body):
        context = common.get_context(req)
        policy.authorize(context, sg_policies.POLICY_ROOT % 'create',
                         target={'project_id': context.project_id,
                                 'user_id': context.user_id})
        values = body['server_group']
        if 'policies' in values:
            group_policy, rules = values['policies'][0], {}
        else:
            group_policy = values['policy']
            rules = values.get('rules') or {}
            if rules and group_policy != 'anti-affinity':
                raise webob.exc.HTTPBadRequest(explanation=_(
                    "Only anti-affinity policy supports rules."))
        try:
            quota.check_server_groups(context, context.project_id,
                                      context.user_id)
        except exception.OverQuota:
            raise webob.exc.HTTPForbidden(explanation=_(
                'Quota exceeded, too many server groups.'))
        group = objects.InstanceGroup(
            context, name=values['name'], policy=group_policy,
            rules={k: str(v) for k, v in rules.items()},
            project_id=context.project_id, user_id=context.user_id,
            members=[])
        group.create()
        return {'server_group': _view(req, group)}
