"""/os-quota-sets/{project_id}[/defaults|/detail]: a project's limits.

Admins set per-project (or, with ``?user_id=``, per-user) limits; a limit
below what is in use, or a user's limit above what the project leaves, is
refused unless ``force`` is true. The network quotas disappear at 2.36
and the injected-file ones at 2.57.
"""

from urllib import parse as urlparse

from oslo_utils import strutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import quota_sets as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import quota_sets as qs_policies
from nova_clone import policy
from nova_clone import quota

FILTERED_QUOTAS_2_36 = ('fixed_ips', 'floating_ips',
                        'security_group_rules', 'security_groups')
FILTERED_QUOTAS_2_57 = FILTERED_QUOTAS_2_36 + (
    'injected_files', 'injected_file_content_bytes',
    'injected_file_path_bytes')


def _filtered_quotas(req):
    if api_version_request.is_supported(req, '2.57'):
        return FILTERED_QUOTAS_2_57
    if api_version_request.is_supported(req, '2.36'):
        return FILTERED_QUOTAS_2_36
    return ()


def format_quota_set(key, owner, values, filtered):
    """:returns: ``{key: {resource: value, ...}}`` in engine order, with
        ``id`` when ``owner`` is given.
    """
    body = {'id': str(owner)} if owner else {}
    for resource in quota.RESOURCES:
        if resource not in filtered and resource in values:
            body[resource] = values[resource]
    return {key: body}


def _user_id(req):
    params = urlparse.parse_qs(req.environ.get('QUERY_STRING', ''))
    return params.get('user_id', [None])[0]


def _validate_limit(resource, limit, minimum, maximum):
    def inf(value):
        return float('inf') if value == -1 else value

    if inf(limit) < inf(minimum):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Quota limit %(limit)s for %(resource)s must be greater than '
            'or equal to already used and reserved %(minimum)s.') % {
                'limit': limit, 'resource': resource, 'minimum': minimum})
    if inf(limit) > inf(maximum):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Quota limit %(limit)s for %(resource)s must be less than or '
            'equal to %(maximum)s.') % {
                'limit': limit, 'resource': resource, 'maximum': maximum})


class QuotaSetsController(wsgi.Controller):
    """GET/PUT/DELETE /os-quota-sets/{id}, GET .../defaults, .../detail."""

    @staticmethod
    def _get_quotas(context, project_id, user_id=None, usages=False):
        values = quota.get_project_quotas(context, project_id,
                                          user_id=user_id, usages=usages)
        if usages:
            return values
        return {name: value['limit'] for name, value in values.items()}

    def _show(self, req, id, action, detail=False):
        context = common.get_context(req)
        policy.authorize(context, qs_policies.POLICY_ROOT % action,
                         target={'project_id': id})
        return format_quota_set(
            'quota_set', id,
            self._get_quotas(context, id, _user_id(req), usages=detail),
            _filtered_quotas(req))

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query_schema, '2.1', '2.74')
    @validation.query_schema(schema.query_schema_275, '2.75')
    def show(self, req, id):
        return self._show(req, id, 'show')

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query_schema, '2.1', '2.74')
    @validation.query_schema(schema.query_schema_275, '2.75')
    def detail(self, req, id):
        return self._show(req, id, 'detail', detail=True)

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.query_schema, '2.1', '2.74')
    @validation.query_schema(schema.query_schema_275, '2.75')
    def defaults(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, qs_policies.POLICY_ROOT % 'defaults',
                         target={})
        return format_quota_set('quota_set', id,
                                quota.get_defaults(context),
                                _filtered_quotas(req))

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.schema(schema.update, '2.1', '2.35')
    @validation.schema(schema.update_v236, '2.36', '2.56')
    @validation.schema(schema.update_v257, '2.57')
    @validation.query_schema(schema.query_schema, '2.1', '2.74')
    @validation.query_schema(schema.query_schema_275, '2.75')
    def update(self, req, id, body):
        context = common.get_context(req)
        policy.authorize(context, qs_policies.POLICY_ROOT % 'update',
                         target={'project_id': id})
        project_id = id
        user_id = _user_id(req)
        quota_set = body['quota_set']
        if 'networks' in quota_set:
            raise webob.exc.HTTPBadRequest(
                explanation=_('The networks quota has been removed'))
        force = strutils.bool_from_string(quota_set.get('force', 'False'))
        # NOTE: every value is checked before any is stored, so a bad
        # request changes nothing.
        valid = {}
        settable = None
        for key, value in quota_set.items():
            if key == 'force' or (not value and value != 0):
                continue
            value = int(value)
            if not force:
                if settable is None:
                    settable = quota.get_settable_quotas(
                        context, project_id, user_id=user_id)
                _validate_limit(key, value, settable[key]['minimum'],
                                settable[key]['maximum'])
            valid[key] = value
        for key, value in valid.items():
            try:
                objects.Quotas.create_limit(context, project_id, key, value,
                                            user_id=user_id)
            except exception.QuotaExists:
                objects.Quotas.update_limit(context, project_id, key, value,
                                            user_id=user_id)
        # NOTE: no 'id' in the update response, as in nova.
        return format_quota_set(
            'quota_set', None,
            self._get_quotas(context, id, user_id=user_id),
            _filtered_quotas(req))

    @wsgi.response(202)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.query_schema, '2.1', '2.74')
    @validation.query_schema(schema.query_schema_275, '2.75')
    def delete(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, qs_policies.POLICY_ROOT % 'delete',
                         target={'project_id': id})
        user_id = _user_id(req)
        if user_id:
            objects.Quotas.destroy_all_by_project_and_user(context, id,
                                                           user_id)
        else:
            objects.Quotas.destroy_all_by_project(context, id)
