"""/os-quota-sets/{project_id}[/defaults|/detail]: a project's limits.

Admins set per-project (or, with ``?user_id=``, per-user) limits; a limit
below what is already used is refused unless ``force`` is true. Network
quotas disappeared at 2.36 and the injected-file ones at 2.57; before
that they show as nova shows them.
"""

import webob.exc

from oslo_utils import strutils

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import quota_sets as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import quotas as quota_policies
from nova_clone import policy
from nova_clone import quota

# API name -> engine resource name.
API_TO_RESOURCE = {'injected_file_path_bytes': 'injected_file_path_length'}
RESOURCE_TO_API = {v: k for k, v in API_TO_RESOURCE.items()}


def visible_names(req, network_gone='2.36'):
    """:returns: the quota names a response shows at ``req``'s version."""
    names = list(schema.BASE)
    if not api_version_request.is_supported(req, '2.57'):
        names += schema.INJECTED
    if not api_version_request.is_supported(req, network_gone):
        names += schema.NETWORK
    return names


def quota_body(req, values, names=None):
    """:returns: {api name: value} of ``values`` (keyed by resource)."""
    body = {}
    for name in names or visible_names(req):
        if name in schema.NETWORK:
            # NOTE: network quotas belong to the network service.
            body[name] = -1
            continue
        body[name] = values.get(API_TO_RESOURCE.get(name, name), -1)
    return body


class QuotaSetsController(wsgi.Controller):

    @staticmethod
    def _authorize(req, action, project_id):
        context = common.get_context(req)
        policy.authorize(context, quota_policies.QUOTA_SETS % action,
                         target={'project_id': project_id})
        user_id = req.GET.get('user_id')
        return context, user_id

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query, '2.1', '2.74')
    @validation.query_schema(schema.query_v275, '2.75')
    def show(self, req, id):
        context, user_id = self._authorize(req, 'show', id)
        limits = quota.get_limits(context, id, user_id)
        return {'quota_set': dict(quota_body(req, limits), id=id)}

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query, '2.1', '2.74')
    @validation.query_schema(schema.query_v275, '2.75')
    def detail(self, req, id):
        context, user_id = self._authorize(req, 'detail', id)
        quotas = quota.get_project_quotas(context, id, user_id, usages=True)
        body = {}
        for name in visible_names(req):
            resource = API_TO_RESOURCE.get(name, name)
            body[name] = quotas.get(resource, {'limit': -1, 'in_use': 0,
                                               'reserved': 0})
        return {'quota_set': dict(body, id=id)}

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.query)
    def defaults(self, req, id):
        context, _user = self._authorize(req, 'defaults', id)
        return {'quota_set': dict(quota_body(
            req, quota.default_limits(context)), id=id)}

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.schema(schema.update, '2.1', '2.35')
    @validation.schema(schema.update_v236, '2.36', '2.56')
    @validation.schema(schema.update_v257, '2.57')
    @validation.query_schema(schema.query, '2.1', '2.74')
    @validation.query_schema(schema.query_v275, '2.75')
    def update(self, req, id, body):
        context, user_id = self._authorize(req, 'update', id)
        values = dict(body['quota_set'])
        force = strutils.bool_from_string(values.pop('force', False))
        wanted = {API_TO_RESOURCE.get(k, k): int(v)
                  for k, v in values.items() if k not in schema.NETWORK}
        if not force:
            self._check_usage(context, id, user_id, wanted)
        if user_id:
            self._check_user_within_project(context, id, wanted)
        for resource, limit in wanted.items():
            try:
                objects.Quotas.create_limit(context, id, resource, limit,
                                            user_id=user_id)
            except exception.QuotaExists:
                objects.Quotas.update_limit(context, id, resource, limit,
                                            user_id=user_id)
        limits = quota.get_limits(context, id, user_id)
        return {'quota_set': quota_body(req, limits)}

    @staticmethod
    def _check_usage(context, project_id, user_id, wanted):
        used = quota.count_usage(context, project_id, user_id)
        for resource, limit in wanted.items():
            if limit >= 0 and used.get(resource, 0) > limit:
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'Quota limit %(limit)s for %(resource)s must be greater '
                    'than or equal to already used and reserved '
                    '%(minimum)s.') % {'limit': limit,
                                       'resource': resource,
                                       'minimum': used[resource]})

    @staticmethod
    def _check_user_within_project(context, project_id, wanted):
        project = quota.get_limits(context, project_id)
        for resource, limit in wanted.items():
            top = project.get(resource, -1)
            if top >= 0 and (limit < 0 or limit > top):
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'Quota limit %(limit)s for %(resource)s must be less '
                    'than or equal to %(maximum)s.') % {
                        'limit': limit, 'resource': resource,
                        'maximum': top})

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.query, '2.1', '2.74')
    @validation.query_schema(schema.query_v275, '2.75')
    def delete(self, req, id):
        context, user_id = self._authorize(req, 'delete', id)
        if user_id:
            objects.Quotas.destroy_all_by_project_and_user(context, id,
                                                           user_id)
        else:
            objects.Quotas.destroy_all_by_project(context, id)
