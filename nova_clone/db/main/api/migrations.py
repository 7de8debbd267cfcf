"""Cell DB queries of the migrations table."""

from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select
_MIGRATION = models.Migration

# Statuses of a move that is over, one way or another.
DONE_STATUSES = ('accepted', 'confirmed', 'reverted', 'error', 'failed',
                 'completed', 'cancelled', 'done')


def _one(context, not_found, **filters):
    row = context.session.execute(
        _select(context, _MIGRATION).filter_by(**filters)
        .order_by(_MIGRATION.id.desc())).scalars().first()
    if row is None:
        raise not_found
    return row


@main_api.pick_context_manager_reader
def migration_get(context, migration_id):
    """:returns: migration ``migration_id``.  :raises: MigrationNotFound"""
    return _one(context, exception.MigrationNotFound(
        migration_id=migration_id), id=migration_id)


@main_api.pick_context_manager_reader
def migration_get_by_uuid(context, migration_uuid):
    """:returns: the migration ``migration_uuid``.

    :raises: MigrationNotFound
    """
    return _one(context, exception.MigrationNotFound(
        migration_id=migration_uuid), uuid=migration_uuid)


@main_api.pick_context_manager_reader
def migration_get_by_id_and_instance(context, migration_id, instance_uuid):
    """:returns: migration ``migration_id`` of ``instance_uuid``.

    :raises: MigrationNotFoundForInstance
    """
    return _one(context, exception.MigrationNotFoundForInstance(
        migration_id=migration_id, instance_id=instance_uuid),
        id=migration_id, instance_uuid=instance_uuid)


@main_api.pick_context_manager_reader
def migration_get_by_instance_and_status(context, instance_uuid, status):
    """:returns: the newest migration of ``instance_uuid`` in ``status``.

    :raises: MigrationNotFoundByStatus
    """
    return _one(context, exception.MigrationNotFoundByStatus(
        instance_id=instance_uuid, status=status),
        instance_uuid=instance_uuid, status=status)


@main_api.pick_context_manager_writer
def migration_create(context, values):
    """Insert a migration (with a generated uuid if none).

    :returns: the row.
    """
    migration = _MIGRATION()
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    migration.update(values)
    context.session.add(migration)
    context.session.flush()
    return migration


@main_api.pick_context_manager_writer
def migration_update(context, migration_id, values):
    """Update migration ``migration_id``.

    :returns: the row.  :raises: MigrationNotFound
    """
    migration = _one(context, exception.MigrationNotFound(
        migration_id=migration_id), id=migration_id)
    migration.update(values)
    context.session.flush()
    return migration


@main_api.pick_context_manager_reader
def migration_get_unconfirmed_by_dest_compute(context, confirm_window,
                                              dest_compute):
    """:returns: 'finished' migrations to ``dest_compute`` older than
    ``confirm_window`` seconds (candidates for auto-confirm).
    """
    limit = timeutils.utcnow() - timeutils.datetime.timedelta(
        seconds=confirm_window)
    return context.session.execute(
        _select(context, _MIGRATION).where(
            _MIGRATION.status == 'finished',
            _MIGRATION.updated_at <= limit,
            _MIGRATION.dest_compute == dest_compute)).scalars().all()


@main_api.pick_context_manager_reader
def migration_get_in_progress_by_host_and_node(context, host, node):
    """:returns: unfinished migrations from or to ``node`` of ``host``."""
    return context.session.execute(
        _select(context, _MIGRATION).where(
            sa.or_(sa.and_(_MIGRATION.source_compute == host,
                           _MIGRATION.source_node == node),
                   sa.and_(_MIGRATION.dest_compute == host,
                           _MIGRATION.dest_node == node)),
            _MIGRATION.status.not_in(DONE_STATUSES))).scalars().all()


@main_api.pick_context_manager_reader
def migration_get_in_progress_by_instance(context, instance_uuid,
                                          migration_type=None):
    """:returns: unfinished migrations of ``instance_uuid``."""
    query = _select(context, _MIGRATION).where(
        _MIGRATION.instance_uuid == instance_uuid,
        _MIGRATION.status.in_(['queued', 'preparing', 'running',
                               'post-migrating']))
    if migration_type:
        query = query.where(_MIGRATION.migration_type == migration_type)
    return context.session.execute(query).scalars().all()


@main_api.pick_context_manager_reader
def migration_get_all_by_filters(context, filters, sort_keys=None,
                                 sort_dirs=None, limit=None, marker=None):
    """:returns: migrations matching nova's os-migrations filters.

    Supported: ``status`` (value or list), ``host`` (source or dest),
    ``node``, ``source_compute``, ``dest_compute``, ``instance_uuid``,
    ``migration_type``, ``hidden``, ``user_id``, ``project_id``,
    ``changes-since``/``changes-before``.
    """
    query = _select(context, _MIGRATION)
    if 'status' in filters:
        status = filters['status']
        query = query.where(_MIGRATION.status.in_(
            status if isinstance(status, (list, tuple)) else [status]))
    if 'host' in filters:
        host = filters['host']
        query = query.where(sa.or_(_MIGRATION.source_compute == host,
                                   _MIGRATION.dest_compute == host))
    if 'node' in filters:
        node = filters['node']
        query = query.where(sa.or_(_MIGRATION.source_node == node,
                                   _MIGRATION.dest_node == node))
    for key in ('source_compute', 'dest_compute', 'instance_uuid',
                'migration_type', 'hidden', 'user_id', 'project_id'):
        if key in filters:
            query = query.where(getattr(_MIGRATION, key) == filters[key])
    if 'changes-since' in filters:
        query = query.where(_MIGRATION.updated_at >= filters['changes-since'])
    if 'changes-before' in filters:
        query = query.where(
            _MIGRATION.updated_at <= filters['changes-before'])
    keys = list(sort_keys or ['created_at', 'id'])
    dirs = list(sort_dirs or ['desc'] * len(keys))
    for key, direction in zip(keys, dirs):
        column = getattr(_MIGRATION, key)
        query = query.order_by(column.desc() if direction == 'desc'
                               else column.asc())
    if marker is not None:
        marker_row = context.session.execute(
            _select(context, _MIGRATION, read_deleted='yes')
            .filter_by(uuid=marker)).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        rows = context.session.execute(query).scalars().all()
        ids = [row.id for row in rows]
        rows = rows[ids.index(marker_row.id) + 1:] \
            if marker_row.id in ids else []
        return rows[:limit] if limit is not None else rows
    if limit is not None:
        query = query.limit(limit)
    return context.session.execute(query).scalars().all()
