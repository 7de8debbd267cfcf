"""Compute helpers shared by the flows: faults, notifications, events."""

import contextlib
import sys
import traceback

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.notifications import legacy
from nova_clone.notifications.objects import base as notif_base
from nova_clone.notifications.objects import exception as notif_exc
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone.notifications.objects import instance as notif_instance
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

SOURCE_COMPUTE = notif_fields.NotificationSource.COMPUTE
PHASE_START = notif_fields.NotificationPhase.START
PHASE_END = notif_fields.NotificationPhase.END
PHASE_ERROR = notif_fields.NotificationPhase.ERROR


# ------------------------------------------------------------------ faults

def add_instance_fault_from_exc(context, instance, fault, exc_info=None,
                                fault_message=None):
    """Record ``fault`` as the instance's newest fault.

    Only a 500 (an unexpected error) keeps its traceback in ``details``,
    as nova does; expected errors show their message alone.

    :param fault: the exception.
    :param exc_info: ``sys.exc_info()`` of ``fault`` (or None).
    :param fault_message: a message to store instead of the exception's.
    :returns: the created InstanceFault.
    """
    code = getattr(fault, 'kwargs', {}).get('code', 500)
    tb = exc_info[2] if exc_info and code == 500 else None
    record = objects.InstanceFault.from_exception(
        context, instance.uuid, fault, host=CONF.host, exc_tb=tb)
    if fault_message:
        record.message = fault_message[:255]
    record.create()
    return record


# ------------------------------------------------------- notifications

def _publisher(host, source=SOURCE_COMPUTE):
    return notif_base.NotificationPublisher(host=host or CONF.host,
                                            source=source)


def _fault_payload(exc):
    if exc is None:
        return None
    return notif_exc.ExceptionPayload.from_exception(exc)


def _priority(phase):
    if phase == PHASE_ERROR:
        return notif_fields.NotificationPriority.ERROR
    return notif_fields.NotificationPriority.INFO


def _send(context, notification_cls, payload, host, source, action,
          phase):
    notification = notification_cls(
        context=context, priority=_priority(phase),
        publisher=_publisher(host, source),
        event_type=notif_base.EventType(object='instance', action=action,
                                        phase=phase),
        payload=payload)
    notification.emit(context)


def notify_about_instance_action(context, instance, host, action, phase=None,
                                 source=SOURCE_COMPUTE, exception=None,
                                 bdms=None):
    """Send ``instance.<action>.<phase>`` (an InstanceActionPayload).

    :param action: a NotificationAction value (``delete``, ``power_off``).
    :param phase: ``start``, ``end`` or ``error``.
    :param exception: the error of an ``error`` phase.
    :param bdms: the instance's BDMs, to spare a query.
    """
    legacy.notify_about_instance_usage(
        context, instance, '%s.%s' % (action, phase), host=host,
        fault=exception)
    if not notif_base.versioned_notifications_enabled():
        return
    payload = notif_instance.InstanceActionPayload(
        context=context, instance=instance, fault=_fault_payload(exception),
        bdms=bdms)
    _send(context, notif_instance.InstanceActionNotification, payload, host,
          source, action, phase)


def notify_about_instance_create(context, instance, host, phase=None,
                                 exception=None, bdms=None):
    """Send ``instance.create.<phase>`` (an InstanceCreatePayload)."""
    legacy.notify_about_instance_usage(
        context, instance, 'create.%s' % phase, host=host, fault=exception)
    if not notif_base.versioned_notifications_enabled():
        return
    payload = notif_instance.InstanceCreatePayload(
        context=context, instance=instance, fault=_fault_payload(exception),
        bdms=bdms)
    _send(context, notif_instance.InstanceCreateNotification, payload, host,
          SOURCE_COMPUTE, notif_fields.NotificationAction.CREATE, phase)


@contextlib.contextmanager
def notify_about_instance_delete(context, instance, host, bdms=None):
    """Wrap a delete in ``instance.delete.start`` / ``.end``."""
    action = notif_fields.NotificationAction.DELETE
    notify_about_instance_action(context, instance, host, action,
                                 phase=PHASE_START, bdms=bdms)
    yield
    notify_about_instance_action(context, instance, host, action,
                                 phase=PHASE_END, bdms=bdms)


# ------------------------------------------------- instance action events

class EventReporter(object):
    """Record an instance action event around a block of work.

    ``with EventReporter(ctxt, 'compute_terminate_instance', host, uuid):``
    starts the event, and finishes it with the block's exception, if any.
    An error the block handled itself can be recorded with
    :meth:`record_failure`.
    """

    def __init__(self, context, event_name, host, instance_uuid):
        self.context = context
        self.event_name = event_name
        self.host = host
        self.instance_uuid = instance_uuid
        self._failure = None
        self._started = False

    def record_failure(self, exc, exc_tb=None):
        """Finish the event as failed with ``exc`` even if none escapes."""
        self._failure = (exc, exc_tb or exc.__traceback__)

    def __enter__(self):
        try:
            objects.InstanceActionEvent.event_start(
                self.context, self.instance_uuid, self.event_name,
                want_result=False, host=self.host)
            self._started = True
        except exception.InstanceActionNotFound:
            # NOTE: nothing recorded the action (a caller that bypassed
            # the API); the work itself must still happen.
            LOG.debug('No action to record event %s of instance %s in',
                      self.event_name, self.instance_uuid)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if not self._started:
            return False
        if exc_val is None and self._failure is not None:
            exc_val, exc_tb = self._failure
        tb_text = (''.join(traceback.format_tb(exc_tb))
                   if exc_tb is not None else None)
        if exc_val is not None and tb_text is None:
            tb_text = ''
        try:
            objects.InstanceActionEvent.event_finish_with_failure(
                self.context, self.instance_uuid, self.event_name,
                exc_val=_event_details(exc_val), exc_tb=tb_text,
                want_result=False)
        except exception.InstanceActionNotFound:
            LOG.debug('Action of event %s vanished', self.event_name)
        except Exception:
            # NOTE: never hide the block's own exception behind a failure
            # to record it.
            if exc_type is None:
                raise
            LOG.exception('Failed to finish event %s of instance %s',
                          self.event_name, self.instance_uuid)
        return False


def _event_details(exc):
    # NOTE: the event travels to the conductor as JSON, so the details go
    # as text: a NovaException's message, else the exception's class.
    if exc is None:
        return None
    if isinstance(exc, exception.NovaException):
        return exc.format_message()
    return type(exc).__name__


def exc_info_of(exc):
    """:returns: a ``sys.exc_info()``-like triple for ``exc``."""
    current = sys.exc_info()
    if current[1] is exc:
        return current
    return (type(exc), exc, exc.__traceback__)


def is_volume_backed_instance(instance):
    """:returns: whether the instance boots from a volume (no image)."""
    return not instance.image_ref
