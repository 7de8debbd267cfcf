"""Versioned-object base classes, registry and the RPC serializer.

nova_clone's objects start at 1.0 with a clean history. Their wire
namespace is ``nova`` so payloads look like nova's. A compute host sets
``NovaObject.indirection_api`` to the conductor's, so every remotable
method it calls runs in nova-conductor instead of touching a database.
"""

import contextlib

from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import exception as ovo_exc

from nova_clone.objects import fields as obj_fields

remotable = ovo_base.remotable
NovaComparableObject = ovo_base.ComparableVersionedObject


def remotable_classmethod(fn):
    """Nova's spelling of ``@classmethod`` over ``@remotable``.

    oslo deprecated its own helper in favour of stacking the two
    decorators; this does exactly that, so call sites keep one line.
    """
    return classmethod(ovo_base.remotable(fn))


def obj_make_list(context, list_obj, item_cls, db_list, **extra_args):
    """Fill ``list_obj`` with ``item_cls`` objects built from DB rows.

    :param item_cls: the object class; its ``_from_db_object`` is called.
    :param db_list: rows (or dicts).
    :param extra_args: passed on to ``_from_db_object``.
    :returns: ``list_obj``.
    """
    list_obj.objects = [
        item_cls._from_db_object(context, item_cls(context), db_item,
                                 **extra_args)
        for db_item in db_list]
    list_obj._context = context
    list_obj.obj_reset_changes()
    return list_obj


class NovaObjectRegistry(ovo_base.VersionedObjectRegistry):
    """Registry that also puts each newest class on ``nova_clone.objects``."""

    notification_classes = []

    def registration_hook(self, cls, index):
        # NOTE: keep the newest version as the module attribute so callers
        # write objects.Instance regardless of how many versions exist.
        from nova_clone import objects
        version = versionutils.convert_version_to_tuple(cls.VERSION)
        current = getattr(objects, cls.obj_name(), None)
        if current is None:
            setattr(objects, cls.obj_name(), cls)
        else:
            cur_version = versionutils.convert_version_to_tuple(
                current.VERSION)
            if version >= cur_version:
                setattr(objects, cls.obj_name(), cls)


class NovaObject(ovo_base.VersionedObject):
    """Base of every nova_clone object."""

    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova'

    def obj_reset_changes(self, fields=None, recursive=False):
        """Reset changes, optionally in child objects too."""
        super().obj_reset_changes(fields, recursive=recursive)

    @contextlib.contextmanager
    def obj_alternate_context(self, context):
        """Run this object's remotable calls under ``context`` meanwhile.

        :param context: the RequestContext to use inside the block.
        """
        original = self._context
        self._context = context
        try:
            yield
        finally:
            self._context = original

    @contextlib.contextmanager
    def obj_as_admin(self):
        """Run this object's remotable calls with an elevated context."""
        if self._context is None:
            raise ovo_exc.OrphanedObjectError(method='obj_as_admin',
                                              objtype=self.obj_name())
        with self.obj_alternate_context(self._context.elevated()):
            yield

    @staticmethod
    def _from_db_fields(obj, db_obj, field_names):
        for name in field_names:
            setattr(obj, name, db_obj[name])


class NovaPersistentObject:
    """Mixin: the timestamp and soft-delete columns of a cell-DB row."""

    fields = {
        'created_at': obj_fields.DateTimeField(nullable=True),
        'updated_at': obj_fields.DateTimeField(nullable=True),
        'deleted_at': obj_fields.DateTimeField(nullable=True),
        'deleted': obj_fields.BooleanField(default=False),
    }


class NovaTimestampObject:
    """Mixin: created_at/updated_at only (API-DB rows never soft-delete)."""

    fields = {
        'created_at': obj_fields.DateTimeField(nullable=True),
        'updated_at': obj_fields.DateTimeField(nullable=True),
    }


class ObjectListBase(ovo_base.ObjectListBase):
    """Base of ``<Object>List`` classes."""

    @classmethod
    def _obj_primitive_key(cls, field):
        return 'nova_object.%s' % field

    @classmethod
    def _obj_primitive_field(cls, primitive, field,
                             default=obj_fields.UnspecifiedDefault):
        key = cls._obj_primitive_key(field)
        if default == obj_fields.UnspecifiedDefault:
            return primitive[key]
        return primitive.get(key, default)


class NovaObjectDictCompat(ovo_base.VersionedObjectDictCompat):
    """Dict-style access (``obj['field']``) where nova code expects it."""


class NovaObjectSerializer(ovo_base.VersionedObjectSerializer):
    """RPC serializer that knows nova_clone's registry and backports."""

    OBJ_BASE_CLASS = NovaObject

    @property
    def conductor(self):
        if not hasattr(self, '_conductor'):
            # NOTE: imported late; the conductor API only exists once the
            # RPC layer does and is not needed by non-RPC users.
            from nova_clone.conductor import api as conductor_api
            self._conductor = conductor_api.API()
        return self._conductor

    def _process_object(self, context, objprim):
        try:
            return NovaObject.obj_from_primitive(objprim, context=context)
        except ovo_exc.IncompatibleObjectVersion:
            objver = objprim['nova_object.version']
            if objver.count('.') == 2:
                # NOTE: a nova-style x.y.z version cannot be backported.
                objprim['nova_object.version'] = '.'.join(
                    objver.split('.')[:2])
                return self._process_object(context, objprim)
            objname = objprim['nova_object.name']
            version_manifest = ovo_base.obj_tree_get_versions(objname)
            if objname in version_manifest:
                objinst = self.conductor.object_backport_versions(
                    context, objprim, version_manifest)
            else:
                raise
        return objinst


def obj_to_primitive(obj):
    """Recursively turn an object (or list/dict of them) into plain data."""
    if isinstance(obj, ObjectListBase):
        return [obj_to_primitive(x) for x in obj]
    if isinstance(obj, NovaObject):
        result = {}
        for key in obj.obj_fields:
            if obj.obj_attr_is_set(key) or key in obj.obj_extra_fields:
                result[key] = obj_to_primitive(getattr(obj, key))
        return result
    if isinstance(obj, dict):
        return {k: obj_to_primitive(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [obj_to_primitive(x) for x in obj]
    return obj


def obj_equal_prims(obj_1, obj_2, ignore=None):
    """:returns: True when two objects serialise to the same primitive."""
    def _strip(prim, keys):
        if isinstance(prim, dict):
            for k in keys:
                prim.pop(k, None)
            for v in prim.values():
                _strip(v, keys)
        if isinstance(prim, list):
            for v in prim:
                _strip(v, keys)
        return prim
    keys = ['nova_object.changes'] + list(ignore or [])
    return (_strip(obj_1.obj_to_primitive(), keys) ==
            _strip(obj_2.obj_to_primitive(), keys))
