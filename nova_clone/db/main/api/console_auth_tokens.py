"""Cell DB queries of console auth tokens (hard-deleted rows)."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main import models

_TOKEN = models.ConsoleAuthToken
_INSTANCE = models.Instance


def _now():
    # NOTE: 'expires' is an integer column of UNIX seconds, as in nova.
    return int(timeutils.utcnow_ts())


@main_api.pick_context_manager_writer
def console_auth_token_create(context, values):
    """Store a token row (``values`` carries the hash, never the token).

    :returns: the new row.
    """
    row = _TOKEN()
    row.update(values)
    context.session.add(row)
    context.session.flush()
    return row


@main_api.pick_context_manager_reader
def console_auth_token_get_valid(context, token_hash, instance_uuid=None):
    """:returns: the unexpired row of ``token_hash`` whose instance is not
        deleted, or None.

    :param instance_uuid: when given, the row must also belong to it.
    """
    query = (sa.select(_TOKEN)
             .join(_INSTANCE, _INSTANCE.uuid == _TOKEN.instance_uuid)
             .where(_TOKEN.token_hash == token_hash,
                    _TOKEN.expires > _now(),
                    _INSTANCE.deleted == 0))
    if instance_uuid is not None:
        query = query.where(_TOKEN.instance_uuid == instance_uuid)
    return context.session.execute(query).scalars().first()


@main_api.pick_context_manager_writer
def console_auth_token_destroy_all_by_instance(context, instance_uuid):
    """Delete every token of an instance; :returns: how many."""
    result = context.session.execute(
        sa.delete(_TOKEN).where(_TOKEN.instance_uuid == instance_uuid))
    return result.rowcount


@main_api.pick_context_manager_writer
def console_auth_token_destroy_expired(context, host=None):
    """Delete expired tokens (of ``host``'s consoles when given).

    :returns: how many rows went.
    """
    query = sa.delete(_TOKEN).where(_TOKEN.expires <= _now())
    if host is not None:
        query = query.where(_TOKEN.host == host)
    return context.session.execute(query).rowcount
