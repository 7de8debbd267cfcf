"""/os-services: the control and compute services of every cell.

Before 2.53 services are changed with ``PUT /os-services/{action}``
(enable, disable, disable-log-reason, and force-down from 2.11) naming
``host`` and ``binary``; from 2.53 a service is addressed by its UUID and
updated in place. Deleting a compute service that still hosts servers is
refused; otherwise its compute nodes, host mapping and Placement resource
providers go with it.
"""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import services as schema
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.api.validation import validators
from nova_clone.compute import aggregate_api
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import services as svc_policies
from nova_clone import policy
from nova_clone.scheduler.client import report
from nova_clone import servicegroup

# NOTE: the API services report no heartbeat; the list leaves them out.
_API_BINARIES = ('nova-osapi_compute', 'nova-metadata')

_ACTION_SCHEMAS = {
    'enable': schema.service_update,
    'disable': schema.service_update,
    'disable-log-reason': schema.service_update,
    'force-down': schema.service_update_v211,
}


class ServiceController(wsgi.Controller):

    servicegroup_api = common.lazy_client(servicegroup.API)
    reportclient = common.lazy_client(report.SchedulerReportClient)

    @staticmethod
    def _authorize(req, action):
        context = common.get_context(req)
        policy.authorize(context, svc_policies.POLICY_ROOT % action,
                         target={})
        return context.elevated()

    def _view(self, req, service):
        uuid_ids = api_version_request.is_supported(req, '2.53')
        body = {
            'id': service.uuid if uuid_ids else service.id,
            'binary': service.binary,
            'host': service.host,
            'zone': service.availability_zone,
            'status': 'disabled' if service.disabled else 'enabled',
            'state': 'up' if self.servicegroup_api.service_is_up(service)
            else 'down',
            'updated_at': common.db_time(service.updated_at),
            'disabled_reason': service.disabled_reason,
        }
        if api_version_request.is_supported(req, '2.11'):
            body['forced_down'] = service.forced_down
        return body

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query, '2.1', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def index(self, req):
        context = self._authorize(req, 'list')
        services = []
        for cctxt in service_lookup.each_cell(context):
            services.extend(objects.ServiceList.get_all(cctxt,
                                                        set_zones=True))
        services = [s for s in services if s.binary not in _API_BINARIES]
        for key in ('host', 'binary'):
            # NOTE: an empty value filters nothing, as in nova.
            if req.GET.get(key):
                services = [s for s in services
                            if getattr(s, key) == req.GET[key]]
        return {'services': [self._view(req, s) for s in services]}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.schema({'type': 'object'}, '2.1', '2.52')
    @validation.schema(schema.service_update_v253, '2.53')
    def update(self, req, id, body):
        context = self._authorize(req, 'update')
        if api_version_request.is_supported(req, '2.53'):
            return self._update_v253(req, context, id, body)
        return self._update_action(req, context, id, body)

    def _find_by_host(self, context, host, binary):
        service = service_lookup.find(
            context, objects.Service.get_by_args, host, binary)
        if service is None:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Service %(binary)s on host %(host)s could not be '
                'found.') % {'binary': binary, 'host': host})
        return service

    def _update_action(self, req, context, action, body):
        if action not in _ACTION_SCHEMAS or (
                action == 'force-down' and
                not api_version_request.is_supported(req, '2.11')):
            raise webob.exc.HTTPNotFound(explanation=_(
                'Unknown action %s') % action)
        validators.SchemaValidator(_ACTION_SCHEMAS[action]).validate(body)
        _only_computes(body['binary'])
        service = self._find_by_host(context, body['host'], body['binary'])
        result = {'host': service.host, 'binary': service.binary}
        if action == 'force-down':
            if 'forced_down' not in body:
                raise webob.exc.HTTPBadRequest(
                    explanation=_('Missing forced_down field'))
            service.forced_down = strutils.bool_from_string(
                body['forced_down'])
            service.save()
            result['forced_down'] = service.forced_down
            return {'service': result}
        if action == 'disable-log-reason' and \
                not body.get('disabled_reason'):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Missing disabled reason field'))
        service.disabled = action != 'enable'
        # NOTE: a plain disable keeps the reason already recorded.
        if action == 'enable':
            service.disabled_reason = None
        elif action == 'disable-log-reason':
            service.disabled_reason = body['disabled_reason']
        service.save()
        result['status'] = 'disabled' if service.disabled else 'enabled'
        if action == 'disable-log-reason':
            result['disabled_reason'] = service.disabled_reason
        return {'service': result}

    def _by_uuid(self, context, service_id):
        if not uuidutils.is_uuid_like(service_id):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Invalid uuid %s') % service_id)
        service = service_lookup.find(context, objects.Service.get_by_uuid,
                                      service_id)
        if service is None:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Service %s not found.') % service_id)
        return service

    def _update_v253(self, req, context, service_id, body):
        if not body:
            raise webob.exc.HTTPBadRequest(explanation=_(
                "At least one of 'status' or 'forced_down' must be "
                "specified."))
        status = body.get('status')
        if 'disabled_reason' in body and status != 'disabled':
            raise webob.exc.HTTPBadRequest(explanation=_(
                "Specifying 'disabled_reason' with status '%s' is invalid.")
                % status)
        service = self._by_uuid(context, service_id)
        _only_computes(service.binary)
        if status is not None:
            service.disabled = status == 'disabled'
            service.disabled_reason = body.get('disabled_reason') \
                if service.disabled else None
        if 'forced_down' in body:
            service.forced_down = strutils.bool_from_string(
                body['forced_down'])
        service.save()
        service.availability_zone = service_lookup_zone(context, service)
        return {'service': self._view(req, service)}

    @wsgi.response(204)
    @wsgi.expected_errors((400, 404, 409))
    @validation.query_schema(schema.delete_query)
    def delete(self, req, id):
        context = self._authorize(req, 'delete')
        if api_version_request.is_supported(req, '2.53'):
            service = self._by_uuid(context, id)
        else:
            try:
                service_id = int(id)
            except ValueError:
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'Invalid service id %s') % id)
            service = service_lookup.find(context, objects.Service.get_by_id,
                                          service_id)
            if service is None:
                raise webob.exc.HTTPNotFound(explanation=_(
                    'Service %s not found.') % id)
        if service.binary == 'nova-compute':
            self._delete_compute(context, service)
        service.destroy()

    def _delete_compute(self, context, service):
        cctxt = service._context
        if objects.InstanceList.get_by_host(cctxt, service.host,
                                            expected_attrs=[]):
            raise webob.exc.HTTPConflict(explanation=_(
                'Unable to delete compute service that is hosting '
                'instances. Migrate or delete the instances first.'))
        try:
            nodes = objects.ComputeNodeList.get_all_by_host(cctxt,
                                                            service.host)
        except exception.ComputeHostNotFound:
            nodes = []
        for node in nodes:
            if objects.MigrationList.get_in_progress_by_host_and_node(
                    cctxt, service.host, node.hypervisor_hostname):
                raise webob.exc.HTTPConflict(explanation=_(
                    'Unable to delete compute service that has in-progress '
                    'migrations. Complete the migrations or delete the '
                    'instances first.'))
        # NOTE: while the host mapping still exists, so the aggregate API
        # can take the host's providers out of the Placement aggregates.
        _leave_aggregates(context, service.host)
        for node in nodes:
            self.reportclient.delete_resource_provider(cctxt, node,
                                                       cascade=True)
            node.destroy()
        try:
            objects.HostMapping.get_by_host(cctxt, service.host).destroy()
        except exception.HostMappingNotFound:
            pass


def _only_computes(binary):
    """:raises: HTTPBadRequest unless ``binary`` is nova-compute."""
    if binary != 'nova-compute':
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Updating a %s service is not supported. Only nova-compute '
            'services can be updated.') % binary)


def _leave_aggregates(context, host):
    """Take ``host`` out of every aggregate holding it."""
    api = aggregate_api.AggregateAPI()
    for aggregate in objects.AggregateList.get_by_host(context, host):
        try:
            api.remove_host(context, aggregate.id, host)
        except exception.ComputeHostNotFound:
            # NOTE: never mapped to a cell: no providers to update.
            aggregate.delete_host(host)


def service_lookup_zone(context, service):
    """:returns: the zone of ``service`` as the list shows it."""
    from nova_clone.objects import service as service_obj
    service_obj._set_zones(context, [service])
    return service.availability_zone
