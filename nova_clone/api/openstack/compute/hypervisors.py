"""/os-hypervisors: the compute nodes of every cell as their resource
trackers last reported them.

2.28 shows ``cpu_info`` as an object, 2.33 pages the lists, 2.53 uses
UUIDs and moves search/servers into query parameters, 2.88 drops the
resource counters (Placement has them) and statistics, and adds uptime
to show.
"""

from oslo_serialization import jsonutils
from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import hypervisors as schema
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import hypervisors as hv_policies
from nova_clone import policy
from nova_clone import servicegroup

_COUNTERS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
             'memory_mb_used', 'local_gb_used', 'free_ram_mb',
             'free_disk_gb', 'current_workload', 'running_vms',
             'disk_available_least')


class HypervisorsController(wsgi.Controller, common.ViewBuilder):

    _collection_name = 'os-hypervisors'

    servicegroup_api = common.lazy_client(servicegroup.API)
    compute_rpcapi = common.lazy_client(compute_rpcapi.ComputeAPI)

    @staticmethod
    def _authorize(req, action):
        context = common.get_context(req)
        policy.authorize(context, hv_policies.POLICY_ROOT % action,
                         target={})
        return context.elevated()

    @staticmethod
    def _nodes(context, pattern=None):
        """:returns: [(node, service)] over every cell."""
        found = []
        for cctxt in service_lookup.each_cell(context):
            services = {s.host: s for s in objects.ServiceList.get_by_binary(
                cctxt, 'nova-compute', include_disabled=True)}
            for node in objects.ComputeNodeList.get_all(cctxt):
                if pattern and pattern not in (node.hypervisor_hostname or
                                               ''):
                    continue
                if node.host in services:
                    found.append((node, services[node.host]))
        found.sort(key=lambda pair: pair[0].id)
        return found

    def _view(self, req, node, service, detail, servers=None):
        uuids = api_version_request.is_supported(req, '2.53')
        body = {
            'id': node.uuid if uuids else node.id,
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': 'up' if self.servicegroup_api.service_is_up(service)
            else 'down',
            'status': 'disabled' if service.disabled else 'enabled',
        }
        if detail:
            if not api_version_request.is_supported(req, '2.88'):
                # NOTE: 2.88 drops the counters and cpu_info (Placement
                # and the hosts themselves are the truth for those).
                body.update({key: getattr(node, key) for key in _COUNTERS})
                cpu_info = node.cpu_info
                if api_version_request.is_supported(req, '2.28'):
                    try:
                        cpu_info = jsonutils.loads(cpu_info or '{}')
                    except ValueError:
                        cpu_info = {}
                body['cpu_info'] = cpu_info
            body.update({
                'hypervisor_type': node.hypervisor_type,
                'hypervisor_version': node.hypervisor_version,
                'host_ip': str(node.host_ip) if node.host_ip else None,
                'service': {'host': service.host,
                            'id': service.uuid if uuids else service.id,
                            'disabled_reason': service.disabled_reason},
            })
        if servers or (servers is not None and
                       api_version_request.is_supported(req, '2.75')):
            # NOTE: before 2.75 an empty server list is left out.
            body['servers'] = servers
        return body

    @staticmethod
    def _servers(node):
        return [{'name': inst.name, 'uuid': inst.uuid}
                for inst in objects.InstanceList.get_by_host_and_node(
                    node._context, node.host, node.hypervisor_hostname,
                    expected_attrs=[])]

    def _list(self, req, detail):
        context = self._authorize(req, 'list-detail' if detail else 'list')
        pattern = with_servers = None
        if api_version_request.is_supported(req, '2.53'):
            pattern = req.GET.get('hypervisor_hostname_pattern')
            with_servers = strutils.bool_from_string(
                req.GET.get('with_servers', False))
        nodes = self._nodes(context, pattern)
        if pattern and not nodes:
            raise webob.exc.HTTPNotFound(explanation=_(
                "No hypervisor matching '%s' could be found.") % pattern)
        limit = None
        if api_version_request.is_supported(req, '2.33'):
            if pattern and ('limit' in req.GET or 'marker' in req.GET):
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'Paging over hypervisors with the '
                    'hypervisor_hostname_pattern query parameter is not '
                    'supported.'))
            limit, marker = common.get_limit_and_marker(req)
            if marker:
                ids = [str(n.uuid if api_version_request.is_supported(
                    req, '2.53') else n.id) for n, _s in nodes]
                if marker not in ids:
                    raise webob.exc.HTTPBadRequest(explanation=_(
                        'marker [%s] not found') % marker)
                nodes = nodes[ids.index(marker) + 1:]
            nodes = nodes[:limit]
        hypervisors = [self._view(req, node, service, detail,
                                  self._servers(node) if with_servers
                                  else None)
                       for node, service in nodes]
        if detail and api_version_request.is_supported(req, '2.88'):
            # NOTE: lists never ask the computes; only show does.
            for hypervisor in hypervisors:
                hypervisor['uptime'] = None
        body = {'hypervisors': hypervisors}
        if limit and len(hypervisors) == limit:
            collection = self._collection_name + ('/detail' if detail
                                                  else '')
            body['hypervisors_links'] = [{'rel': 'next', 'href':
                                          self._get_next_link(
                                              req, hypervisors[-1]['id'],
                                              collection)}]
        return body

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query, '2.1', '2.32')
    @validation.query_schema(schema.index_query_v233, '2.33', '2.52')
    @validation.query_schema(schema.index_query_v253, '2.53')
    def index(self, req):
        return self._list(req, detail=False)

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.index_query, '2.1', '2.32')
    @validation.query_schema(schema.index_query_v233, '2.33', '2.52')
    @validation.query_schema(schema.index_query_v253, '2.53')
    def detail(self, req):
        return self._list(req, detail=True)

    def _find(self, req, context, hypervisor_id):
        for node, service in self._nodes(context):
            key = node.uuid if api_version_request.is_supported(
                req, '2.53') else str(node.id)
            if key == hypervisor_id:
                return node, service
        if api_version_request.is_supported(req, '2.53'):
            if not uuidutils.is_uuid_like(hypervisor_id):
                raise webob.exc.HTTPBadRequest(explanation=_(
                    'Invalid uuid %s') % hypervisor_id)
        raise webob.exc.HTTPNotFound(explanation=_(
            "Hypervisor with ID '%s' could not be found.") % hypervisor_id)

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.show_query, '2.1', '2.52')
    @validation.query_schema(schema.show_query_v253, '2.53')
    def show(self, req, id):
        context = self._authorize(req, 'show')
        node, service = self._find(req, context, id)
        with_servers = api_version_request.is_supported(req, '2.53') and \
            strutils.bool_from_string(req.GET.get('with_servers', False))
        body = self._view(req, node, service, True,
                          self._servers(node) if with_servers else None)
        if api_version_request.is_supported(req, '2.88'):
            body['uptime'] = self._uptime(node, service)
        return {'hypervisor': body}

    def _uptime(self, node, service):
        if not self.servicegroup_api.service_is_up(service):
            return None
        try:
            return self.compute_rpcapi.get_host_uptime(node._context,
                                                       node.host)
        except (NotImplementedError, exception.NovaException):
            return None

    @wsgi.api_version('2.1', '2.87')
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 501))
    @validation.query_schema(schema.show_query)
    def uptime(self, req, id):
        context = self._authorize(req, 'uptime')
        node, service = self._find(req, context, id)
        body = self._view(req, node, service, False)
        if not self.servicegroup_api.service_is_up(service):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Compute service of %s is unavailable at this time.')
                % service.host)
        try:
            body['uptime'] = self.compute_rpcapi.get_host_uptime(
                node._context, node.host)
        except NotImplementedError as exc:
            raise common.http_exception(exc)
        return {'hypervisor': body}

    @wsgi.api_version('2.1', '2.87')
    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.show_query)
    def statistics(self, req):
        context = self._authorize(req, 'statistics')
        stats = dict.fromkeys(_COUNTERS, 0)
        # NOTE: as in nova, the nodes of disabled services are not counted.
        nodes = [(node, service) for node, service in self._nodes(context)
                 if not service.disabled]
        for node, _service in nodes:
            for key in _COUNTERS:
                stats[key] += getattr(node, key) or 0
        stats['count'] = len(nodes)
        return {'hypervisor_statistics': stats}

    @wsgi.api_version('2.1', '2.52')
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def search(self, req, id):
        context = self._authorize(req, 'search')
        nodes = self._nodes(context, id)
        if not nodes:
            raise webob.exc.HTTPNotFound(explanation=_(
                "No hypervisor matching '%s' could be found.") % id)
        return {'hypervisors': [self._view(req, n, s, False)
                                for n, s in nodes]}

    @wsgi.api_version('2.1', '2.52')
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def servers(self, req, id):
        context = self._authorize(req, 'servers')
        nodes = self._nodes(context, id)
        if not nodes:
            raise webob.exc.HTTPNotFound(explanation=_(
                "No hypervisor matching '%s' could be found.") % id)
        return {'hypervisors': [self._view(req, n, s, False,
                                           self._servers(n))
                                for n, s in nodes]}
