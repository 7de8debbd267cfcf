"""/flavors: list, detail, show, and (os-flavor-manage) create/update/delete.
"""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import flavors as schema
from nova_clone.api.openstack.compute.views import flavors as views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import flavor_access as fa_policies
from nova_clone.policies import flavor_extra_specs as fes_policies
from nova_clone.policies import flavor_manage as fm_policies
from nova_clone import policy


def get_flavor(context, flavor_id):
    """:returns: the Flavor with API id ``flavor_id``.

    :raises HTTPNotFound:
    """
    try:
        return objects.Flavor.get_by_flavor_id(context, flavor_id)
    except exception.FlavorNotFound as e:
        raise webob.exc.HTTPNotFound(explanation=e.format_message())


def parse_is_public(is_public):
    """``is_public`` filter: True unless given; ``none`` means all.

    :raises HTTPBadRequest: not a boolean.
    """
    if is_public is None:
        return True
    if is_public.lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(is_public, strict=True)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid is_public filter [%s]') % is_public)


def _int_filter(req, name):
    try:
        return int(req.params[name])
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %(name)s filter [%(value)s]') % {
                'name': name, 'value': req.params[name]})


def include_extra_specs(req, context):
    """2.61+: flavors show extra specs when policy lets the caller list them.
    """
    if not api_version_request.is_supported(req, '2.61'):
        return False
    return policy.authorize(context, fes_policies.POLICY_ROOT % 'index',
                            do_raise=False)


class FlavorsController(wsgi.Controller):
    """Flavors; writes need the os-flavor-manage policies (admin)."""

    _view_builder_class = views.ViewBuilder

    def __init__(self):
        self._view_builder = views.ViewBuilder()

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query, '2.1', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def index(self, req):
        """The flavors the caller may use, short form."""
        flavors = self._get_flavors(req)
        return self._view_builder.index(
            req, flavors, api_version_request.is_supported(req, '2.55'))

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query, '2.1', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def detail(self, req):
        """The flavors the caller may use, full form."""
        context = common.get_context(req)
        flavors = self._get_flavors(req)
        return self._view_builder.detail(
            req, flavors, api_version_request.is_supported(req, '2.55'),
            include_extra_specs(req, context))

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        context = common.get_context(req)
        flavor = get_flavor(context, id)
        return self._view_builder.show(
            req, flavor, api_version_request.is_supported(req, '2.55'),
            include_extra_specs(req, context))

    def _get_flavors(self, req):
        context = common.get_context(req)
        filters = {'project_id': context.project_id}
        if policy.authorize(context, fa_policies.BASE_POLICY_NAME,
                            target={}, do_raise=False):
            filters['is_public'] = parse_is_public(
                req.params.get('is_public'))
        else:
            filters['is_public'] = True
        if 'minRam' in req.params:
            filters['min_memory_mb'] = _int_filter(req, 'minRam')
        if 'minDisk' in req.params:
            filters['min_root_gb'] = _int_filter(req, 'minDisk')
        sort_key = req.params.get('sort_key') or 'flavorid'
        sort_dir = req.params.get('sort_dir') or 'asc'
        limit, marker = common.get_limit_and_marker(req)
        try:
            return objects.FlavorList.get_all(
                context, filters=filters, sort_key=sort_key,
                sort_dir=sort_dir, limit=limit, marker=marker)
        except exception.MarkerNotFound:
            raise webob.exc.HTTPBadRequest(
                explanation=_('marker [%s] not found') % marker)

    # -- os-flavor-manage -------------------------------------------------

    @wsgi.response(200)
    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create, '2.1', '2.54')
    @validation.schema(schema.create_v255, '2.55')
    def create(self, req, body):
        """Create a flavor (admin); 409 on a duplicate name or id."""
        context = common.get_context(req)
        policy.authorize(context, fm_policies.POLICY_ROOT % 'create',
                         target={})
        values = body['flavor']
        flavorid = values.get('id')
        flavor = objects.Flavor(
            context=context,
            name=values['name'],
            flavorid=str(flavorid) if flavorid is not None
            else uuidutils.generate_uuid(),
            memory_mb=int(values['ram']),
            vcpus=int(values['vcpus']),
            root_gb=int(values['disk']),
            ephemeral_gb=int(values.get('OS-FLV-EXT-DATA:ephemeral', 0)),
            swap=int(values.get('swap', 0)),
            rxtx_factor=float(values.get('rxtx_factor', 1.0)),
            is_public=strutils.bool_from_string(
                values.get('os-flavor-access:is_public', True),
                strict=True),
            disabled=False,
            description=values.get('description'),
            extra_specs={},
            projects=[])
        try:
            flavor.create()
        except (exception.FlavorExists, exception.FlavorIdExists) as err:
            raise webob.exc.HTTPConflict(explanation=err.format_message())
        return self._view_builder.show(
            req, flavor, api_version_request.is_supported(req, '2.55'),
            include_extra_specs(req, context))

    @wsgi.api_version('2.55')
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update_v255, '2.55')
    def update(self, req, id, body):
        """Change a flavor's description (the only mutable field)."""
        context = common.get_context(req)
        policy.authorize(context, fm_policies.POLICY_ROOT % 'update',
                         target={})
        flavor = get_flavor(context, id)
        flavor.description = body['flavor']['description']
        try:
            flavor.save()
        except exception.FlavorNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        return self._view_builder.show(req, flavor, True,
                                       include_extra_specs(req, context))

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.delete_query)
    def delete(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, fm_policies.POLICY_ROOT % 'delete',
                         target={})
        flavor = get_flavor(context, id)
        try:
            flavor.destroy()
        except exception.FlavorNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
