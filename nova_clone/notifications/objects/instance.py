"""Instance payloads and the instance.* notifications (create, delete...).

Field names, versions and SCHEMA follow nova's versioned notifications
(doc: reference/notifications, the ``InstanceActionPayload`` and
``InstanceCreatePayload`` samples).
"""

from nova_clone import conf as nova_conf
from nova_clone.notifications.objects import base
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone.notifications.objects import flavor as flavor_payload
from nova_clone.notifications.objects import keypair as keypair_payload
from nova_clone import objects
from nova_clone.objects import fields

CONF = nova_conf.CONF


def _loaded(instance, attr, default=None):
    """:returns: ``instance.attr`` if loaded, else ``default`` (no DB)."""
    if instance.obj_attr_is_set(attr):
        return getattr(instance, attr)
    return default


@base.register_notification
class InstancePayload(base.NotificationPayloadBase):
    SCHEMA = {
        'uuid': ('instance', 'uuid'),
        'user_id': ('instance', 'user_id'),
        'tenant_id': ('instance', 'project_id'),
        'reservation_id': ('instance', 'reservation_id'),
        'display_name': ('instance', 'display_name'),
        'display_description': ('instance', 'display_description'),
        'host_name': ('instance', 'hostname'),
        'host': ('instance', 'host'),
        'node': ('instance', 'node'),
        'os_type': ('instance', 'os_type'),
        'architecture': ('instance', 'architecture'),
        'availability_zone': ('instance', 'availability_zone'),
        'image_uuid': ('instance', 'image_ref'),
        'key_name': ('instance', 'key_name'),
        'kernel_id': ('instance', 'kernel_id'),
        'ramdisk_id': ('instance', 'ramdisk_id'),
        'created_at': ('instance', 'created_at'),
        'launched_at': ('instance', 'launched_at'),
        'terminated_at': ('instance', 'terminated_at'),
        'deleted_at': ('instance', 'deleted_at'),
        'updated_at': ('instance', 'updated_at'),
        'state': ('instance', 'vm_state'),
        'power_state': ('instance', 'power_state'),
        'task_state': ('instance', 'task_state'),
        'progress': ('instance', 'progress'),
        'metadata': ('instance', 'metadata'),
        'locked': ('instance', 'locked'),
        'auto_disk_config': ('instance', 'auto_disk_config'),
    }
    # Version 1.0 to 1.7: nova's history (locked, display_description,
    #                     auto_disk_config, key_name, block_devices,
    #                     updated_at, request_id, action initiator)
    # Version 1.8: Add locked_reason field
    VERSION = '1.8'

    fields = {
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'tenant_id': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'host_name': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'os_type': fields.StringField(nullable=True),
        'architecture': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('FlavorPayload'),
        'image_uuid': fields.StringField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'state': notif_fields.InstanceStateField(nullable=True),
        'power_state': notif_fields.InstancePowerStateField(nullable=True),
        'task_state': notif_fields.InstanceTaskStateField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        'ip_addresses': fields.ListOfObjectsField('IpPayload'),
        'block_devices': fields.ListOfObjectsField('BlockDevicePayload',
                                                   nullable=True),
        'metadata': fields.DictOfStringsField(),
        'locked': fields.BooleanField(),
        'auto_disk_config': notif_fields.DiskConfigField(),
        'request_id': fields.StringField(nullable=True),
        'action_initiator_user': fields.StringField(nullable=True),
        'action_initiator_project': fields.StringField(nullable=True),
        'locked_reason': fields.StringField(nullable=True),
    }

    def __init__(self, context, instance, bdms=None):
        super().__init__()
        info_cache = _loaded(instance, 'info_cache')
        network_info = (info_cache.network_info
                        if info_cache is not None and
                        info_cache.obj_attr_is_set('network_info')
                        else None)
        self.ip_addresses = IpPayload.from_network_info(network_info or [])
        self.flavor = flavor_payload.FlavorPayload(flavor=instance.flavor)
        if bdms is not None:
            self.block_devices = BlockDevicePayload.from_bdms(bdms)
        else:
            self.block_devices = BlockDevicePayload.from_instance(instance)
        # NOTE: periodic tasks run with a context that has no user or
        # project; their request id means nothing to anyone.
        self.request_id = (context.request_id
                           if context.project_id and context.user_id
                           else None)
        self.action_initiator_user = context.user_id
        self.action_initiator_project = context.project_id
        sysmeta = _loaded(instance, 'system_metadata') or {}
        self.locked_reason = sysmeta.get('locked_reason')
        self.populate_schema(instance=instance)


@base.register_notification
class InstanceActionPayload(InstancePayload):
    # Version 1.0 to 1.7: follows InstancePayload
    # Version 1.8: Added locked_reason field to InstancePayload
    VERSION = '1.8'

    fields = {
        'fault': fields.ObjectField('ExceptionPayload', nullable=True),
        'request_id': fields.StringField(nullable=True),
    }

    def __init__(self, context, instance, fault, bdms=None):
        super().__init__(context=context, instance=instance, bdms=bdms)
        self.fault = fault


@base.register_notification
class InstanceCreatePayload(InstanceActionPayload):
    # Version 1.2: Initial version (matching InstanceActionPayload then)
    # Version 1.3 to 1.11: nova's history (keypairs, key_name, BDMs, tags,
    #                      updated_at, request_id, trusted certs, action
    #                      initiator, instance_name)
    # Version 1.12: Added locked_reason field to InstancePayload
    VERSION = '1.12'

    fields = {
        'keypairs': fields.ListOfObjectsField('KeypairPayload'),
        'tags': fields.ListOfStringsField(),
        'trusted_image_certificates': fields.ListOfStringsField(
            nullable=True),
        'instance_name': fields.StringField(nullable=True),
    }

    def __init__(self, context, instance, fault, bdms):
        super().__init__(context=context, instance=instance, fault=fault,
                         bdms=bdms)
        keypairs = _loaded(instance, 'keypairs')
        self.keypairs = [keypair_payload.KeypairPayload(keypair=kp)
                         for kp in (keypairs or [])]
        tags = _loaded(instance, 'tags')
        self.tags = [tag.tag for tag in (tags or [])]
        # NOTE: nova_clone instances carry no trusted certificates yet.
        self.trusted_image_certificates = None
        self.instance_name = instance.name


@base.register_notification
class IpPayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'label': fields.StringField(),
        'mac': fields.StringField(),
        'meta': fields.DictOfStringsField(),
        'port_uuid': fields.UUIDField(nullable=True),
        'version': fields.IntegerField(),
        'address': fields.IPAddressField(),
        'device_name': fields.StringField(nullable=True),
    }

    def __init__(self, label, mac, meta, port_uuid, version, address,
                 device_name):
        super().__init__()
        self.label = label
        self.mac = mac
        self.meta = meta
        self.port_uuid = port_uuid
        self.version = version
        self.address = address
        self.device_name = device_name

    @classmethod
    def from_network_info(cls, network_info):
        """:returns: one payload per fixed IP of each VIF.

        :param network_info: nova's network model (a list of VIF dicts).
        """
        payloads = []
        for vif in network_info:
            network = vif.get('network') or {}
            for subnet in network.get('subnets') or []:
                for ip in subnet.get('ips') or []:
                    if ip.get('type', 'fixed') != 'fixed':
                        continue
                    payloads.append(cls(
                        label=network.get('label') or '',
                        mac=vif.get('address') or '',
                        meta={k: str(v) for k, v in
                              (vif.get('meta') or {}).items()},
                        port_uuid=vif.get('id'),
                        version=ip.get('version') or subnet.get(
                            'version') or 4,
                        address=ip['address'],
                        device_name=vif.get('devname')))
        return payloads


@base.register_notification
class BlockDevicePayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    SCHEMA = {
        'device_name': ('bdm', 'device_name'),
        'boot_index': ('bdm', 'boot_index'),
        'delete_on_termination': ('bdm', 'delete_on_termination'),
        'volume_id': ('bdm', 'volume_id'),
        'tag': ('bdm', 'tag'),
    }

    fields = {
        'device_name': fields.StringField(nullable=True),
        'boot_index': fields.IntegerField(nullable=True),
        'delete_on_termination': fields.BooleanField(default=False),
        'volume_id': fields.UUIDField(),
        'tag': fields.StringField(nullable=True),
    }

    def __init__(self, bdm):
        super().__init__()
        self.populate_schema(bdm=bdm)

    @classmethod
    def from_instance(cls, instance):
        """:returns: volume payloads of ``instance`` (None when disabled).

        Costs a query through the conductor, hence
        ``[notifications] bdms_in_notifications``.
        """
        if not CONF.notifications.bdms_in_notifications:
            return None
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            instance._context, instance.uuid)
        return cls.from_bdms(bdms)

    @classmethod
    def from_bdms(cls, bdms):
        """:returns: payloads of the volume BDMs (None when disabled)."""
        if not CONF.notifications.bdms_in_notifications:
            return None
        return [cls(bdm) for bdm in bdms if bdm.is_volume]


@base.register_notification
class InstanceActionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': fields.ObjectField('InstanceActionPayload'),
    }


@base.register_notification
class InstanceCreateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': fields.ObjectField('InstanceCreatePayload'),
    }
