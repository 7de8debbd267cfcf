"""/os-simple-tenant-usage[/{tenant_id}]: what each project ran in a
period, in server-hours, vCPU-hours, RAM MiB-hours and disk GB-hours.

A server counts for the part of its life (launch to termination, or now)
that overlaps the period. Admins list every project (paged from 2.40,
by project and server uuid); a member reads their own project's usage.
"""

import datetime

from oslo_utils import strutils
from oslo_utils import timeutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack.compute.schemas import simple_tenant_usage \
    as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import simple_tenant_usage as stu_policies
from nova_clone import policy


def _parse(value, name):
    if not value:
        return timeutils.utcnow()
    value = value[-1] if isinstance(value, list) else value
    for fmt in ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
                '%Y-%m-%d %H:%M:%S.%f'):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise webob.exc.HTTPBadRequest(explanation=_(
            "Invalid %(name)s '%(value)s': use ISO 8601 "
            "(2024-01-31T12:00:00).") % {'name': name, 'value': value})


def _period(req):
    """:returns: (start, stop) of the request; 400 when start > end.

    A period that ends in the future ends now: the servers still running
    are counted up to this moment, not up to a time they have not run yet.
    """
    start = _parse(req.GET.get('start'), 'start')
    stop = _parse(req.GET.get('end'), 'end')
    if start > stop:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid start time. The start time cannot occur after '
            'the end time.'))
    return start, min(stop, timeutils.utcnow())


def _hours(inst, start, stop):
    """:returns: hours of ``inst``'s life inside [start, stop]."""
    launched = inst.launched_at and timeutils.normalize_time(inst.launched_at)
    if not launched:
        return 0.0
    ended = inst.terminated_at and timeutils.normalize_time(
        inst.terminated_at)
    begin = max(launched, start)
    end = min(ended or stop, stop)
    if end <= begin:
        return 0.0
    return (end - begin).total_seconds() / 3600.0


def _iso(value):
    return value.isoformat() if value else None


class SimpleTenantUsageController(wsgi.Controller):

    @staticmethod
    def _instances(context, start, stop, project_id=None, limit=None,
                   marker=None):
        """Instances of every cell, merged in (project_id, uuid) order.

        The marker lives in one cell only. That cell pages after it in SQL;
        the others cannot (their queries would raise MarkerNotFound), so
        they are read whole for the window and cut at the marker's sort
        values here, which keeps the pages of a multi-cell cloud complete.
        """
        def window(cctxt, **paging):
            return objects.InstanceList.get_active_by_window_joined(
                cctxt, start, stop, project_id=project_id,
                expected_attrs=['flavor'], **paging)

        found, unpaged = [], []
        marker_key = None
        for cctxt in service_lookup.each_cell(context):
            try:
                found.extend(window(cctxt, limit=limit, marker=marker))
            except exception.MarkerNotFound:
                unpaged.append(cctxt)
                continue
            if marker:
                row = objects.Instance.get_by_uuid(cctxt, marker)
                marker_key = (row.project_id or '', row.uuid)
        if marker_key is None and marker:
            return []
        for cctxt in unpaged:
            found.extend(inst for inst in window(cctxt)
                         if (inst.project_id or '', inst.uuid) > marker_key)
        found.sort(key=lambda i: (i.project_id or '', i.uuid))
        return found[:limit] if limit else found

    def _usages(self, instances, start, stop, detailed):
        now = timeutils.utcnow()
        usages = {}
        for inst in instances:
            hours = _hours(inst, start, stop)
            flavor = inst.flavor
            local_gb = (flavor.root_gb or 0) + (flavor.ephemeral_gb or 0)
            usage = usages.setdefault(inst.project_id, {
                'tenant_id': inst.project_id,
                'total_local_gb_usage': 0.0, 'total_vcpus_usage': 0.0,
                'total_memory_mb_usage': 0.0, 'total_hours': 0.0,
                'start': _iso(start), 'stop': _iso(stop),
                'server_usages': []})
            usage['total_local_gb_usage'] += local_gb * hours
            usage['total_vcpus_usage'] += flavor.vcpus * hours
            usage['total_memory_mb_usage'] += flavor.memory_mb * hours
            usage['total_hours'] += hours
            terminated = inst.terminated_at
            ended = terminated and timeutils.normalize_time(terminated)
            launched = timeutils.normalize_time(inst.launched_at) \
                if inst.launched_at else None
            usage['server_usages'].append({
                'instance_id': inst.uuid, 'name': inst.display_name,
                'hours': hours, 'memory_mb': flavor.memory_mb,
                'local_gb': local_gb, 'vcpus': flavor.vcpus,
                'tenant_id': inst.project_id, 'flavor': flavor.name,
                'started_at': _iso(launched), 'ended_at': _iso(ended),
                'state': 'terminated' if inst.deleted else inst.vm_state,
                'uptime': int(((ended or now) - launched).total_seconds())
                if launched else 0,
            })
        result = list(usages.values())
        if not detailed:
            for usage in result:
                del usage['server_usages']
        return result

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query, '2.1', '2.39')
    @validation.query_schema(schema.index_query_v240, '2.40', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, stu_policies.POLICY_ROOT % 'list',
                         target={})
        start, stop = _period(req)
        detailed = strutils.bool_from_string(req.GET.get('detailed', '0'))
        limit = marker = None
        if api_version_request.is_supported(req, '2.40'):
            limit, marker = common.get_limit_and_marker(req)
        admin = context.elevated(read_deleted='yes')
        instances = self._instances(admin, start, stop, limit=limit,
                                    marker=marker)
        if marker and not instances and not self._marker_exists(admin,
                                                                marker):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Marker %s could not be found.') % marker)
        body = {'tenant_usages': self._usages(instances, start, stop,
                                              detailed)}
        if limit and len(instances) == limit:
            body['tenant_usages_links'] = [{
                'rel': 'next', 'href': common.ViewBuilder()._get_next_link(
                    req, instances[-1].uuid, 'os-simple-tenant-usage')}]
        return body

    @staticmethod
    def _marker_exists(context, marker):
        try:
            objects.InstanceMapping.get_by_instance_uuid(context, marker)
        except exception.NotFound:
            return False
        return True

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.show_query, '2.1', '2.39')
    @validation.query_schema(schema.show_query_v240, '2.40', '2.74')
    @validation.query_schema(schema.show_query_v275, '2.75')
    def show(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, stu_policies.POLICY_ROOT % 'show',
                         target={'project_id': id})
        start, stop = _period(req)
        limit = marker = None
        if api_version_request.is_supported(req, '2.40'):
            limit, marker = common.get_limit_and_marker(req)
        admin = context.elevated(read_deleted='yes')
        instances = self._instances(admin, start, stop, project_id=id,
                                    limit=limit, marker=marker)
        usages = self._usages(instances, start, stop, detailed=True)
        body = {'tenant_usage': usages[0] if usages else {}}
        if limit and len(instances) == limit:
            body['tenant_usage_links'] = [{
                'rel': 'next', 'href': common.ViewBuilder()._get_next_link(
                    req, instances[-1].uuid,
                    'os-simple-tenant-usage/%s' % id)}]
        return body
