"""Helpers shared by the conductor's build flows.

Retry bookkeeping lives in the legacy ``filter_properties`` dict because
that is what travels between conductor and compute on a reschedule: the
compute adds the failed host and the reason, the conductor counts the
attempt and stops at ``[scheduler] max_attempts``.
"""

import sys

from oslo_log import log as logging

from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


def legacy_filter_properties(request_spec):
    """:returns: the filter_properties dict computes expect from a spec."""
    props = {}
    hints = request_spec.scheduler_hints \
        if 'scheduler_hints' in request_spec else None
    if hints:
        props['scheduler_hints'] = dict(hints)
    for name in ('force_hosts', 'force_nodes', 'ignore_hosts'):
        value = getattr(request_spec, name) if name in request_spec else None
        if value:
            props[name] = list(value)
    if 'instance_group' in request_spec and request_spec.instance_group:
        group = request_spec.instance_group
        props['group_updated'] = True
        props['group_uuid'] = group.uuid
        props['group_policies'] = set([group.policy]) \
            if 'policy' in group and group.policy else set()
        props['group_hosts'] = set(group.hosts or []) \
            if 'hosts' in group else set()
        props['group_members'] = set(group.members or []) \
            if 'members' in group else set()
    if 'retry' in request_spec and request_spec.retry:
        retry = request_spec.retry
        props['retry'] = {
            'num_attempts': retry.num_attempts,
            'hosts': [[n.host, n.hypervisor_hostname] for n in retry.hosts],
        }
    return props


def populate_retry(filter_properties, instance_uuid):
    """Count one more scheduling attempt for ``instance_uuid``.

    Re-scheduling is off when ``max_attempts`` is 1 or the build was forced
    to exactly one host or node; then no ``retry`` key is added and a
    failing compute puts the instance in ERROR instead of asking again.

    :raises: MaxRetriesExceeded after ``max_attempts`` attempts.
    """
    max_attempts = CONF.scheduler.max_attempts
    force_hosts = filter_properties.get('force_hosts') or []
    force_nodes = filter_properties.get('force_nodes') or []
    if max_attempts == 1 or len(force_hosts) == 1 or len(force_nodes) == 1:
        LOG.debug('Re-scheduling is disabled for instance %s', instance_uuid)
        return
    retry = filter_properties.setdefault('retry',
                                         {'num_attempts': 0, 'hosts': []})
    retry['num_attempts'] += 1
    exc_reason = retry.pop('exc_reason', None)
    if retry['num_attempts'] > 1 and exc_reason:
        LOG.error('Instance %(uuid)s: error from last host %(host)s: '
                  '%(reason)s',
                  {'uuid': instance_uuid, 'reason': exc_reason,
                   'host': retry['hosts'][-1][0] if retry['hosts'] else ''})
    if retry['num_attempts'] > max_attempts:
        raise exception.MaxRetriesExceeded(
            reason='Exceeded max scheduling attempts %(max)d for instance '
                   '%(uuid)s. Last exception: %(exc)s'
                   % {'max': max_attempts, 'uuid': instance_uuid,
                      'exc': exc_reason})


def populate_filter_properties(filter_properties, selection):
    """Record the chosen host (for the retry list) and its limits."""
    retry = filter_properties.get('retry')
    if retry is not None:
        retry.setdefault('hosts', []).append([selection.service_host,
                                              selection.nodename])
    limits = selection.limits
    filter_properties['limits'] = limits.to_dict() if limits else {}


def host_availability_zone(context, host):
    """:returns: the AZ of ``host`` from its aggregates, else the default."""
    aggregates = objects.AggregateList.get_by_host(
        context, host, key='availability_zone')
    zones = sorted({agg.metadata['availability_zone']
                    for agg in aggregates
                    if agg.metadata.get('availability_zone')})
    if zones:
        return ','.join(zones)
    return CONF.default_availability_zone


def record_fault(context, instance, exc, host=None):
    """Store an instance fault for ``exc`` (with the traceback if any)."""
    tb = sys.exc_info()[2] if sys.exc_info()[1] is exc else None
    fault = objects.InstanceFault.from_exception(
        context, instance.uuid, exc, host=host, exc_tb=tb)
    fault.create()
    return fault


def set_error_with_fault(context, instance, exc):
    """Put ``instance`` in ERROR with no task and a fault for ``exc``."""
    instance.vm_state = vm_states.ERROR
    instance.task_state = None
    try:
        instance.save()
    except exception.InstanceNotFound:
        LOG.debug('Instance %s was deleted before it could be set to '
                  'ERROR', instance.uuid)
        return
    record_fault(context, instance, exc)
