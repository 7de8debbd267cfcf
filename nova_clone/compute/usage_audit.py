"""The instance usage audit: one record and one notification per period.

With ``[DEFAULT] instance_usage_audit``, each compute host sends a
``compute.instance.exists`` notification for every instance that lived on
it during the last completed audit period (``instance_usage_audit_period``:
``hour``, ``day``, ``month`` or ``year``, optionally ``@offset``), and keeps a
task_log row saying it did, which ``os-instance-usage-audit-log`` reports.
Billing systems rely on each period being audited exactly once, so a host
that already has a row for the period does nothing.
"""

import datetime
import time

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone import conf
from nova_clone import exception
from nova_clone.notifications import legacy
from nova_clone import objects

CONF = conf.CONF
LOG = logging.getLogger(__name__)
TASK_NAME = 'instance_usage_audit'


def _add_months(when, months):
    month = when.month - 1 + months
    return when.replace(year=when.year + month // 12, month=month % 12 + 1)


def last_completed_audit_period(unit=None, before=None):
    """:returns: ``(begin, end)`` of the last whole period before ``before``.

    :param unit: ``hour``, ``day``, ``month`` or ``year`` with an optional
        ``@offset``: the minute, hour, day of month or month that starts a
        period (default: the configured ``instance_usage_audit_period``).
    """
    unit = unit or CONF.instance_usage_audit_period
    offset = 0
    if '@' in unit:
        unit, raw = unit.split('@', 1)
        offset = int(raw)
    now = before or timeutils.utcnow()
    if unit == 'month':
        end = datetime.datetime(now.year, now.month, offset or 1)
        if end > now:
            end = _add_months(end, -1)
        return _add_months(end, -1), end
    if unit == 'year':
        end = datetime.datetime(now.year, offset or 1, 1)
        if end > now:
            end = end.replace(year=end.year - 1)
        return end.replace(year=end.year - 1), end
    if unit == 'day':
        end = datetime.datetime(now.year, now.month, now.day, offset)
        if end > now:
            end -= datetime.timedelta(days=1)
        return end - datetime.timedelta(days=1), end
    if unit == 'hour':
        end = datetime.datetime(now.year, now.month, now.day, now.hour,
                                offset)
        if end > now:
            end -= datetime.timedelta(hours=1)
        return end - datetime.timedelta(hours=1), end
    raise ValueError('unknown audit period unit %r' % unit)


def _naive(value):
    return value.replace(tzinfo=None) if value and value.tzinfo else value


def _lived_in(instance, begin, end):
    """An instance counts when it was launched before the period ended
    and not terminated before it began.
    """
    launched = _naive(instance.launched_at)
    terminated = _naive(instance.terminated_at)
    return (launched is not None and launched < end and
            (terminated is None or terminated > begin))


def audit_host(context, host, before=None):
    """Audit ``host`` for the last completed period, once.

    :returns: the TaskLog written, or None when the period was done
        already or auditing is off.
    """
    if not CONF.instance_usage_audit:
        return None
    begin, end = last_completed_audit_period(before=before)
    if objects.TaskLog.get(context, TASK_NAME, begin, end, host):
        return None
    started = time.monotonic()
    everything = context.elevated(read_deleted='yes')
    instances = [inst for inst in objects.InstanceList.get_by_host(
        everything, host) if _lived_in(inst, begin, end)]
    task_log = objects.TaskLog(
        context, task_name=TASK_NAME, host=host, period_beginning=begin,
        period_ending=end, task_items=len(instances), errors=0,
        message='Instance usage audit started...')
    try:
        task_log.begin_task()
    except exception.TaskAlreadyRunning:
        return None
    extra = {'audit_period_beginning': str(begin),
             'audit_period_ending': str(end), 'bandwidth': {}}
    errors = 0
    for instance in instances:
        try:
            legacy.notify_about_instance_usage(
                context, instance, 'exists', host=host,
                extra_usage_info=extra)
        except Exception:
            errors += 1
            LOG.exception('Usage audit failed for instance %s',
                          instance.uuid)
    task_log.errors = errors
    task_log.message = (
        'Instance usage audit ran for host %s, %s instances in %.2f '
        'seconds.' % (host, len(instances), time.monotonic() - started))
    task_log.end_task()
    return task_log
