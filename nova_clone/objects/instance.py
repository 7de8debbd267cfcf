"""Instance: a server, with its metadata, flavor, info cache, fault and tags."""

from oslo_serialization import jsonutils

from nova_clone.db.main.api import instances as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields
from nova_clone.objects import flavor as flavor_obj
from nova_clone.objects import instance_fault

# NOTE: what ``expected_attrs`` may ask for beyond the instances columns.
INSTANCE_OPTIONAL_ATTRS = ('metadata', 'system_metadata', 'info_cache',
                           'fault', 'tags', 'flavor', 'old_flavor',
                           'new_flavor', 'trusted_certs')
INSTANCE_DEFAULT_FIELDS = ('metadata', 'system_metadata', 'info_cache')

_COLUMNS_FOR_ATTR = {
    'metadata': 'metadata', 'system_metadata': 'system_metadata',
    'info_cache': 'info_cache', 'tags': 'tags', 'flavor': 'extra',
    'old_flavor': 'extra', 'new_flavor': 'extra', 'trusted_certs': 'extra',
}


def expected_cols(expected_attrs):
    """:returns: the DB relationships needed for ``expected_attrs``."""
    return sorted({_COLUMNS_FOR_ATTR[a] for a in expected_attrs or ()
                   if a in _COLUMNS_FOR_ATTR})


@base.NovaObjectRegistry.register
class Instance(base.NovaPersistentObject, base.NovaObject):
    """A row of ``instances`` and the companions asked for."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'image_ref': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'key_data': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(nullable=True),
        'vm_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'ephemeral_key_uuid': fields.UUIDField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'compute_id': fields.IntegerField(nullable=True),
        'instance_type_id': fields.IntegerField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'launched_on': fields.StringField(nullable=True),
        'locked': fields.BooleanField(default=False),
        'locked_by': fields.StringField(nullable=True),
        'os_type': fields.StringField(nullable=True),
        'architecture': fields.StringField(nullable=True),
        'vm_mode': fields.StringField(nullable=True),
        'uuid': fields.UUIDField(),
        'root_device_name': fields.StringField(nullable=True),
        'default_ephemeral_device': fields.StringField(nullable=True),
        'default_swap_device': fields.StringField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'access_ip_v4': fields.IPV4AddressField(nullable=True),
        'access_ip_v6': fields.IPV6AddressField(nullable=True),
        'auto_disk_config': fields.BooleanField(default=False),
        'progress': fields.IntegerField(nullable=True),
        'shutdown_terminate': fields.BooleanField(default=False),
        'disable_terminate': fields.BooleanField(default=False),
        'cleaned': fields.BooleanField(default=False),
        'hidden': fields.BooleanField(default=False),
        'metadata': fields.DictOfStringsField(),
        'system_metadata': fields.DictOfNullableStringsField(),
        'info_cache': fields.ObjectField('InstanceInfoCache', nullable=True),
        'fault': fields.ObjectField('InstanceFault', nullable=True),
        'tags': fields.ObjectField('TagList'),
        'flavor': fields.ObjectField('Flavor'),
        'old_flavor': fields.ObjectField('Flavor', nullable=True),
        'new_flavor': fields.ObjectField('Flavor', nullable=True),
    }

    obj_extra_fields = ['name']

    _BOOL_COLUMNS = ('locked', 'auto_disk_config', 'shutdown_terminate',
                     'disable_terminate', 'cleaned', 'hidden')

    @property
    def name(self):
        """:returns: the hypervisor-side name (``instance-%08x``)."""
        try:
            from nova_clone.conf import CONF  # noqa: N311 (avoid a cycle)
            template = CONF.instance_name_template
        except Exception:  # noqa: BLE001 - option not registered
            template = 'instance-%08x'
        try:
            return template % self.id
        except TypeError:
            return template % {'uuid': self.uuid, 'id': self.id}

    @staticmethod
    def _from_db_object(context, instance, db_inst, expected_attrs=None):
        expected_attrs = expected_attrs or []
        for name, field in instance.fields.items():
            if name in INSTANCE_OPTIONAL_ATTRS:
                continue
            value = db_inst[name]
            if name == 'deleted':
                value = value == db_inst.id
            elif name in Instance._BOOL_COLUMNS:
                value = bool(value)
            elif name in ('access_ip_v4', 'access_ip_v6') and value:
                value = str(value)
            setattr(instance, name, value)
        if 'metadata' in expected_attrs:
            instance.metadata = {m.key: m.value for m in db_inst.metadata
                                 if not m.deleted}
        if 'system_metadata' in expected_attrs:
            instance.system_metadata = {
                m.key: m.value for m in db_inst.system_metadata
                if not m.deleted}
        if 'info_cache' in expected_attrs:
            cache = db_inst.info_cache
            instance.info_cache = (
                instance_fault.InstanceInfoCache._from_db_object(
                    context, instance_fault.InstanceInfoCache(), cache)
                if cache is not None else None)
        if 'tags' in expected_attrs:
            instance.tags = base.obj_make_list(
                context, instance_fault.TagList(), instance_fault.Tag,
                db_inst.tags)
        if any(a in expected_attrs for a in ('flavor', 'old_flavor',
                                             'new_flavor')):
            instance._flavors_from_extra(db_inst.extra)
        if 'fault' in expected_attrs:
            instance.fault = instance_fault.InstanceFault \
                .get_latest_for_instance(context, instance.uuid)
        instance._context = context
        instance.obj_reset_changes()
        return instance

    def _flavors_from_extra(self, extra):
        blob = (jsonutils.loads(extra.flavor)
                if extra is not None and extra.flavor else {})
        for key, attr in (('cur', 'flavor'), ('old', 'old_flavor'),
                          ('new', 'new_flavor')):
            prim = blob.get(key)
            value = (flavor_obj.Flavor.obj_from_primitive(prim)
                     if prim else None)
            if attr == 'flavor' and value is None:
                continue
            setattr(self, attr, value)

    def _flavor_blob(self):
        def prim(attr):
            if not self.obj_attr_is_set(attr):
                return None
            value = getattr(self, attr)
            return value.obj_to_primitive() if value is not None else None
        return jsonutils.dumps({'cur': prim('flavor'),
                                'old': prim('old_flavor'),
                                'new': prim('new_flavor')})

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid, expected_attrs=None):
        """:raises InstanceNotFound:"""
        expected_attrs = (INSTANCE_DEFAULT_FIELDS if expected_attrs is None
                          else expected_attrs)
        db_inst = db.instance_get_by_uuid(
            context, uuid, columns_to_join=expected_cols(expected_attrs))
        return cls._from_db_object(context, cls(), db_inst, expected_attrs)

    def _db_values(self, changes):
        values = {}
        for key, value in changes.items():
            if key in ('metadata', 'system_metadata'):
                values[key] = dict(value)
            elif key in ('flavor', 'old_flavor', 'new_flavor'):
                values.setdefault('extra', {})['flavor'] = self._flavor_blob()
            elif key == 'info_cache':
                values['info_cache'] = (value.network_info
                                        if value is not None else None)
            elif key in ('fault', 'tags'):
                continue
            elif key in ('access_ip_v4', 'access_ip_v6') and value:
                values[key] = str(value)
            else:
                values[key] = value
        return values

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        changes = self.obj_get_changes()
        values = self._db_values(changes)
        if 'flavor' in changes:
            values['instance_type_id'] = self.flavor.id
        db_inst = db.instance_create(self._context, values)
        if 'tags' in changes and self.tags:
            db.instance_tag_set(self._context, db_inst.uuid,
                                [t.tag for t in self.tags])
        expected = ['metadata', 'system_metadata', 'info_cache']
        self._from_db_object(self._context, self, db_inst, expected)

    @base.remotable
    def save(self, expected_vm_state=None, expected_task_state=None):
        """Write changed fields, compare-and-swap on the given states.

        :param expected_task_state: allowed current task_state value(s).
        :param expected_vm_state: allowed current vm_state value(s).
        :raises UnexpectedTaskStateError: when another operation moved the
            instance on since it was read.
        """
        changes = self.obj_get_changes()
        changes.pop('id', None)
        changes.pop('uuid', None)
        expected = {}
        if expected_task_state is not None:
            expected['task_state'] = expected_task_state
        if expected_vm_state is not None:
            expected['vm_state'] = expected_vm_state
        if not changes and not expected:
            return
        values = self._db_values(changes)
        db_inst = db.instance_update(self._context, self.uuid, values,
                                     expected=expected)
        for name in ('updated_at', 'task_state', 'vm_state'):
            setattr(self, name, db_inst[name])
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        """Soft-delete the instance; the object shows ``deleted``."""
        if not self.obj_attr_is_set('uuid'):
            raise exception.ObjectActionError(action='destroy',
                                              reason='no uuid')
        db_inst = db.instance_destroy(self._context, self.uuid)
        self.deleted = True
        self.deleted_at = db_inst.deleted_at
        self.obj_reset_changes()

    def obj_load_attr(self, attrname):
        if attrname not in INSTANCE_OPTIONAL_ATTRS:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        if not getattr(self, '_context', None):
            raise exception.OrphanedObjectError(method='obj_load_attr',
                                                objtype=self.obj_name())
        fresh = self.__class__.get_by_uuid(self._context, self.uuid,
                                           expected_attrs=[attrname])
        if attrname in fresh:
            setattr(self, attrname, getattr(fresh, attrname))
        elif attrname == 'tags':
            self.tags = instance_fault.TagList(objects=[])
        else:
            setattr(self, attrname, None)
        self.obj_reset_changes([attrname])


@base.NovaObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaObject):
    """A list of Instances."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Instance')}

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, sort_key='created_at',
                       sort_dir='desc', limit=None, marker=None,
                       expected_attrs=None):
        rows = db.instance_get_all_by_filters(
            context, filters, sort_key=sort_key, sort_dir=sort_dir,
            limit=limit, columns_to_join=expected_cols(expected_attrs))
        return base.obj_make_list(context, cls(), Instance, rows,
                                  expected_attrs=expected_attrs)

    @base.remotable_classmethod
    def get_by_host(cls, context, host, expected_attrs=None):
        return cls.get_by_filters(context, {'host': host},
                                  expected_attrs=expected_attrs)
