"""The RPC and notification transports, serializers and client/server makers.

One process-wide transport per purpose, built from ``[DEFAULT]
transport_url`` (RPC) and ``[oslo_messaging_notifications]`` (notifications)
by :func:`init`. Contexts travel as dicts and objects as versioned
primitives, so both ends may run different releases (DESIGN.md §5).
"""

import functools

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_serialization import jsonutils

from nova_clone import context as nova_context
from nova_clone import monkey_patch

LOG = logging.getLogger(__name__)

TRANSPORT = None
NOTIFICATION_TRANSPORT = None
NOTIFIER = None
VERSIONED_NOTIFIER = None

# NOTE: exceptions from these modules are re-raised as themselves on the
# caller's side instead of as generic RemoteErrors.
ALLOWED_EXMODS = [
    'nova_clone.exception',
    'nova_clone.exception.base',
    'nova_clone.exception.build',
    'nova_clone.exception.cells',
    'nova_clone.exception.compute',
    'nova_clone.exception.console',
    'nova_clone.exception.db',
    'nova_clone.exception.objects',
    'nova_clone.exception.scheduler',
    'nova_clone.exception.virt',
]


def init(conf, transport=None, notification_transport=None):
    """Create the transports and the notifier for this process.

    :param conf: the ConfigOpts (``transport_url`` etc.).
    :param transport: an existing RPC transport (tests pass ``fake://``).
    :param notification_transport: likewise for notifications.
    """
    global TRANSPORT, NOTIFICATION_TRANSPORT, NOTIFIER, VERSIONED_NOTIFIER
    messaging.set_transport_defaults(control_exchange='nova')
    TRANSPORT = transport or messaging.get_rpc_transport(
        conf, allowed_remote_exmods=ALLOWED_EXMODS)
    NOTIFICATION_TRANSPORT = (
        notification_transport or messaging.get_notification_transport(
            conf, allowed_remote_exmods=ALLOWED_EXMODS))
    serializer = RequestContextSerializer(JsonPayloadSerializer())
    NOTIFIER = messaging.Notifier(NOTIFICATION_TRANSPORT,
                                  serializer=serializer)
    # NOTE: versioned notifications go to their own topics
    # ([notifications] versioned_notifications_topics), as nova sends them.
    VERSIONED_NOTIFIER = messaging.Notifier(
        NOTIFICATION_TRANSPORT, serializer=serializer,
        topics=list(conf.notifications.versioned_notifications_topics))


def cleanup():
    """Close the transports (service stop, tests)."""
    global TRANSPORT, NOTIFICATION_TRANSPORT, NOTIFIER, VERSIONED_NOTIFIER
    for transport in (TRANSPORT, NOTIFICATION_TRANSPORT):
        if transport is not None:
            transport.cleanup()
    TRANSPORT = NOTIFICATION_TRANSPORT = NOTIFIER = None
    VERSIONED_NOTIFIER = None


def initialized():
    """:returns: True once :func:`init` has run."""
    return TRANSPORT is not None


class JsonPayloadSerializer(messaging.NoOpSerializer):
    """Notification payloads as JSON-safe primitives."""

    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


class RequestContextSerializer(messaging.Serializer):
    """Carry the RequestContext as a dict next to the (object) payload."""

    def __init__(self, base):
        self._base = base

    def serialize_entity(self, context, entity):
        if not self._base:
            return entity
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        if not self._base:
            return entity
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return nova_context.RequestContext.from_dict(context)


def _object_serializer():
    # NOTE: imported late: objects import the DB layer, which the RPC module
    # itself must not force on a caller (e.g. a unit test of a client).
    from nova_clone.objects import base as objects_base
    return objects_base.NovaObjectSerializer()


def _executor():
    return 'eventlet' if monkey_patch.is_eventlet() else 'threading'


def get_client(target, version_cap=None, serializer=None,
               call_monitor_timeout=None, timeout=None):
    """:returns: an RPC client for ``target`` with the context serializer.

    :param version_cap: the highest version the client may send
        (``[upgrade_levels]`` pin).
    :param timeout: default seconds a call waits (None:
        ``rpc_response_timeout``).
    """
    assert TRANSPORT is not None, 'rpc.init() was not called'
    serializer = RequestContextSerializer(serializer or _object_serializer())
    return messaging.get_rpc_client(
        TRANSPORT, target, version_cap=version_cap, serializer=serializer,
        call_monitor_timeout=call_monitor_timeout, timeout=timeout)


def get_pinned_client(topic, version, pin, aliases, namespace=None):
    """:returns: a client of ``topic`` capped at an ``[upgrade_levels]`` pin.

    :param pin: the option's value: a version, a release name found in
        ``aliases``, or None for no cap.
    """
    target = messaging.Target(topic=topic, namespace=namespace,
                              version=version)
    return get_client(target, version_cap=aliases.get(pin, pin))


def get_server(target, endpoints, serializer=None):
    """:returns: an RPC server for ``target`` dispatching to ``endpoints``."""
    assert TRANSPORT is not None, 'rpc.init() was not called'
    serializer = RequestContextSerializer(serializer or _object_serializer())
    access_policy = messaging.DefaultRPCAccessPolicy
    return messaging.get_rpc_server(
        TRANSPORT, target, endpoints, executor=_executor(),
        serializer=serializer, access_policy=access_policy)


def get_versioned_notifier(publisher_id):
    """:returns: a notifier for versioned notifications of ``publisher_id``."""
    assert VERSIONED_NOTIFIER is not None, 'rpc.init() was not called'
    return VERSIONED_NOTIFIER.prepare(publisher_id=publisher_id)


def if_notifications_enabled(f):
    """Skip the wrapped notification emitter when notifications are off."""
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        if NOTIFIER is None or not NOTIFIER.is_enabled():
            return None
        return f(*args, **kwargs)
    return wrapped
