"""ImageMeta and ImageMetaProps: a Glance image as the compute side sees it.

Glance gives free-form string properties; these objects give them types,
so the scheduler's ImagePropertiesFilter and the virt drivers can compare
``hw_architecture`` or read ``hw_disk_bus`` without parsing strings. Only
the properties nova_clone acts on are modelled; others are ignored.
"""

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_clone.objects import base
from nova_clone.objects import fields

# Older property names Glance images still carry, and their current names.
_LEGACY_NAMES = {
    'architecture': 'hw_architecture',
    'hypervisor_type': 'img_hv_type',
    'hypervisor_version_requires': 'img_hv_requested_version',
    'vm_mode': 'hw_vm_mode',
    'owner_specified.openstack.md5': None,
}


@base.NovaObjectRegistry.register
class ImageMetaProps(base.NovaObject):
    # Version 1.0: Initial version (the properties nova_clone acts on)
    VERSION = '1.0'

    fields = {
        'hw_architecture': fields.ArchitectureField(),
        'img_hv_type': fields.HVTypeField(),
        'img_hv_requested_version': fields.StringField(),
        'hw_vm_mode': fields.VMModeField(),
        'hw_machine_type': fields.StringField(),
        'hw_firmware_type': fields.StringField(),
        'hw_disk_bus': fields.StringField(),
        'hw_cdrom_bus': fields.StringField(),
        'hw_scsi_model': fields.StringField(),
        'hw_video_model': fields.StringField(),
        'hw_video_ram': fields.IntegerField(),
        'hw_vif_model': fields.StringField(),
        'hw_rng_model': fields.StringField(),
        'hw_qemu_guest_agent': fields.FlexibleBooleanField(),
        'hw_cpu_sockets': fields.IntegerField(),
        'hw_cpu_cores': fields.IntegerField(),
        'hw_cpu_threads': fields.IntegerField(),
        'hw_serial_port_count': fields.IntegerField(),
        'hw_boot_menu': fields.FlexibleBooleanField(),
        'hw_pointer_model': fields.StringField(),
        'hw_input_bus': fields.StringField(),
        'hw_rescue_bus': fields.StringField(),
        'hw_rescue_device': fields.StringField(),
        'img_config_drive': fields.StringField(),
        'img_hide_hypervisor_id': fields.FlexibleBooleanField(),
        'os_type': fields.StringField(),
        'os_distro': fields.StringField(),
        'os_require_quiesce': fields.FlexibleBooleanField(),
        'traits_required': fields.ListOfStringsField(),
    }

    @classmethod
    def from_dict(cls, image_props):
        """:returns: props from Glance's string properties.

        Unknown properties are dropped; ``trait:FOO=required`` properties
        become ``traits_required``; a value of the wrong type is dropped
        rather than failing the boot.
        """
        props = cls()
        traits = []
        for key, value in (image_props or {}).items():
            if key.startswith('trait:'):
                if str(value).lower() == 'required':
                    traits.append(key[len('trait:'):])
                continue
            name = _LEGACY_NAMES.get(key, key)
            if name not in cls.fields or value is None:
                continue
            try:
                setattr(props, name, value)
            except (ValueError, TypeError):
                continue
        if traits:
            props.traits_required = traits
        return props

    def get(self, name, default=None):
        """:returns: the property or ``default`` when unset."""
        if name in self.fields and self.obj_attr_is_set(name):
            return getattr(self, name)
        return default


@base.NovaObjectRegistry.register
class ImageMeta(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.UUIDField(),
        'name': fields.StringField(),
        'status': fields.StringField(),
        'visibility': fields.StringField(),
        'protected': fields.FlexibleBooleanField(),
        'checksum': fields.StringField(nullable=True),
        'owner': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'virtual_size': fields.IntegerField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'disk_format': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'tags': fields.ListOfStringsField(),
        'direct_url': fields.StringField(nullable=True),
        'min_ram': fields.IntegerField(),
        'min_disk': fields.IntegerField(),
        'properties': fields.ObjectField('ImageMetaProps'),
    }

    @classmethod
    def from_dict(cls, image_meta):
        """:returns: an ImageMeta from Glance's image dict.

        Glance v2 puts custom properties at the top level; nova's legacy
        dicts put them under ``properties``. Both are accepted.
        """
        image_meta = dict(image_meta or {})
        props = dict(image_meta.pop('properties', None) or {})
        image = cls()
        for key, value in image_meta.items():
            if key in cls.fields and key != 'properties':
                if value is None and not cls.fields[key].nullable:
                    continue
                if key in ('created_at', 'updated_at') and \
                        isinstance(value, str):
                    value = timeutils.parse_isotime(value)
                if key == 'protected' and isinstance(value, str):
                    value = strutils.bool_from_string(value)
                try:
                    setattr(image, key, value)
                except (ValueError, TypeError):
                    continue
            elif key not in cls.fields:
                props.setdefault(key, value)
        image.properties = ImageMetaProps.from_dict(props)
        return image

    @classmethod
    def from_instance(cls, instance):
        """:returns: the boot image recorded in ``system_metadata``."""
        sysmeta = instance.system_metadata or {}
        meta = {}
        props = {}
        for key, value in sysmeta.items():
            if not key.startswith('image_'):
                continue
            name = key[len('image_'):]
            if name in cls.fields and name != 'properties':
                meta[name] = value
            else:
                props[name] = value
        for key in ('min_ram', 'min_disk', 'size'):
            if key in meta:
                try:
                    meta[key] = int(meta[key])
                except (TypeError, ValueError):
                    del meta[key]
        meta['properties'] = props
        if instance.image_ref:
            meta.setdefault('id', instance.image_ref)
        return cls.from_dict(meta)
