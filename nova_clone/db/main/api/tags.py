"""Cell DB queries of server tags (hard-deleted, keyed by instance uuid)."""

import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main import models
from nova_clone import exception

# Nova's limit on tags per server.
MAX_TAG_COUNT = 50


def _check_instance_exists(context, instance_uuid):
    found = context.session.execute(
        sa.select(models.Instance.id).where(
            models.Instance.uuid == instance_uuid,
            models.Instance.deleted == 0)).first()
    if not found:
        raise exception.InstanceNotFound(instance_id=instance_uuid)


def _tags(context, instance_uuid):
    return context.session.execute(
        sa.select(models.Tag).where(models.Tag.resource_id == instance_uuid)
        .order_by(models.Tag.tag)).scalars().all()


@main_api.pick_context_manager_writer
def instance_tag_add(context, instance_uuid, tag):
    """Add ``tag`` (idempotent).

    :returns: the tag row.
    :raises: InstanceNotFound, TooManyInstanceTags
    """
    _check_instance_exists(context, instance_uuid)
    existing = _tags(context, instance_uuid)
    for row in existing:
        if row.tag == tag:
            return row
    if len(existing) >= MAX_TAG_COUNT:
        raise exception.TooManyInstanceTags(instance_id=instance_uuid,
                                            max=MAX_TAG_COUNT)
    row = models.Tag(resource_id=instance_uuid, tag=tag)
    context.session.add(row)
    context.session.flush()
    return row


@main_api.pick_context_manager_writer
def instance_tag_set(context, instance_uuid, tags):
    """Replace the instance's tags with ``tags``.

    :returns: the new tag rows.
    :raises: InstanceNotFound, TooManyInstanceTags
    """
    _check_instance_exists(context, instance_uuid)
    wanted = set(tags)
    if len(wanted) > MAX_TAG_COUNT:
        raise exception.TooManyInstanceTags(instance_id=instance_uuid,
                                            max=MAX_TAG_COUNT)
    current = {row.tag for row in _tags(context, instance_uuid)}
    stale = current - wanted
    if stale:
        context.session.execute(sa.delete(models.Tag).where(
            models.Tag.resource_id == instance_uuid,
            models.Tag.tag.in_(stale)))
    for tag in wanted - current:
        context.session.add(models.Tag(resource_id=instance_uuid, tag=tag))
    context.session.flush()
    return _tags(context, instance_uuid)


@main_api.pick_context_manager_reader
def instance_tag_get_by_instance_uuid(context, instance_uuid):
    """:returns: the tag rows of ``instance_uuid``."""
    return _tags(context, instance_uuid)


@main_api.pick_context_manager_reader
def instance_tag_exists(context, instance_uuid, tag):
    """:returns: True if ``instance_uuid`` has ``tag``.

    :raises: InstanceNotFound
    """
    _check_instance_exists(context, instance_uuid)
    return any(row.tag == tag for row in _tags(context, instance_uuid))


@main_api.pick_context_manager_writer
def instance_tag_delete(context, instance_uuid, tag):
    """Remove ``tag``.

    :raises: InstanceNotFound, InstanceTagNotFound
    """
    _check_instance_exists(context, instance_uuid)
    result = context.session.execute(sa.delete(models.Tag).where(
        models.Tag.resource_id == instance_uuid, models.Tag.tag == tag))
    if not result.rowcount:
        raise exception.InstanceTagNotFound(instance_id=instance_uuid,
                                            tag=tag)


@main_api.pick_context_manager_writer
def instance_tag_delete_all(context, instance_uuid):
    """Remove every tag of ``instance_uuid``.

    :raises: InstanceNotFound
    """
    _check_instance_exists(context, instance_uuid)
    context.session.execute(sa.delete(models.Tag).where(
        models.Tag.resource_id == instance_uuid))
