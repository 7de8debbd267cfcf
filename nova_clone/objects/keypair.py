"""KeyPair(+List): users' SSH/x509 public keys, in the API database."""

import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

KEYPAIR_TYPE_SSH = 'ssh'
KEYPAIR_TYPE_X509 = 'x509'


@api_db_api.context_manager.reader
def _get_from_db(context, user_id, name=None, limit=None, marker=None):
    model = api_models.KeyPair
    query = sa.select(model).filter_by(user_id=user_id)
    if name is not None:
        return context.session.execute(
            query.filter_by(name=name)).scalars().first()
    query = query.order_by(model.name.asc(), model.id.asc())
    if marker is not None:
        marker_row = context.session.execute(
            sa.select(model).filter_by(user_id=user_id, name=marker)
        ).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.where(model.name > marker_row.name)
    if limit is not None:
        query = query.limit(limit)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.reader
def _count_by_user(context, user_id):
    return context.session.execute(
        sa.select(sa.func.count(api_models.KeyPair.id)).filter_by(
            user_id=user_id)).scalar()


@api_db_api.context_manager.writer
def _create_in_db(context, values):
    exists = context.session.execute(
        sa.select(api_models.KeyPair.id).filter_by(
            user_id=values['user_id'], name=values['name'])).first()
    if exists:
        raise exception.KeyPairExists(key_name=values['name'])
    db_keypair = api_models.KeyPair()
    db_keypair.update(values)
    context.session.add(db_keypair)
    context.session.flush()
    return db_keypair


@api_db_api.context_manager.writer
def _destroy_in_db(context, user_id, name):
    result = context.session.execute(
        sa.delete(api_models.KeyPair).filter_by(user_id=user_id, name=name))
    if not result.rowcount:
        raise exception.KeypairNotFound(user_id=user_id, name=name)


@base.NovaObjectRegistry.register
class KeyPair(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(nullable=False),
        'user_id': fields.StringField(nullable=True),
        'fingerprint': fields.StringField(nullable=True),
        'public_key': fields.StringField(nullable=True),
        'type': fields.StringField(nullable=False),
    }

    @staticmethod
    def _from_db_object(context, keypair, db_keypair):
        # The API DB has no soft delete; keep the persistent fields sane.
        for key in keypair.fields:
            if key == 'deleted':
                keypair.deleted = False
            elif key == 'deleted_at':
                keypair.deleted_at = None
            else:
                setattr(keypair, key, db_keypair[key])
        keypair._context = context
        keypair.obj_reset_changes()
        return keypair

    @base.remotable_classmethod
    def get_by_name(cls, context, user_id, name):
        """:returns: the key ``name`` of ``user_id``.

        :raises: KeypairNotFound
        """
        db_keypair = _get_from_db(context, user_id, name=name)
        if db_keypair is None:
            raise exception.KeypairNotFound(user_id=user_id, name=name)
        return cls._from_db_object(context, cls(), db_keypair)

    @base.remotable_classmethod
    def destroy_by_name(cls, context, user_id, name):
        """Delete the key ``name`` of ``user_id``.

        :raises: KeypairNotFound
        """
        _destroy_in_db(context, user_id, name)

    @base.remotable
    def create(self):
        """Store this key pair.

        :raises: KeyPairExists
        """
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        for key in ('deleted', 'deleted_at'):
            updates.pop(key, None)
        updates.setdefault('type', KEYPAIR_TYPE_SSH)
        self._from_db_object(self._context, self,
                             _create_in_db(self._context, updates))

    @base.remotable
    def destroy(self):
        """Delete this key pair."""
        _destroy_in_db(self._context, self.user_id, self.name)


@base.NovaObjectRegistry.register
class KeyPairList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('KeyPair'),
    }

    @base.remotable_classmethod
    def get_by_user(cls, context, user_id, limit=None, marker=None):
        """:returns: the key pairs of ``user_id``, ordered by name.

        :param marker: name of the last key of the previous page.
        :raises: MarkerNotFound
        """
        return base.obj_make_list(
            context, cls(), KeyPair,
            _get_from_db(context, user_id, limit=limit, marker=marker))

    @base.remotable_classmethod
    def get_count_by_user(cls, context, user_id):
        """:returns: how many key pairs ``user_id`` has."""
        return _count_by_user(context, user_id)
