"""BlockDeviceMapping(+List): how volumes and local disks attach."""

from nova_clone.db.main.api import bdm as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

_BDM_OPTIONAL_JOINED_FIELD = ['instance']


@base.NovaObjectRegistry.register
class BlockDeviceMapping(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'instance_uuid': fields.UUIDField(),
        'instance': fields.ObjectField('Instance'),
        'source_type': fields.BlockDeviceSourceTypeField(nullable=True),
        'destination_type': fields.BlockDeviceDestinationTypeField(
            nullable=True),
        'guest_format': fields.StringField(nullable=True),
        'device_type': fields.BlockDeviceTypeField(nullable=True),
        'disk_bus': fields.StringField(nullable=True),
        'boot_index': fields.IntegerField(nullable=True),
        'device_name': fields.StringField(nullable=True),
        'delete_on_termination': fields.BooleanField(default=False),
        'snapshot_id': fields.StringField(nullable=True),
        'volume_id': fields.StringField(nullable=True),
        'volume_type': fields.StringField(nullable=True),
        'volume_size': fields.IntegerField(nullable=True),
        'image_id': fields.StringField(nullable=True),
        'no_device': fields.BooleanField(default=False),
        'connection_info': fields.SensitiveStringField(nullable=True),
        'tag': fields.StringField(nullable=True),
        'attachment_id': fields.UUIDField(nullable=True),
        'encrypted': fields.BooleanField(default=False),
        'encryption_secret_uuid': fields.UUIDField(nullable=True),
        'encryption_format': fields.BlockDeviceEncryptionFormatTypeField(
            nullable=True),
        'encryption_options': fields.StringField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, block_device_obj, db_block_device):
        for key in block_device_obj.fields:
            if key in _BDM_OPTIONAL_JOINED_FIELD:
                continue
            value = db_block_device[key]
            if key in ('delete_on_termination', 'no_device', 'encrypted',
                       'deleted'):
                value = bool(value)
            setattr(block_device_obj, key, value)
        block_device_obj._context = context
        block_device_obj.obj_reset_changes()
        return block_device_obj

    def _db_updates(self):
        updates = self.obj_get_changes()
        updates.pop('instance', None)
        updates.pop('id', None)
        return updates

    @base.remotable
    def create(self):
        """Store this mapping.  :raises: ObjectActionError"""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        if 'instance' in self.obj_what_changed():
            raise exception.ObjectActionError(action='create',
                                              reason='instance assigned')
        self._from_db_object(self._context, self,
                             db.block_device_mapping_create(
                                 self._context, self._db_updates()))

    @base.remotable
    def update_or_create(self):
        """Update the instance's mapping of this volume/device, or add it."""
        self._from_db_object(self._context, self,
                             db.block_device_mapping_update_or_create(
                                 self._context, self._db_updates()))

    @base.remotable
    def save(self):
        """Write changed fields."""
        updates = self._db_updates()
        if not updates:
            return
        self._from_db_object(self._context, self,
                             db.block_device_mapping_update(
                                 self._context, self.id, updates))

    @base.remotable
    def destroy(self):
        """Soft-delete this mapping.  :raises: ObjectActionError"""
        if not self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='destroy',
                                              reason='already destroyed')
        db.block_device_mapping_destroy(self._context, self.id)
        # Unset id so a second destroy() is refused, as nova does.
        self.obj_reset_changes()
        delattr(self, '_obj_id')

    @base.remotable_classmethod
    def get_by_volume_id(cls, context, volume_id, instance_uuid=None,
                         expected_attrs=None):
        """:returns: the mapping of ``volume_id``.

        :raises: VolumeBDMNotFound, VolumeBDMIsMultiAttach (several
            attachments and no ``instance_uuid`` to choose one)
        """
        if instance_uuid:
            return cls.get_by_volume_and_instance(context, volume_id,
                                                  instance_uuid)
        rows = db.block_device_mapping_get_all_by_volume_id(context,
                                                            volume_id)
        if not rows:
            raise exception.VolumeBDMNotFound(volume_id=volume_id)
        if len(rows) > 1:
            raise exception.VolumeBDMIsMultiAttach(volume_id=volume_id)
        return cls._from_db_object(context, cls(), rows[0])

    @base.remotable_classmethod
    def get_by_volume_and_instance(cls, context, volume_id, instance_uuid,
                                   expected_attrs=None):
        """:returns: the mapping of ``volume_id`` on ``instance_uuid``.

        :raises: VolumeBDMNotFound
        """
        return cls._from_db_object(
            context, cls(), db.block_device_mapping_get_by_volume_and_instance(
                context, volume_id, instance_uuid))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        """:returns: mapping ``uuid``.  :raises: BDMNotFound"""
        return cls._from_db_object(
            context, cls(), db.block_device_mapping_get_by_uuid(context,
                                                                uuid))

    def obj_load_attr(self, attrname):
        """Lazy-load ``instance``."""
        if attrname != 'instance':
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        from nova_clone import objects
        self.instance = objects.Instance.get_by_uuid(self._context,
                                                     self.instance_uuid)
        self.obj_reset_changes(['instance'])

    @property
    def is_root(self):
        """:returns: True for the boot device."""
        return self.boot_index == 0

    @property
    def is_volume(self):
        """:returns: True when the device is a volume."""
        return self.destination_type == 'volume'

    @property
    def is_image(self):
        """:returns: True when the device is built from an image."""
        return self.source_type == 'image'


@base.NovaObjectRegistry.register
class BlockDeviceMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('BlockDeviceMapping'),
    }

    @property
    def instance_uuids(self):
        """:returns: the distinct instance uuids in this list."""
        return {bdm.instance_uuid for bdm in self}

    @classmethod
    def bdms_by_instance_uuid(cls, context, instance_uuids):
        """:returns: ``{instance_uuid: BlockDeviceMappingList}``."""
        result = {}
        for bdm in cls.get_by_instance_uuids(context, instance_uuids):
            result.setdefault(bdm.instance_uuid,
                              cls(context, objects=[])).objects.append(bdm)
        return result

    @base.remotable_classmethod
    def get_by_instance_uuids(cls, context, instance_uuids):
        """:returns: the mappings of all ``instance_uuids``."""
        return base.obj_make_list(
            context, cls(), BlockDeviceMapping,
            db.block_device_mapping_get_all_by_instance_uuids(
                context, list(instance_uuids)))

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid, use_slave=False):
        """:returns: the mappings of ``instance_uuid``."""
        return cls.get_by_instance_uuids(context, [instance_uuid])

    def root_bdm(self):
        """:returns: the boot-index-0 mapping, or None."""
        for bdm in self:
            if bdm.is_root:
                return bdm
        return None
