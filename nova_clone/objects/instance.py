"""Instance(+List): a server and the rows that hang off it."""

import datetime

from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_versionedobjects import fields as ovo_fields

from nova_clone.db.main.api import instances as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

LOG = logging.getLogger(__name__)

# Fields not loaded unless asked for with ``expected_attrs``.
INSTANCE_OPTIONAL_ATTRS = ['metadata', 'system_metadata', 'info_cache',
                           'fault', 'tags', 'flavor', 'old_flavor',
                           'new_flavor', 'keypairs']
# What most callers want and ``get_by_uuid`` loads by default.
INSTANCE_DEFAULT_FIELDS = ['metadata', 'system_metadata', 'info_cache']

# Optional fields kept in instance_extra, and the column holding each.
_EXTRA_FIELDS = {'flavor': 'flavor', 'old_flavor': 'flavor',
                 'new_flavor': 'flavor', 'keypairs': 'keypairs'}
_FLAVOR_KEYS = {'flavor': 'cur', 'old_flavor': 'old', 'new_flavor': 'new'}

_BOOL_COLUMNS = ('locked', 'auto_disk_config', 'shutdown_terminate',
                 'disable_terminate', 'cleaned', 'hidden')


# NOTE: DB values of these field types are stored without going through
# the field's coerce() when they already have the coerced type: building an
# instance list spent most of its time in per-field setters.
_PLAIN_TYPES = {ovo_fields.String: str, ovo_fields.UUID: str,
                ovo_fields.Integer: int, ovo_fields.Boolean: bool}


def _direct_setter(field):
    """:returns: f(instance, name, value) -> True when stored as is."""
    if field.read_only:
        return None
    field_type = type(field._type)
    if field_type is ovo_fields.DateTime:
        aware = field._type.tzinfo_aware

        def store(instance, name, value):
            if value is None:
                if not field.nullable:
                    return False
            elif type(value) is datetime.datetime:
                if value.utcoffset() is None and aware:
                    value = value.replace(tzinfo=datetime.UTC)
                elif not aware:
                    value = value.replace(tzinfo=None)
            else:
                return False
            setattr(instance, '_obj_' + name, value)
            return True
        return store
    plain = _PLAIN_TYPES.get(field_type)
    if plain is None:
        return None

    def store(instance, name, value):
        if (value is None and not field.nullable) or (
                value is not None and type(value) is not plain):
            return False
        setattr(instance, '_obj_' + name, value)
        return True
    return store


def _expected_cols(expected_attrs):
    """:returns: DB ``columns_to_join`` for object ``expected_attrs``."""
    if not expected_attrs:
        return []
    columns = []
    for attr in expected_attrs:
        if attr in _EXTRA_FIELDS:
            column = 'extra.' + _EXTRA_FIELDS[attr]
        elif attr == 'fault':
            continue
        else:
            column = attr
        if column not in columns:
            columns.append(column)
    return columns


@base.NovaObjectRegistry.register
class Instance(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version (nova's core, metadata, info cache,
    #              fault, tags, flavor and keypair fields)
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
        'cell_name': fields.StringField(nullable=True),
        'metadata': fields.DictOfStringsField(),
        'system_metadata': fields.DictOfNullableStringsField(),
        'info_cache': fields.ObjectField('InstanceInfoCache',
                                         nullable=True),
        'fault': fields.ObjectField('InstanceFault', nullable=True),
        'cleaned': fields.BooleanField(default=False),
        'tags': fields.ObjectField('TagList'),
        'flavor': fields.ObjectField('Flavor'),
        'old_flavor': fields.ObjectField('Flavor', nullable=True),
        'new_flavor': fields.ObjectField('Flavor', nullable=True),
        'keypairs': fields.ObjectField('KeyPairList'),
        'hidden': fields.BooleanField(default=False),
    }

    obj_extra_fields = ['name']

    @property
    def name(self):
        """:returns: the guest name, from ``instance_name_template``."""
        from nova_clone.db.main import models
        template = models._instance_name_template()
        try:
            return template % self.id
        except TypeError:
            values = {key: getattr(self, key) for key in self.fields
                      if key not in INSTANCE_OPTIONAL_ATTRS
                      and self.obj_attr_is_set(key)}
            try:
                return template % values
            except (KeyError, TypeError, ValueError):
                return self.uuid

    @staticmethod
    def _from_db_object(context, instance, db_inst, expected_attrs=None):
        """Fill ``instance`` from a row loaded with ``expected_attrs``."""
        from nova_clone import objects
        expected_attrs = expected_attrs or []
        setters = Instance._column_setters()
        for field, store in setters:
            if field == 'deleted':
                instance.deleted = db_inst.deleted == db_inst.id
                continue
            value = getattr(db_inst, field)
            if field in _BOOL_COLUMNS:
                value = bool(value)
            elif field in ('access_ip_v4', 'access_ip_v6') and value:
                value = str(value)
            if store is None or not store(instance, field, value):
                setattr(instance, field, value)
        # NOTE: a list query reads the key/value rows of the whole page
        # itself (db.instances.preload_kv) instead of through the ORM.
        preloaded = getattr(db_inst, 'preloaded_kv', None) or {}
        for attr in ('metadata', 'system_metadata'):
            if attr not in expected_attrs:
                continue
            if attr in preloaded:
                setattr(instance, attr, preloaded[attr])
            else:
                setattr(instance, attr,
                        {m['key']: m['value'] for m in db_inst[attr]})
        if 'info_cache' in expected_attrs:
            if db_inst.info_cache is None:
                instance.info_cache = None
            else:
                instance.info_cache = (
                    objects.InstanceInfoCache._from_db_object(
                        context, objects.InstanceInfoCache(),
                        db_inst.info_cache))
        if 'tags' in expected_attrs:
            instance.tags = base.obj_make_list(
                context, objects.TagList(context), objects.Tag,
                db_inst.tags)
        if 'fault' in expected_attrs:
            instance.fault = objects.InstanceFault.get_latest_for_instance(
                context, instance.uuid)
        extra = db_inst.extra if any(
            a in _EXTRA_FIELDS for a in expected_attrs) else None
        for attr in ('flavor', 'old_flavor', 'new_flavor'):
            if attr in expected_attrs:
                instance._load_flavor_from_extra(extra, attr)
        if 'keypairs' in expected_attrs:
            instance._load_keypairs_from_extra(extra)
        instance._context = context
        instance.obj_reset_changes()
        return instance

    _setters = None

    @classmethod
    def _column_setters(cls):
        """:returns: [(field, direct setter or None)] of the columns."""
        if cls._setters is None:
            cls._setters = [
                (name, _direct_setter(field))
                for name, field in cls.fields.items()
                if name not in INSTANCE_OPTIONAL_ATTRS]
        return cls._setters

    def _load_flavor_from_extra(self, extra, attr):
        from nova_clone import objects
        blob = jsonutils.loads(extra.flavor) if extra and extra.flavor \
            else {}
        prim = blob.get(_FLAVOR_KEYS[attr])
        if prim is None:
            if attr == 'flavor':
                # An instance always has a flavor; a missing blob is data
                # loss, not "no flavor".
                raise exception.ObjectActionError(
                    action='obj_load_attr',
                    reason='instance %s has no flavor' % self.uuid)
            setattr(self, attr, None)
        else:
            setattr(self, attr, objects.Flavor.obj_from_primitive(prim))
        self.obj_reset_changes([attr])

    def _load_keypairs_from_extra(self, extra):
        from nova_clone import objects
        if extra and extra.keypairs:
            self.keypairs = objects.KeyPairList.obj_from_primitive(
                jsonutils.loads(extra.keypairs))
        else:
            self.keypairs = objects.KeyPairList(objects=[])
        self.obj_reset_changes(['keypairs'])

    def _flavor_blob(self):
        blob = {}
        for attr, key in _FLAVOR_KEYS.items():
            value = getattr(self, attr) if self.obj_attr_is_set(attr) \
                else None
            blob[key] = value.obj_to_primitive() if value else None
        return jsonutils.dumps(blob)

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid, expected_attrs=None,
                    use_slave=False):
        """:returns: instance ``uuid`` with ``expected_attrs`` loaded.

        :raises: InstanceNotFound
        """
        if expected_attrs is None:
            expected_attrs = list(INSTANCE_DEFAULT_FIELDS)
        db_inst = db.instance_get_by_uuid(
            context, uuid, columns_to_join=_expected_cols(expected_attrs))
        return cls._from_db_object(context, cls(), db_inst, expected_attrs)

    @base.remotable_classmethod
    def get_by_id(cls, context, inst_id, expected_attrs=None):
        """:returns: the instance with database id ``inst_id``.

        :raises: InstanceNotFound
        """
        if expected_attrs is None:
            expected_attrs = list(INSTANCE_DEFAULT_FIELDS)
        db_inst = db.instance_get(
            context, inst_id, columns_to_join=_expected_cols(expected_attrs))
        return cls._from_db_object(context, cls(), db_inst, expected_attrs)

    @base.remotable
    def create(self):
        """Insert this instance with its metadata, caches and extras.

        :raises: ObjectActionError if already created.
        """
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        if self.obj_attr_is_set('deleted') and self.deleted:
            raise exception.ObjectActionError(action='create',
                                              reason='already deleted')
        updates = self.obj_get_changes()
        updates.pop('fault', None)
        tags = updates.pop('tags', None)
        extra = {}
        if any(attr in updates for attr in _FLAVOR_KEYS):
            extra['flavor'] = self._flavor_blob()
        for attr in _FLAVOR_KEYS:
            updates.pop(attr, None)
        if 'keypairs' in updates:
            extra['keypairs'] = jsonutils.dumps(
                updates.pop('keypairs').obj_to_primitive())
        updates['extra'] = extra
        info_cache = updates.pop('info_cache', None)
        if info_cache is not None:
            updates['info_cache'] = {
                'network_info': fields.NetworkModel.to_primitive(
                    self, 'network_info', info_cache.network_info or [])}
        db_inst = db.instance_create(self._context, updates)
        expected = ['metadata', 'system_metadata', 'info_cache']
        expected += [attr for attr in ('flavor', 'old_flavor', 'new_flavor',
                                       'keypairs')
                     if self.obj_attr_is_set(attr)]
        # Keep the caller's flavor/keypair objects: they are what was
        # stored, and their change tracking should be reset, not replaced.
        kept = {attr: getattr(self, attr) for attr in expected[3:]}
        self._from_db_object(self._context, self, db_inst,
                             expected_attrs=expected[:3])
        for attr, value in kept.items():
            setattr(self, attr, value)
            if value is not None:
                value.obj_reset_changes(recursive=True)
        if tags:
            from nova_clone import objects
            self.tags = objects.TagList.create(self._context, self.uuid,
                                               [tag.tag for tag in tags])
        self.obj_reset_changes()

    @base.remotable
    def save(self, expected_vm_state=None, expected_task_state=None,
             admin_state_reset=False):
        """Write changed fields, optionally as a compare-and-swap.

        :param expected_vm_state: vm_state(s) the row must still have.
        :param expected_task_state: task_state(s) the row must still have
            (pass ``[None]`` to require "no task").
        :param admin_state_reset: unused; kept for nova's signature.
        :raises: UnexpectedTaskStateError, UnexpectedDeletingTaskStateError,
            UnexpectedVMStateError, InstanceNotFound
        """
        changes = self.obj_what_changed()
        updates = {}
        extra_updates = {}
        for field in changes:
            if field in ('fault', 'tags', 'id', 'uuid'):
                continue
            if field == 'info_cache':
                if self.info_cache is not None:
                    self.info_cache.save()
                continue
            if field in _FLAVOR_KEYS:
                extra_updates['flavor'] = self._flavor_blob()
                continue
            if field == 'keypairs':
                extra_updates['keypairs'] = jsonutils.dumps(
                    self.keypairs.obj_to_primitive())
                continue
            updates[field] = getattr(self, field)
        if expected_task_state is not None:
            updates['expected_task_state'] = expected_task_state
        if expected_vm_state is not None:
            updates['expected_vm_state'] = expected_vm_state
        if updates:
            # NOTE: the row as it was is not needed here; not reading it
            # saves a query per save (many per build, via the conductor).
            db_inst = db.instance_update(
                self._context, self.uuid, updates, columns_to_join=[])
            self._refresh_columns(db_inst)
        if extra_updates:
            db.instance_extra_update_by_uuid(self._context, self.uuid,
                                             extra_updates)
        self.obj_reset_changes(recursive=True)

    def _refresh_columns(self, db_inst):
        # Pick up DB-side values (updated_at) without touching loaded
        # optional fields.
        for field in self.fields:
            if field in INSTANCE_OPTIONAL_ATTRS or field == 'deleted':
                continue
            value = db_inst[field]
            if field in _BOOL_COLUMNS:
                value = bool(value)
            elif field in ('access_ip_v4', 'access_ip_v6') and value:
                value = str(value)
            setattr(self, field, value)

    @base.remotable
    def destroy(self, hard_delete=False):
        """Delete this instance (soft unless ``hard_delete``).

        Deletion is constrained to the host the object last saw, so an
        instance that moved meanwhile is not removed from under the move.

        :raises: ObjectActionError, InstanceNotFound
        """
        if not self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='destroy',
                                              reason='already destroyed')
        if not self.obj_attr_is_set('uuid'):
            raise exception.ObjectActionError(action='destroy',
                                              reason='no uuid')
        constraint = None
        if self.obj_attr_is_set('host') and self.host:
            constraint = {'host': [self.host]}
        db_inst = db.instance_destroy(self._context, self.uuid,
                                      constraint=constraint,
                                      hard_delete=hard_delete)
        self.deleted = True
        self.deleted_at = db_inst['deleted_at']
        self.updated_at = db_inst['updated_at']
        self.obj_reset_changes()

    @base.remotable
    def refresh(self, use_slave=False):
        """Reload every loaded field from the database."""
        loaded = [attr for attr in INSTANCE_OPTIONAL_ATTRS
                  if self.obj_attr_is_set(attr)]
        current = self.__class__.get_by_uuid(self._context, self.uuid,
                                             expected_attrs=loaded)
        for field in self.fields:
            if current.obj_attr_is_set(field):
                setattr(self, field, getattr(current, field))
        self.obj_reset_changes(recursive=True)

    def obj_load_attr(self, attrname):
        """Lazy-load an optional field from the database."""
        if attrname not in INSTANCE_OPTIONAL_ATTRS:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        if not self._context:
            raise exception.OrphanedObjectError(method='obj_load_attr',
                                                objtype=self.obj_name())
        LOG.debug('Lazy-loading %s on Instance uuid %s', attrname,
                  self.uuid)
        # NOTE: a compute host has no database: there the load must be a
        # remotable call that the conductor runs.
        if attrname in _EXTRA_FIELDS and self.indirection_api is None:
            extra = db.instance_extra_get_by_instance_uuid(
                self._context, self.uuid, columns=[_EXTRA_FIELDS[attrname]])
            if attrname == 'keypairs':
                self._load_keypairs_from_extra(extra)
            else:
                self._load_flavor_from_extra(extra, attrname)
            return
        current = self.__class__.get_by_uuid(self._context, self.uuid,
                                             expected_attrs=[attrname])
        setattr(self, attrname, getattr(current, attrname))
        self.obj_reset_changes([attrname])

    def get_flavor(self, namespace=None):
        """:returns: ``flavor``, ``old_flavor`` or ``new_flavor``.

        :param namespace: None, 'old' or 'new'.
        """
        return getattr(self, '%s_flavor' % namespace if namespace
                       else 'flavor')


def _make_instance_list(context, inst_list, db_inst_list, expected_attrs):
    from nova_clone import objects
    # Faults are fetched in one query for the whole page.
    want_fault = 'fault' in (expected_attrs or [])
    attrs = [a for a in (expected_attrs or []) if a != 'fault']
    inst_list.objects = [
        Instance._from_db_object(context, Instance(), db_inst, attrs)
        for db_inst in db_inst_list]
    if want_fault:
        faults = objects.InstanceFaultList.get_latest_by_instance_uuids(
            context, [inst.uuid for inst in inst_list.objects])
        by_uuid = {fault.instance_uuid: fault for fault in faults}
        for inst in inst_list.objects:
            inst.fault = by_uuid.get(inst.uuid)
            inst.obj_reset_changes(['fault'])
    inst_list._context = context
    inst_list.obj_reset_changes()
    return inst_list


@base.NovaObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Instance'),
    }

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, sort_key='created_at',
                       sort_dir='desc', limit=None, marker=None,
                       expected_attrs=None, use_slave=False, sort_keys=None,
                       sort_dirs=None, marker_values=None):
        """:returns: instances matching nova's server-list ``filters``.

        :param marker: uuid of the last instance of the previous page.
        :raises: MarkerNotFound, InvalidSortKey
        """
        if sort_keys is None:
            sort_keys, sort_dirs = [sort_key], [sort_dir]
        db_insts = db.instance_get_all_by_filters_sort(
            context, filters, limit=limit, marker=marker,
            columns_to_join=_expected_cols(expected_attrs),
            sort_keys=sort_keys, sort_dirs=sort_dirs,
            marker_values=marker_values)
        return _make_instance_list(context, cls(), db_insts, expected_attrs)

    @base.remotable_classmethod
    def get_active_by_window_joined(cls, context, begin, end=None,
                                    project_id=None, host=None,
                                    expected_attrs=None, limit=None,
                                    marker=None):
        """:returns: instances that ran between ``begin`` and ``end``."""
        db_insts = db.instance_get_active_by_window_joined(
            context, begin, end, project_id=project_id, host=host,
            columns_to_join=_expected_cols(expected_attrs), limit=limit,
            marker=marker)
        return _make_instance_list(context, cls(), db_insts, expected_attrs)

    @base.remotable_classmethod
    def get_by_host(cls, context, host, expected_attrs=None,
                    use_slave=False):
        """:returns: the instances on ``host``."""
        db_insts = db.instance_get_all_by_host(
            context, host, columns_to_join=_expected_cols(expected_attrs))
        return _make_instance_list(context, cls(), db_insts, expected_attrs)

    @base.remotable_classmethod
    def get_by_host_and_node(cls, context, host, node, expected_attrs=None):
        """:returns: the instances on ``node`` of ``host``."""
        db_insts = db.instance_get_all_by_host_and_node(
            context, host, node,
            columns_to_join=_expected_cols(expected_attrs))
        return _make_instance_list(context, cls(), db_insts, expected_attrs)

    @base.remotable_classmethod
    def get_uuids_by_host(cls, context, host):
        """:returns: the uuids of the instances on ``host``."""
        return [inst.uuid for inst in
                db.instance_get_all_by_host(context, host,
                                            columns_to_join=[])]

    def fill_faults(self):
        """Load the newest fault of each instance in this list.

        :returns: the uuids that have a fault.
        """
        from nova_clone import objects
        faults = objects.InstanceFaultList.get_latest_by_instance_uuids(
            self._context, [inst.uuid for inst in self])
        by_uuid = {fault.instance_uuid: fault for fault in faults}
        for inst in self:
            inst.fault = by_uuid.get(inst.uuid)
            inst.obj_reset_changes(['fault'])
        return list(by_uuid)
