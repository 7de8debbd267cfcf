"""Notification base classes: event type, publisher, payload, envelope.

A notification is an envelope (priority, event type, publisher) around a
payload object; :meth:`NotificationBase.emit` sends the payload's
primitive (``nova_object.name``/``namespace``/``version``/``data``) as
nova does, with ``publisher_id`` ``<source>:<host>``.

Notification classes are not put into the main object registry (they
never travel over RPC); :func:`register_notification` keeps them in
:data:`NOTIFICATION_CLASSES` for the fingerprint test instead.
"""

from oslo_log import log as logging
from oslo_versionedobjects import exception as ovo_exc

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone.objects import base
from nova_clone.objects import fields
from nova_clone import rpc

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

NOTIFICATION_CLASSES = []


def register_notification(cls):
    """Class decorator: a concrete notification or payload class.

    The class gets its field properties without entering the RPC object
    registry, and is listed for the notification fingerprint test.
    """
    base.NovaObjectRegistry.register_if(False)(cls)
    NOTIFICATION_CLASSES.append(cls)
    return cls


def versioned_notifications_enabled():
    """:returns: whether versioned notifications are sent at all."""
    if CONF.notifications.notification_format not in ('both', 'versioned'):
        return False
    return rpc.NOTIFIER is not None and rpc.NOTIFIER.is_enabled()


@base.NovaObjectRegistry.register_if(False)
class NotificationObject(base.NovaObject):
    """Base of every notification object; they never change in place."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # NOTE: payloads are built once and sent; nothing tracks changes.
        self.obj_reset_changes(recursive=False)


@register_notification
class EventType(NotificationObject):
    # Version 1.0 to 1.21: nova's history (new actions and phases)
    VERSION = '1.21'

    fields = {
        'object': fields.StringField(nullable=False),
        'action': notif_fields.NotificationActionField(nullable=False),
        'phase': notif_fields.NotificationPhaseField(nullable=True),
    }

    def __init__(self, object, action, phase=None):
        super().__init__()
        self.object = object
        self.action = action
        self.phase = phase

    def to_notification_event_type_field(self):
        """:returns: ``<object>.<action>`` plus ``.<phase>`` if set."""
        parts = [self.object, self.action]
        if self.obj_attr_is_set('phase') and self.phase is not None:
            parts.append(self.phase)
        return '.'.join(parts)


@base.NovaObjectRegistry.register_if(False)
class NotificationPayloadBase(NotificationObject):
    """Base of payloads; ``SCHEMA`` maps fields to source attributes.

    ``SCHEMA = {'payload_field': ('source_name', 'source_attribute')}``
    is filled by :meth:`populate_schema`, and is part of the payload's
    fingerprint: changing it needs a version bump.
    """

    SCHEMA = {}
    VERSION = '1.0'

    def __init__(self):
        super().__init__()
        self.populated = not self.SCHEMA

    def populate_schema(self, set_none=True, **kwargs):
        """Copy the ``SCHEMA`` attributes from the named sources.

        :param set_none: default a field whose source attribute cannot be
            loaded (instead of failing).
        :param kwargs: the sources by ``SCHEMA`` name.
        """
        for key, (obj_name, attr) in self.SCHEMA.items():
            source = kwargs[obj_name]
            try:
                setattr(self, key, getattr(source, attr))
            except (exception.ObjectActionError, NotImplementedError,
                    exception.OrphanedObjectError,
                    ovo_exc.OrphanedObjectError):
                if not set_none:
                    raise
                # NOTE: a field the source cannot load is sent as its
                # default, or null.
                if self.fields[key].default != fields.UnspecifiedDefault:
                    self.obj_set_defaults(key)
                elif self.fields[key].nullable:
                    setattr(self, key, None)
        self.populated = True
        self.obj_reset_changes(recursive=False)


@register_notification
class NotificationPublisher(NotificationObject):
    # Version 2.2: nova's (host and source; the binary went in 2.0)
    VERSION = '2.2'

    fields = {
        'host': fields.StringField(nullable=False),
        'source': notif_fields.NotificationSourceField(nullable=False),
    }

    def __init__(self, host, source):
        super().__init__()
        self.host = host
        self.source = source

    @classmethod
    def from_service_obj(cls, service):
        """:returns: the publisher for a Service object."""
        source = service.binary
        return cls(host=service.host, source=source)


@base.NovaObjectRegistry.register_if(False)
class NotificationBase(NotificationObject):
    """The envelope; subclasses add ``payload`` as an ObjectField."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'priority': notif_fields.NotificationPriorityField(),
        'event_type': fields.ObjectField('EventType'),
        'publisher': fields.ObjectField('NotificationPublisher'),
    }

    def _emit(self, context, event_type, publisher_id, payload):
        notifier = rpc.get_versioned_notifier(publisher_id)
        notify = getattr(notifier, self.priority)
        notify(context, event_type=event_type, payload=payload)

    def emit(self, context):
        """Send this notification (no-op when notifications are off).

        :raises: AssertionError when the payload was never populated.
        """
        if not versioned_notifications_enabled():
            return
        if not self.payload.populated:
            raise AssertionError('Payload of %s not populated'
                                 % self.obj_name())
        # NOTE: fields set after construction count as changes; a sent
        # payload carries none.
        self.payload.obj_reset_changes(recursive=True)
        self._emit(context,
                   event_type=(
                       self.event_type.to_notification_event_type_field()),
                   publisher_id='%s:%s' % (self.publisher.source,
                                           self.publisher.host),
                   payload=self.payload.obj_to_primitive())
