"""/os-hosts (deprecated, gone from 2.43): services by host, a compute
host's resource usage, enabling it, and its power and maintenance.

The same facts are served today by os-services and os-hypervisors; the
old clients and Tempest still read them here.
"""

import collections

import oslo_messaging as messaging
import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import hosts as schema
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import hosts as host_policies
from nova_clone import policy

MAX_VERSION = '2.42'


def _authorize(req, action):
    context = common.get_context(req)
    policy.authorize(context, host_policies.POLICY_NAME % action,
                     target={})
    return context


def _not_found(host):
    return webob.exc.HTTPNotFound(explanation=_(
        'Compute host %s could not be found.') % host)


class HostController(wsgi.Controller):

    compute_rpcapi = common.lazy_client(compute_rpcapi.ComputeAPI)

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        """Every enabled service's host, topic and zone (``?zone=``)."""
        context = _authorize(req, 'list')
        zone = req.GET.get('zone')
        hosts = []
        for cctxt in service_lookup.each_cell(context):
            for svc in objects.ServiceList.get_all(cctxt, disabled=False,
                                                   set_zones=True):
                if zone and svc.availability_zone != zone:
                    continue
                hosts.append({'host_name': svc.host, 'service': svc.topic,
                              'zone': svc.availability_zone})
        return {'hosts': hosts}

    # ------------------------------------------------------------ show

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.no_query)
    def show(self, req, id):
        """The host's capacity, its use now, and what each project uses."""
        context = _authorize(req, 'show')
        cctxt, nodes = self._compute_nodes(context, id)
        instances = objects.InstanceList.get_by_host(cctxt, id,
                                                     expected_attrs=[])
        resources = [
            _resource(id, '(total)', sum(n.vcpus for n in nodes),
                      sum(n.memory_mb for n in nodes),
                      sum(n.local_gb for n in nodes)),
            _resource(id, '(used_now)', sum(n.vcpus_used for n in nodes),
                      sum(n.memory_mb_used for n in nodes),
                      sum(n.local_gb_used for n in nodes)),
        ]
        per_project = collections.OrderedDict()
        for inst in instances:
            used = per_project.setdefault(inst.project_id, [0, 0, 0])
            used[0] += inst.vcpus or 0
            used[1] += inst.memory_mb or 0
            used[2] += (inst.root_gb or 0) + (inst.ephemeral_gb or 0)
        totals = [sum(u[i] for u in per_project.values()) for i in range(3)]
        resources.append(_resource(id, '(used_max)', *totals))
        resources.extend(_resource(id, project, *used)
                         for project, used in per_project.items())
        return {'host': resources}

    @staticmethod
    def _compute_nodes(context, host):
        """:returns: (the host's cell context, its compute nodes)."""
        for cctxt in service_lookup.each_cell(context):
            nodes = objects.ComputeNodeList.get_all_by_host(cctxt, host)
            if nodes:
                return cctxt, list(nodes)
        raise _not_found(host)

    # ---------------------------------------------------------- update

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 501))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        """Enable/disable the host's compute service; maintenance mode."""
        context = _authorize(req, 'update')
        result = {'host': id}
        service = service_lookup.find(
            context, objects.Service.get_by_args, id, 'nova-compute')
        if service is None:
            raise _not_found(id)
        if 'status' in body:
            service.disabled = body['status'].lower() == 'disable'
            if not service.disabled:
                service.disabled_reason = None
            service.save()
            result['status'] = 'disabled' if service.disabled else 'enabled'
        if 'maintenance_mode' in body:
            mode = body['maintenance_mode'].lower() == 'enable'
            result['maintenance_mode'] = self._call_host(
                context, id, 'host_maintenance_mode', mode=mode)
        return result

    # ----------------------------------------------------- power actions

    def _call_host(self, context, host, method, **kwargs):
        try:
            return getattr(self.compute_rpcapi, method)(context, host,
                                                        **kwargs)
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(explanation=_(
                'Virt driver does not implement host %s.') %
                method.replace('host_', '').replace('_', ' '))
        except messaging.MessagingTimeout:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Compute host %s is not answering.') % host)

    def _power(self, req, host, action, rule):
        context = _authorize(req, rule)
        if service_lookup.find(context, objects.Service.get_by_args, host,
                               'nova-compute') is None:
            raise _not_found(host)
        result = self._call_host(context, host, 'host_power_action',
                                 action=action)
        return {'host': host, 'power_action': result}

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 501))
    @validation.query_schema(schema.no_query)
    def reboot(self, req, id):
        return self._power(req, id, 'reboot', 'reboot')

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 501))
    @validation.query_schema(schema.no_query)
    def shutdown(self, req, id):
        return self._power(req, id, 'shutdown', 'shutdown')

    @wsgi.api_version('2.1', MAX_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 501))
    @validation.query_schema(schema.no_query)
    def startup(self, req, id):
        return self._power(req, id, 'startup', 'start')


def _resource(host, project, cpu, memory_mb, disk_gb):
    return {'resource': {'host': host, 'project': project, 'cpu': cpu,
                         'memory_mb': memory_mb, 'disk_gb': disk_gb}}
