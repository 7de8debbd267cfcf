"""Private flavors: the access list and the add/removeTenantAccess actions.
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import flavors
from nova_clone.api.openstack.compute.schemas import flavor_access as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.policies import flavor_access as fa_policies
from nova_clone import policy


def _marshall(flavor):
    return {'flavor_access': [
        {'flavor_id': flavor.flavorid, 'tenant_id': project_id}
        for project_id in flavor.projects]}


class FlavorAccessController(wsgi.Controller):
    """GET /flavors/{flavor_id}/os-flavor-access."""

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, flavor_id):
        context = common.get_context(req)
        policy.authorize(context, fa_policies.BASE_POLICY_NAME, target={})
        flavor = flavors.get_flavor(context, flavor_id)
        if flavor.is_public:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Access list not available for public flavors.'))
        return _marshall(flavor)


def _action_target(req, id, body, action, rule):
    """:returns: (flavor, tenant) of an access action, once allowed."""
    context = common.get_context(req)
    policy.authorize(context, fa_policies.POLICY_ROOT % rule, target={})
    return flavors.get_flavor(context, id), body[action]['tenant']


class FlavorActionController(wsgi.Controller):
    """POST /flavors/{id}/action: addTenantAccess, removeTenantAccess."""

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('addTenantAccess')
    @validation.schema(schema.add_tenant_access)
    def _add_tenant_access(self, req, id, body):
        flavor, tenant = _action_target(req, id, body, 'addTenantAccess',
                                        'add_tenant_access')
        if (api_version_request.is_supported(req, '2.7')
                and flavor.is_public):
            raise webob.exc.HTTPConflict(explanation=_(
                'Can not add access to a public flavor.'))
        try:
            flavor.add_access(tenant)
        except exception.FlavorNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except exception.FlavorAccessExists as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())
        return _marshall(flavor)

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404))
    @wsgi.action('removeTenantAccess')
    @validation.schema(schema.remove_tenant_access)
    def _remove_tenant_access(self, req, id, body):
        flavor, tenant = _action_target(req, id, body,
                                        'removeTenantAccess',
                                        'remove_tenant_access')
        try:
            flavor.remove_access(tenant)
        except (exception.FlavorAccessNotFound,
                exception.FlavorNotFound) as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        return _marshall(flavor)
