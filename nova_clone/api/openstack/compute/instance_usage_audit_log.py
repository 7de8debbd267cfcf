"""os-instance-usage-audit-log: did every compute host audit the period?

Reads the task_log rows nova-compute's usage audit writes (one per host
and period, in the host's cell) and compares them with the compute
services of every cell.
"""

import datetime

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import \
    instance_usage_audit_log as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import usage_audit
from nova_clone import context as nova_context
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import instance_usage_audit_log as iual_policies
from nova_clone import policy

_TIMESTAMP_FORMATS = ('%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S')


def _parse_before(value):
    for fmt in _TIMESTAMP_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise webob.exc.HTTPBadRequest(explanation=_(
        'Invalid timestamp for date %s') % value)


def _gather(context, begin, end):
    """:returns: (compute hosts, task logs) across every cell but cell0."""
    hosts, logs = set(), []
    for cell in objects.CellMappingList.get_all(context):
        if cell.is_cell0():
            continue
        with nova_context.target_cell(context, cell) as cctxt:
            hosts.update(svc.host for svc in objects.ServiceList.get_by_binary(
                cctxt, 'nova-compute', include_disabled=True))
            logs.extend(objects.TaskLogList.get_all(
                cctxt, usage_audit.TASK_NAME, begin, end))
    return hosts, logs


def _summary(context, before=None):
    begin, end = usage_audit.last_completed_audit_period(before=before)
    hosts, logs = _gather(context, begin, end)
    done = {log.host for log in logs if log.state == 'DONE'}
    running = {log.host for log in logs if log.state == 'RUNNING'}
    not_run = sorted(hosts - {log.host for log in logs})
    errors = sum(log.errors for log in logs)
    if len(done) == len(hosts):
        hosts_done = 'ALL'
    else:
        hosts_done = '%d of %d' % (len(done), len(hosts))
    return {
        'period_beginning': str(begin),
        'period_ending': str(end),
        'num_hosts': len(hosts),
        'num_hosts_done': len(done),
        'num_hosts_running': len(running),
        'num_hosts_not_run': len(not_run),
        'hosts_not_run': not_run,
        'total_instances': sum(log.task_items for log in logs),
        'total_errors': errors,
        'overall_status': '%s hosts done. %d errors.' % (hosts_done, errors),
        'log': {log.host: {'state': log.state, 'instances': log.task_items,
                           'errors': log.errors, 'message': log.message}
                for log in logs},
    }


class InstanceUsageAuditLogController(wsgi.Controller):
    """GET /os-instance_usage_audit_log[/{before_timestamp}]."""

    @staticmethod
    def _authorize(req, rule):
        context = common.get_context(req)
        policy.authorize(context, iual_policies.POLICY_ROOT % rule,
                         target={})
        return context

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        context = self._authorize(req, 'list')
        return {'instance_usage_audit_logs': _summary(context)}

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query)
    def show(self, req, id):
        context = self._authorize(req, 'show')
        before = _parse_before(id)
        return {'instance_usage_audit_log': _summary(context, before)}
