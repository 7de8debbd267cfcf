"""ConsoleAuthToken: the secret in a console URL and where it leads.

Only the sha256 hash of a token is stored (a database dump must not hand
out working console URLs); the token itself lives in this object just long
enough to be returned to the user. A token is good for any number of
connections until it expires ([consoleauth] token_ttl) or its instance is
deleted.
"""

import hashlib
import secrets
import urllib.parse

from oslo_db import exception as db_exc
from oslo_utils import timeutils

from nova_clone.db.main.api import console_auth_tokens as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields


def token_hash(token):
    """:returns: the hex sha256 of ``token``, the only form stored."""
    return hashlib.sha256(token.encode('utf-8')).hexdigest()


@base.NovaObjectRegistry.register
class ConsoleAuthToken(base.NovaTimestampObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'console_type': fields.StringField(nullable=False),
        'host': fields.StringField(nullable=False),
        'port': fields.IntegerField(nullable=False),
        'tls_port': fields.IntegerField(nullable=True),
        'internal_access_path': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(nullable=False),
        'access_url_base': fields.StringField(nullable=True),
        # NOTE: never stored; set only on the object that authorized it.
        'token': fields.SensitiveStringField(nullable=True),
        'expires': fields.IntegerField(nullable=True),
    }

    @property
    def access_url(self):
        """:returns: the URL a user opens, or None before ``authorize``.

        noVNC 1.1+ reads the websocket path from its ``path`` parameter
        (the top-level ``token`` parameter is gone), so for ``novnc`` the
        token travels inside ``path``; every other client takes
        ``?token=`` directly.
        """
        if not self.obj_attr_is_set('id') or not self.token:
            return None
        if self.console_type == 'novnc':
            query = urllib.parse.urlencode({'path': '?token=%s' % self.token})
        else:
            query = urllib.parse.urlencode({'token': self.token})
        return '%s?%s' % (self.access_url_base, query)

    @staticmethod
    def _from_db_object(context, obj, db_row):
        for name in obj.fields:
            if name == 'token':
                continue
            setattr(obj, name, db_row[name])
        obj._context = context
        obj.obj_reset_changes()
        return obj

    def authorize(self, ttl):
        """Create a new token for this console and store its hash.

        :param ttl: seconds the token stays valid.
        :returns: the token (also kept in ``self.token``).
        :raises: ObjectActionError when already authorized.
        """
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='authorize',
                                              reason='already authorized')
        # NOTE: generated here, on the compute host: only its hash goes
        # through the conductor to the database.
        token = secrets.token_urlsafe(32)
        self.expires = int(timeutils.utcnow_ts()) + ttl
        self._create(token_hash(token))
        self.token = token
        self.obj_reset_changes(['token'])
        return token

    @base.remotable
    def _create(self, hashed):
        values = self.obj_get_changes()
        values.pop('token', None)
        values['token_hash'] = hashed
        try:
            row = db.console_auth_token_create(self._context, values)
        except db_exc.DBDuplicateEntry:
            raise exception.ConsoleTokenCreateFailed(reason='token clash')
        self._from_db_object(self._context, self, row)

    @base.remotable_classmethod
    def validate(cls, context, token, instance_uuid=None):
        """:returns: the token's console when the token is valid.

        :param instance_uuid: when given, the token must also be for it.
        :raises: InvalidToken when unknown, expired or its instance gone.
        """
        row = db.console_auth_token_get_valid(context, token_hash(token),
                                              instance_uuid=instance_uuid)
        if row is None:
            raise exception.InvalidToken(token='***')
        obj = cls._from_db_object(context, cls(), row)
        obj.token = token
        obj.obj_reset_changes(['token'])
        return obj

    @base.remotable_classmethod
    def clean_console_auths_for_instance(cls, context, instance_uuid):
        """Invalidate every token of an instance (it is being deleted)."""
        db.console_auth_token_destroy_all_by_instance(context, instance_uuid)

    @base.remotable_classmethod
    def clean_expired_console_auths(cls, context, host=None):
        """Delete expired tokens; :returns: how many.

        :param host: only the tokens of consoles on this compute host.
        """
        return db.console_auth_token_destroy_expired(context, host=host)

    # NOTE: the brief's name for the delete hook.
    destroy_by_instance = clean_console_auths_for_instance
