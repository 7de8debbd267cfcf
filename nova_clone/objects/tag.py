"""Tag(+List): simple string tags on servers."""

from nova_clone.db.main.api import tags as db
from nova_clone.objects import base
from nova_clone.objects import fields

MAX_TAG_LENGTH = 60


@base.NovaObjectRegistry.register
class Tag(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'resource_id': fields.StringField(),
        'tag': fields.StringField(),
    }

    @staticmethod
    def _from_db_object(context, tag, db_tag):
        for key in tag.fields:
            setattr(tag, key, db_tag[key])
        tag.obj_reset_changes()
        tag._context = context
        return tag

    @base.remotable
    def create(self):
        """Add this tag to its instance (a no-op if already there).

        :raises: InstanceNotFound, TooManyInstanceTags
        """
        db_tag = db.instance_tag_add(self._context, self.resource_id,
                                     self.tag)
        self._from_db_object(self._context, self, db_tag)

    @base.remotable_classmethod
    def destroy(cls, context, resource_id, name):
        """Remove tag ``name`` from ``resource_id``.

        :raises: InstanceNotFound, InstanceTagNotFound
        """
        db.instance_tag_delete(context, resource_id, name)

    @base.remotable_classmethod
    def exists(cls, context, resource_id, name):
        """:returns: True if ``resource_id`` carries ``name``."""
        return db.instance_tag_exists(context, resource_id, name)


@base.NovaObjectRegistry.register
class TagList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Tag'),
    }

    @base.remotable_classmethod
    def get_by_resource_id(cls, context, resource_id):
        """:returns: the tags of ``resource_id``."""
        return base.obj_make_list(
            context, cls(), Tag,
            db.instance_tag_get_by_instance_uuid(context, resource_id))

    @base.remotable_classmethod
    def create(cls, context, resource_id, tags):
        """Replace the tags of ``resource_id`` with ``tags``.

        :returns: the new TagList.
        """
        return base.obj_make_list(
            context, cls(), Tag, db.instance_tag_set(context, resource_id,
                                                     tags))

    @base.remotable_classmethod
    def destroy(cls, context, resource_id):
        """Remove every tag of ``resource_id``."""
        db.instance_tag_delete_all(context, resource_id)
