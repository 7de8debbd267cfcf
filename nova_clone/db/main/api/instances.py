"""Cell DB queries of instances and their extra, metadata and info cache."""

import copy

from oslo_db.sqlalchemy import utils as sqlalchemyutils
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select

# Task state that marks an instance being deleted; a CAS failure against
# it raises the "deleting" flavour of UnexpectedTaskStateError.
DELETING = 'deleting'
SOFT_DELETED_VM_STATE = 'soft-delete'

# Filters compared with equality (lists mean IN); every other column
# filter is a substring match, nova's portable fallback for its regexes.
_EXACT_FILTERS = ('project_id', 'user_id', 'image_ref', 'vm_state',
                  'instance_type_id', 'uuid', 'host', 'task_state',
                  'locked', 'hidden', 'launch_index', 'compute_id',
                  'reservation_id', 'power_state', 'cleaned')

_EXTRA_COLUMNS = ('numa_topology', 'pci_requests', 'flavor', 'vcpu_model',
                  'migration_context', 'keypairs', 'device_metadata',
                  'trusted_certs', 'vpmems', 'resources')

DEFAULT_COLUMNS_TO_JOIN = ['metadata', 'system_metadata', 'info_cache']


def _join_options(columns_to_join):
    """:returns: loader options for nova's ``columns_to_join`` names."""
    if not hasattr(models.Instance, 'extra'):
        # NOTE: the relationship appears once the mappers are configured,
        # which may not have happened if this is the process's first query.
        orm.configure_mappers()
    options = []
    columns = set(columns_to_join or ())
    extra_columns = {c.split('.', 1)[1] for c in columns
                     if c.startswith('extra.')}
    if 'extra' in columns:
        extra_columns.update(_EXTRA_COLUMNS)
    if extra_columns:
        options.append(orm.joinedload(models.Instance.extra).options(
            *[orm.undefer(getattr(models.InstanceExtra, c))
              for c in extra_columns]))
    if 'info_cache' in columns:
        options.append(orm.joinedload(models.Instance.info_cache))
    for name in ('metadata', 'system_metadata', 'tags', 'security_groups',
                 'pci_devices', 'services'):
        if name in columns:
            options.append(orm.selectinload(getattr(models.Instance, name)))
    return options


# NOTE: (model, live rows only) as the relationships define them.
_KV_TABLES = {'metadata': (models.InstanceMetadata, True),
              'system_metadata': (models.InstanceSystemMetadata, False)}
_IN_CHUNK = 500


def preload_kv(context, rows, names):
    """Read the key/value rows ``names`` of all ``rows`` with SQLAlchemy
    Core, one query per table and 500 instances, instead of an ORM object
    per key (most of a server list's load time).

    Each row gets ``preloaded_kv``: {name: {key: value}}.
    """
    if not rows or not names:
        return
    loaded = {row.uuid: {name: {} for name in names} for row in rows}
    uuids = list(loaded)
    for name in names:
        model, live_only = _KV_TABLES[name]
        table = model.__table__
        for start in range(0, len(uuids), _IN_CHUNK):
            query = sa.select(table.c.instance_uuid, table.c.key,
                              table.c.value).where(
                table.c.instance_uuid.in_(uuids[start:start + _IN_CHUNK]))
            if live_only:
                query = query.where(table.c.deleted == 0)
            for uuid, key, value in context.session.execute(
                    query.order_by(table.c.id)):
                loaded[uuid][name][key] = value
    for row in rows:
        row.preloaded_kv = loaded[row.uuid]


def _instance_select(context, columns_to_join, read_deleted=None):
    if columns_to_join is None:
        columns_to_join = DEFAULT_COLUMNS_TO_JOIN
    return _select(context, models.Instance, read_deleted=read_deleted,
                   project_only=True).options(*_join_options(columns_to_join))


def _instance_get_by_uuid(context, uuid, columns_to_join=None):
    instance = context.session.execute(
        _instance_select(context, columns_to_join).filter_by(uuid=uuid)
    ).unique().scalars().first()
    if instance is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    return instance


@main_api.pick_context_manager_reader
def instance_get_by_uuid(context, uuid, columns_to_join=None):
    """:returns: the instance row ``uuid`` with ``columns_to_join`` loaded.

    :raises: InstanceNotFound
    """
    return _instance_get_by_uuid(context, uuid, columns_to_join)


@main_api.pick_context_manager_reader
def instance_get(context, instance_id, columns_to_join=None):
    """:returns: the instance row with database id ``instance_id``.

    :raises: InstanceNotFound
    """
    instance = context.session.execute(
        _instance_select(context, columns_to_join).filter_by(id=instance_id)
    ).unique().scalars().first()
    if instance is None:
        raise exception.InstanceNotFound(instance_id=instance_id)
    return instance


@main_api.pick_context_manager_reader
def instance_get_all_by_host(context, host, columns_to_join=None):
    """:returns: the instances on ``host``."""
    return context.session.execute(
        _instance_select(context, columns_to_join).filter_by(host=host)
        .order_by(models.Instance.id)).unique().scalars().all()


@main_api.pick_context_manager_reader
def instance_get_all_by_host_and_node(context, host, node,
                                      columns_to_join=None):
    """:returns: the instances on ``node`` of ``host``."""
    return context.session.execute(
        _instance_select(context, columns_to_join or [])
        .filter_by(host=host, node=node)).unique().scalars().all()


def _set_kv_rows(context, model, instance_uuid, values):
    """Make ``instance_uuid``'s live key/value rows of ``model`` = values."""
    rows = context.session.execute(
        sa.select(model).where(model.instance_uuid == instance_uuid,
                               model.deleted == 0)).scalars().all()
    existing = {row.key: row for row in rows}
    for key, row in existing.items():
        if key not in values:
            row.soft_delete(context.session)
        elif row.value != values[key]:
            row.value = values[key]
    for key, value in values.items():
        if key not in existing:
            context.session.add(model(key=key, value=value,
                                      instance_uuid=instance_uuid))


def _kv_values(values, name):
    """Turn nova's dict (or list of {key, value}) form into a dict."""
    raw = values.pop(name, None)
    if raw is None or isinstance(raw, dict):
        return raw
    return {item['key']: item['value'] for item in raw}


@main_api.pick_context_manager_writer
def instance_create(context, values):
    """Insert an instance with its metadata, info cache and extra row.

    :param values: column values plus ``metadata``/``system_metadata``
        dicts and an optional ``extra`` dict of instance_extra columns.
    :returns: the created row with the default joins loaded.
    """
    values = copy.copy(values)
    metadata = _kv_values(values, 'metadata') or {}
    system_metadata = _kv_values(values, 'system_metadata') or {}
    extra = values.pop('extra', None) or {}
    info_cache = values.pop('info_cache', None)
    values.pop('tags', None)
    values.setdefault('uuid', uuidutils.generate_uuid())
    instance = models.Instance()
    instance.update(values)
    context.session.add(instance)
    context.session.flush()
    _set_kv_rows(context, models.InstanceMetadata, instance.uuid, metadata)
    _set_kv_rows(context, models.InstanceSystemMetadata, instance.uuid,
                 system_metadata)
    context.session.add(models.InstanceInfoCache(
        instance_uuid=instance.uuid,
        network_info=(info_cache or {}).get('network_info') or '[]'))
    context.session.add(models.InstanceExtra(instance_uuid=instance.uuid,
                                             **extra))
    context.session.flush()
    context.session.expire(instance)
    return _instance_get_by_uuid(context, instance.uuid,
                                 DEFAULT_COLUMNS_TO_JOIN + ['extra'])


def _conflicts(instance, expected):
    """:returns: (expected, actual) dicts for the fields that differ."""
    want, got = {}, {}
    for field, allowed in expected.items():
        actual = getattr(instance, field)
        if actual not in allowed:
            want[field] = allowed
            got[field] = actual
    return want, got


def _raise_cas_failure(context, instance_uuid, expected):
    instance = _instance_get_by_uuid(context, instance_uuid, [])
    want, got = _conflicts(instance, expected)
    if 'task_state' in got:
        cls = (exception.UnexpectedDeletingTaskStateError
               if got['task_state'] == DELETING
               else exception.UnexpectedTaskStateError)
    elif 'vm_state' in got:
        cls = exception.UnexpectedVMStateError
    else:
        # The row matched when re-read: a concurrent writer raced us.
        cls = exception.UnexpectedTaskStateError
    raise cls(instance_uuid=instance_uuid, expected=want, actual=got)


def _allowed_clause(column, allowed):
    non_null = [v for v in allowed if v is not None]
    clauses = [column.in_(non_null)] if non_null else []
    if None in allowed:
        clauses.append(column.is_(None))
    return sa.or_(*clauses) if clauses else sa.false()


def _instance_update(context, instance_uuid, values, columns_to_join,
                     expected):
    values = copy.copy(values)
    expected = dict(expected or {})
    for field in ('task_state', 'vm_state'):
        key = 'expected_' + field
        if key in values:
            allowed = values.pop(key)
            if not isinstance(allowed, (list, tuple, set)):
                allowed = [allowed]
            expected[field] = list(allowed)
    metadata = _kv_values(values, 'metadata')
    system_metadata = _kv_values(values, 'system_metadata')
    values.pop('extra', None)
    if values.get('uuid', instance_uuid) != instance_uuid:
        raise exception.InvalidInput(reason='uuid cannot be changed')
    values.pop('uuid', None)
    values.setdefault('updated_at', timeutils.utcnow())
    stmt = (sa.update(models.Instance)
            .where(models.Instance.uuid == instance_uuid,
                   models.Instance.deleted == 0)
            .execution_options(synchronize_session=False))
    for field, allowed in expected.items():
        stmt = stmt.where(_allowed_clause(getattr(models.Instance, field),
                                          allowed))
    if not context.session.execute(stmt.values(**values)).rowcount:
        # Tell "gone" from "not in the expected state".
        _instance_get_by_uuid(context, instance_uuid, [])
        _raise_cas_failure(context, instance_uuid, expected)
    if metadata is not None:
        _set_kv_rows(context, models.InstanceMetadata, instance_uuid,
                     metadata)
    if system_metadata is not None:
        _set_kv_rows(context, models.InstanceSystemMetadata, instance_uuid,
                     system_metadata)
    context.session.flush()
    context.session.expire_all()
    return _instance_get_by_uuid(context, instance_uuid, columns_to_join)


@main_api.pick_context_manager_writer
def instance_update(context, instance_uuid, values, expected=None,
                    columns_to_join=None):
    """Update an instance; see ``instance_update_and_get_original``.

    :returns: the updated row (without reading the original first).
    """
    return _instance_update(context, instance_uuid, values, columns_to_join,
                            expected)


@main_api.pick_context_manager_writer
def instance_update_and_get_original(context, instance_uuid, values,
                                     columns_to_join=None, expected=None):
    """Compare-and-swap update of an instance.

    ``values`` may carry ``expected_task_state``/``expected_vm_state`` (a
    value or list; None allowed): the row is only written while it is
    in one of those states, in the same UPDATE statement, so two
    concurrent actions cannot both win.

    :param expected: more ``{column: [allowed values]}`` conditions.
    :returns: ``(old_row, new_row)``.
    :raises: InstanceNotFound, UnexpectedTaskStateError,
        UnexpectedDeletingTaskStateError, UnexpectedVMStateError
    """
    original = _instance_get_by_uuid(context, instance_uuid, columns_to_join)
    context.session.expunge(original)
    new = _instance_update(context, instance_uuid, values, columns_to_join,
                           expected)
    return original, new


@main_api.pick_context_manager_writer
def instance_destroy(context, instance_uuid, constraint=None,
                     hard_delete=False):
    """Delete an instance and the rows that only make sense with it.

    :param constraint: ``{column: [allowed values]}`` the row must match
        (nova passes the host so a moved instance is not deleted).
    :param hard_delete: remove the rows instead of soft-deleting them.
    :returns: the instance row as it was deleted.
    :raises: InstanceNotFound, ObjectActionError (constraint not met)
    """
    instance = _instance_get_by_uuid(context, instance_uuid, [])
    stmt_where = [models.Instance.uuid == instance_uuid,
                  models.Instance.deleted == 0]
    for column, allowed in (constraint or {}).items():
        stmt_where.append(_allowed_clause(getattr(models.Instance, column),
                                          allowed))
    now = timeutils.utcnow()
    if hard_delete:
        stmt = sa.delete(models.Instance).where(*stmt_where)
    else:
        stmt = sa.update(models.Instance).where(*stmt_where).values(
            deleted=models.Instance.id, deleted_at=now,
            updated_at=models.Instance.updated_at)
    if not context.session.execute(
            stmt.execution_options(synchronize_session=False)).rowcount:
        raise exception.ObjectActionError(action='destroy',
                                          reason='constraint not met')
    related = (models.InstanceInfoCache, models.InstanceMetadata,
               models.InstanceSystemMetadata, models.InstanceFault,
               models.InstanceExtra, models.BlockDeviceMapping,
               models.Migration, models.SecurityGroupInstanceAssociation)
    for model in related:
        where = [model.instance_uuid == instance_uuid]
        if hard_delete:
            related_stmt = sa.delete(model).where(*where)
        else:
            related_stmt = sa.update(model).where(
                model.deleted == 0, *where).values(
                deleted=model.id, deleted_at=now,
                updated_at=model.updated_at)
        context.session.execute(
            related_stmt.execution_options(synchronize_session=False))
    context.session.execute(
        sa.delete(models.Tag).where(models.Tag.resource_id == instance_uuid))
    context.session.execute(
        sa.delete(models.ConsoleAuthToken).where(
            models.ConsoleAuthToken.instance_uuid == instance_uuid))
    if hard_delete:
        context.session.expunge(instance)
        instance.deleted, instance.deleted_at = instance.id, now
        return instance
    context.session.expire_all()
    return context.session.execute(
        sa.select(models.Instance).filter_by(uuid=instance_uuid)
    ).scalars().one()


def _as_list(value):
    if isinstance(value, str):
        return [v for v in value.split(',') if v]
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return [value]


def _tag_filters(query, filters):
    tag = models.Tag
    instance_uuid = models.Instance.uuid

    def _has(name):
        return sa.exists().where(tag.resource_id == instance_uuid,
                                 tag.tag == name)

    if filters.get('tags'):
        query = query.where(*[_has(t) for t in _as_list(filters['tags'])])
    if filters.get('tags-any'):
        query = query.where(sa.exists().where(
            tag.resource_id == instance_uuid,
            tag.tag.in_(_as_list(filters['tags-any']))))
    if filters.get('not-tags'):
        query = query.where(sa.not_(sa.and_(
            *[_has(t) for t in _as_list(filters['not-tags'])])))
    if filters.get('not-tags-any'):
        query = query.where(~sa.exists().where(
            tag.resource_id == instance_uuid,
            tag.tag.in_(_as_list(filters['not-tags-any']))))
    return query


def _kv_filter(query, model, value):
    items = value if isinstance(value, list) else [value]
    for item in items:
        for key, val in item.items():
            query = query.where(sa.exists().where(
                model.instance_uuid == models.Instance.uuid,
                model.deleted == 0, model.key == key, model.value == val))
    return query


def _apply_filters(context, query, filters):
    filters = dict(filters)
    if 'deleted' in filters:
        deleted = filters.pop('deleted')
        if deleted:
            query = query.where(models.Instance.deleted != 0)
        else:
            query = query.where(models.Instance.deleted == 0)
            if not filters.pop('soft_deleted', False):
                query = query.where(sa.or_(
                    models.Instance.vm_state != SOFT_DELETED_VM_STATE,
                    models.Instance.vm_state.is_(None)))
    filters.pop('soft_deleted', None)
    if 'changes-since' in filters:
        query = query.where(
            models.Instance.updated_at >= filters.pop('changes-since'))
    if 'changes-before' in filters:
        query = query.where(
            models.Instance.updated_at <= filters.pop('changes-before'))
    query = _tag_filters(query, filters)
    for name in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
        filters.pop(name, None)
    if 'metadata' in filters:
        query = _kv_filter(query, models.InstanceMetadata,
                           filters.pop('metadata'))
    if 'system_metadata' in filters:
        query = _kv_filter(query, models.InstanceSystemMetadata,
                           filters.pop('system_metadata'))
    if filters.get('name_regex'):
        # NOTE: the server list's ``name`` is a regular expression: REGEXP
        # on MySQL and SQLite (SQLAlchemy registers Python's re there),
        # '~' on PostgreSQL.
        query = query.where(models.Instance.display_name.regexp_match(
            filters.pop('name_regex')))
    filters.pop('name_regex', None)
    for name, value in filters.items():
        column = getattr(models.Instance, name, None)
        if column is None or not hasattr(column, 'property') or \
                not isinstance(column.property, orm.ColumnProperty):
            continue
        if name in _EXACT_FILTERS or isinstance(value, (bool, int)):
            if isinstance(value, (list, tuple, set)):
                query = query.where(_allowed_clause(column, list(value)))
            elif value is None:
                query = query.where(column.is_(None))
            else:
                query = query.where(column == value)
        elif value is not None:
            query = query.where(column.like('%' + str(value) + '%'))
    return query


class _MarkerValues:
    """Sort-key values standing in for a marker row of another cell."""

    def __init__(self, values):
        self.__dict__.update(values)

    def __getattr__(self, name):
        # NOTE: 'id' is per cell: another cell's row has no meaningful one,
        # so the tie-break continues from the lowest.
        return None


@main_api.pick_context_manager_reader
def instance_get_all_by_filters_sort(context, filters, limit=None,
                                     marker=None, columns_to_join=None,
                                     sort_keys=None, sort_dirs=None,
                                     marker_values=None):
    """List instances matching nova's server-list filters.

    Supported: ``deleted`` (and ``soft_deleted``), ``changes-since``,
    ``changes-before``, the tag filters, ``metadata``/``system_metadata``,
    exact filters on ids and states (lists mean "any of"), and a
    substring match on any other column.

    :param marker: uuid of the last instance of the previous page.
    :param marker_values: instead of ``marker``, the sort-key values of a
        row from another cell (a dict): a multi-cell list continues after
        them in every cell.
    :returns: matching rows in the requested order.
    :raises: MarkerNotFound, InvalidSortKey
    """
    sort_keys = list(sort_keys or ['created_at'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    for key, direction in (('created_at', sort_dirs[0]),
                           ('id', sort_dirs[0])):
        # A unique final key makes paging stable.
        if key not in sort_keys:
            sort_keys.append(key)
            sort_dirs.append(direction)
    for key in sort_keys:
        if not isinstance(getattr(models.Instance, key, None),
                          orm.attributes.InstrumentedAttribute):
            raise exception.InvalidSortKey(sort_key=key)
    read_deleted = 'yes' if 'deleted' in filters else None
    if columns_to_join is None:
        columns_to_join = DEFAULT_COLUMNS_TO_JOIN
    kv_names = [name for name in _KV_TABLES if name in columns_to_join]
    columns_to_join = [c for c in columns_to_join if c not in kv_names]
    query = _instance_select(context, columns_to_join,
                             read_deleted=read_deleted)
    query = _apply_filters(context, query, filters)
    marker_row = None
    if marker_values is not None:
        marker_row = _MarkerValues(marker_values)
    elif marker is not None:
        marker_row = context.session.execute(
            _select(context, models.Instance, read_deleted='yes')
            .filter_by(uuid=marker)).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
    query = sqlalchemyutils.paginate_query(
        query, models.Instance, limit, sort_keys, marker=marker_row,
        sort_dirs=sort_dirs)
    rows = context.session.execute(query).unique().scalars().all()
    preload_kv(context, rows, kv_names)
    return rows


def instance_get_all_by_filters(context, filters, sort_key='created_at',
                                sort_dir='desc', limit=None, marker=None,
                                columns_to_join=None):
    """Single-key form of ``instance_get_all_by_filters_sort``."""
    return instance_get_all_by_filters_sort(
        context, filters, limit=limit, marker=marker,
        columns_to_join=columns_to_join, sort_keys=[sort_key],
        sort_dirs=[sort_dir])


@main_api.pick_context_manager_reader
def instance_extra_get_by_instance_uuid(context, instance_uuid,
                                        columns=None):
    """:returns: the instance_extra row (``columns`` undeferred) or None."""
    query = _select(context, models.InstanceExtra).filter_by(
        instance_uuid=instance_uuid)
    names = columns if columns is not None else _EXTRA_COLUMNS
    if names:
        query = query.options(
            *[orm.undefer(getattr(models.InstanceExtra, c)) for c in names])
    return context.session.execute(query).scalars().first()


@main_api.pick_context_manager_writer
def instance_extra_update_by_uuid(context, instance_uuid, updates):
    """Update (or create) the instance_extra row of ``instance_uuid``.

    :returns: the number of rows written.
    """
    rows = context.session.execute(
        sa.update(models.InstanceExtra)
        .where(models.InstanceExtra.instance_uuid == instance_uuid,
               models.InstanceExtra.deleted == 0)
        .values(**updates)
        .execution_options(synchronize_session=False)).rowcount
    if not rows:
        context.session.add(models.InstanceExtra(
            instance_uuid=instance_uuid, **updates))
        rows = 1
    return rows


@main_api.pick_context_manager_reader
def instance_info_cache_get(context, instance_uuid):
    """:returns: the info cache row of ``instance_uuid``, or None."""
    return context.session.execute(
        _select(context, models.InstanceInfoCache).filter_by(
            instance_uuid=instance_uuid)).scalars().first()


@main_api.pick_context_manager_writer
def instance_info_cache_update(context, instance_uuid, values):
    """Update (creating if needed) the info cache of ``instance_uuid``.

    :returns: the row.
    """
    cache = context.session.execute(
        sa.select(models.InstanceInfoCache).filter_by(
            instance_uuid=instance_uuid)).scalars().first()
    if cache is None:
        cache = models.InstanceInfoCache(instance_uuid=instance_uuid)
        context.session.add(cache)
    elif cache.deleted:
        # A deleted instance's cache stays deleted; don't resurrect it.
        return cache
    cache.update(values)
    context.session.flush()
    return cache


@main_api.pick_context_manager_writer
def instance_info_cache_delete(context, instance_uuid):
    """Soft-delete the info cache of ``instance_uuid``."""
    context.session.execute(
        sa.update(models.InstanceInfoCache)
        .where(models.InstanceInfoCache.instance_uuid == instance_uuid,
               models.InstanceInfoCache.deleted == 0)
        .values(**services_api.soft_delete_values())
        .execution_options(synchronize_session=False))


@main_api.pick_context_manager_reader
def instance_get_active_by_window_joined(context, begin, end=None,
                                         project_id=None, host=None,
                                         columns_to_join=None, limit=None,
                                         marker=None):
    """:returns: instances (deleted ones too) that ran between begin and end.

    An instance ran in the window when it was not terminated before
    ``begin`` and was launched before ``end``.

    :param marker: uuid of the last instance of the previous page.
    :raises: MarkerNotFound
    """
    inst = models.Instance
    query = _select(context, inst, read_deleted='yes').options(
        *_join_options(columns_to_join or []))
    query = query.where(sa.or_(inst.terminated_at.is_(None),
                               inst.terminated_at > begin))
    if end is not None:
        query = query.where(inst.launched_at < end)
    if project_id is not None:
        query = query.where(inst.project_id == project_id)
    if host is not None:
        query = query.where(inst.host == host)
    marker_row = None
    if marker is not None:
        marker_row = context.session.execute(
            _select(context, inst, read_deleted='yes').filter_by(
                uuid=marker)).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
    query = sqlalchemyutils.paginate_query(
        query, inst, limit, ['project_id', 'uuid'], marker=marker_row,
        sort_dirs=['asc', 'asc'])
    return context.session.execute(query).unique().scalars().all()
