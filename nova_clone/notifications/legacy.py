"""Unversioned ("legacy") notifications: ``compute.instance.*``.

nova's default ``[notifications] notification_format`` is ``unversioned``,
and consumers such as Ceilometer still read these plain-dict payloads on
the ``notifications`` topic, so a compute sends them beside (or instead
of) the versioned ones.
"""

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone import rpc

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

_IMAGE_PREFIX = 'image_'


def legacy_notifications_enabled():
    """:returns: whether unversioned notifications are sent at all."""
    if CONF.notifications.notification_format not in ('both',
                                                      'unversioned'):
        return False
    return rpc.NOTIFIER is not None and rpc.NOTIFIER.is_enabled()


def _when(instance, attr):
    value = getattr(instance, attr, None) if attr in instance else None
    return str(value) if value else ''


def _image_url(image_ref):
    base = CONF.glance.endpoint_override
    if base and image_ref:
        return '%s/images/%s' % (base.rstrip('/'), image_ref)
    return image_ref or ''


def info_from_instance(instance):
    """:returns: nova's legacy instance payload as a plain dict."""
    flavor = instance.flavor if 'flavor' in instance else None
    sysmeta = instance.system_metadata \
        if 'system_metadata' in instance else {}
    image_meta = {key[len(_IMAGE_PREFIX):]: value
                  for key, value in (sysmeta or {}).items()
                  if key.startswith(_IMAGE_PREFIX)}
    root_gb = instance.root_gb or 0
    ephemeral_gb = instance.ephemeral_gb or 0
    return {
        'tenant_id': instance.project_id,
        'user_id': instance.user_id,
        'instance_id': instance.uuid,
        'display_name': instance.display_name,
        'reservation_id': instance.reservation_id,
        'hostname': instance.hostname,
        'instance_type': flavor.name if flavor is not None else '',
        'instance_type_id': instance.instance_type_id,
        'instance_flavor_id': flavor.flavorid if flavor is not None else '',
        'memory_mb': instance.memory_mb,
        'disk_gb': root_gb + ephemeral_gb,
        'root_gb': root_gb,
        'ephemeral_gb': ephemeral_gb,
        'vcpus': instance.vcpus,
        'host': instance.host,
        'node': instance.node,
        'availability_zone': instance.availability_zone,
        'cell_name': '',
        'created_at': _when(instance, 'created_at'),
        'terminated_at': _when(instance, 'terminated_at'),
        'deleted_at': _when(instance, 'deleted_at'),
        'launched_at': _when(instance, 'launched_at'),
        'image_ref_url': _image_url(instance.image_ref),
        'os_type': instance.os_type,
        'architecture': instance.architecture,
        'kernel_id': instance.kernel_id or '',
        'ramdisk_id': instance.ramdisk_id or '',
        'state': instance.vm_state,
        'state_description': instance.task_state or '',
        'progress': instance.progress if instance.progress is not None
        else '',
        'access_ip_v4': str(instance.access_ip_v4 or '') or None,
        'access_ip_v6': str(instance.access_ip_v6 or '') or None,
        'metadata': dict(instance.metadata or {})
        if 'metadata' in instance else {},
        'image_meta': image_meta,
        'fixed_ips': [],
    }


def notify_about_instance_usage(context, instance, event_suffix, host=None,
                                fault=None, extra_usage_info=None):
    """Send ``compute.instance.<event_suffix>`` from ``compute.<host>``.

    :param event_suffix: e.g. ``create.start``, ``delete.end``.
    :param fault: the exception of an ``.error`` event (priority ERROR).
    """
    if not legacy_notifications_enabled():
        return
    payload = info_from_instance(instance)
    if fault is not None:
        message = fault.format_message() \
            if hasattr(fault, 'format_message') else str(fault)
        payload['message'] = message
        payload['code'] = getattr(fault, 'kwargs', {}).get('code', 500)
    payload.update(extra_usage_info or {})
    notifier = rpc.NOTIFIER.prepare(
        publisher_id='compute.%s' % (host or CONF.host))
    event_type = 'compute.instance.%s' % event_suffix
    try:
        if fault is not None or event_suffix.endswith('.error'):
            notifier.error(context, event_type, payload)
        else:
            notifier.info(context, event_type, payload)
    except Exception:
        # NOTE: a notification is never worth failing the operation.
        LOG.exception('Failed to send %s for instance %s', event_type,
                      instance.uuid)
