"""/flavors/{flavor_id}/os-extra_specs: read (readers) and write (admin).

From 2.86 every spec written is validated against the known specs.
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import flavors
from nova_clone.api.openstack.compute.schemas import flavor_extra_specs \
    as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.api.validation.extra_specs import validators
from nova_clone.i18n import _
from nova_clone.policies import flavor_extra_specs as fes_policies
from nova_clone import policy


def _not_found(flavor_id, key):
    return webob.exc.HTTPNotFound(explanation=_(
        'Flavor %(flavor_id)s has no extra specs with key %(key)s.') % {
            'flavor_id': flavor_id, 'key': key})


def _check_values(req, specs):
    """Stringify numbers/booleans; from 2.86 validate each spec.

    :returns: the specs with string values.
    """
    validate = api_version_request.is_supported(req, '2.86')
    clean = {}
    for name, value in specs.items():
        if isinstance(value, bool):
            value = str(value)
        elif isinstance(value, (int, float)):
            value = str(value)
            if len(value) > 255:
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'extra_specs value has more than 255 characters.'))
        if validate:
            validators.validate(name, value)
        clean[name] = value
    return clean


class FlavorExtraSpecsController(wsgi.Controller):

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, flavor_id):
        context = common.get_context(req)
        policy.authorize(context, fes_policies.POLICY_ROOT % 'index',
                         target={'project_id': context.project_id})
        flavor = flavors.get_flavor(context, flavor_id)
        return {'extra_specs': dict(flavor.extra_specs)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.create)
    def create(self, req, flavor_id, body):
        context = common.get_context(req)
        policy.authorize(context, fes_policies.POLICY_ROOT % 'create',
                         target={})
        specs = _check_values(req, body['extra_specs'])
        flavor = flavors.get_flavor(context, flavor_id)
        flavor.extra_specs = dict(flavor.extra_specs, **specs)
        flavor.save()
        return body

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update)
    def update(self, req, flavor_id, id, body):
        context = common.get_context(req)
        policy.authorize(context, fes_policies.POLICY_ROOT % 'update',
                         target={})
        specs = _check_values(req, body)
        if id not in specs:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Request body and URI mismatch'))
        flavor = flavors.get_flavor(context, flavor_id)
        flavor.extra_specs = dict(flavor.extra_specs, **specs)
        flavor.save()
        return body

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, flavor_id, id):
        context = common.get_context(req)
        policy.authorize(context, fes_policies.POLICY_ROOT % 'show',
                         target={'project_id': context.project_id})
        flavor = flavors.get_flavor(context, flavor_id)
        if id not in flavor.extra_specs:
            raise _not_found(flavor_id, id)
        return {id: flavor.extra_specs[id]}

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.delete_query)
    def delete(self, req, flavor_id, id):
        context = common.get_context(req)
        policy.authorize(context, fes_policies.POLICY_ROOT % 'delete',
                         target={})
        flavor = flavors.get_flavor(context, flavor_id)
        if id not in flavor.extra_specs:
            raise _not_found(flavor_id, id)
        flavor.extra_specs = {k: v for k, v in flavor.extra_specs.items()
                              if k != id}
        flavor.save()
