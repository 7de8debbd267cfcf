"""InstanceInfoCache: the network info nova caches for each instance."""

from nova_clone.db.main.api import instances as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class InstanceInfoCache(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'instance_uuid': fields.UUIDField(),
        'network_info': fields.NetworkModelField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, info_cache, db_obj):
        for field in info_cache.fields:
            value = db_obj[field]
            if field == 'network_info':
                value = value or '[]'
            elif field == 'deleted':
                value = bool(value)
            setattr(info_cache, field, value)
        info_cache.obj_reset_changes()
        info_cache._context = context
        return info_cache

    @classmethod
    def new(cls, context, instance_uuid):
        """:returns: an empty cache for ``instance_uuid`` (not saved yet)."""
        info_cache = cls(context=context, instance_uuid=instance_uuid,
                         network_info=None)
        info_cache.obj_reset_changes(['network_info'])
        return info_cache

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:returns: the cache of ``instance_uuid``.

        :raises: InstanceInfoCacheNotFound
        """
        db_obj = db.instance_info_cache_get(context, instance_uuid)
        if db_obj is None:
            raise exception.InstanceInfoCacheNotFound(
                instance_uuid=instance_uuid)
        return cls._from_db_object(context, cls(context), db_obj)

    @base.remotable
    def save(self, update_cells=True):
        """Write a changed ``network_info``.

        :param update_cells: unused; kept for nova's call signature.
        """
        if 'network_info' not in self.obj_what_changed():
            return
        nw_json = fields.NetworkModel.to_primitive(
            self, 'network_info', self.network_info or [])
        db_obj = db.instance_info_cache_update(
            self._context, self.instance_uuid, {'network_info': nw_json})
        self._from_db_object(self._context, self, db_obj)

    @base.remotable
    def delete(self):
        """Soft-delete this cache."""
        db.instance_info_cache_delete(self._context, self.instance_uuid)

    @base.remotable
    def refresh(self):
        """Reload ``network_info`` from the database."""
        current = self.__class__.get_by_instance_uuid(self._context,
                                                      self.instance_uuid)
        current._context = None
        for field in self.fields:
            if current.obj_attr_is_set(field):
                setattr(self, field, getattr(current, field))
        self.obj_reset_changes()
