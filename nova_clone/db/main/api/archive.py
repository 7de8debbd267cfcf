"""Move soft-deleted cell rows to the shadow tables, and purge those.

This backs ``nova-manage db archive_deleted_rows`` and ``nova-manage db
purge``. A soft-deleted row has ``deleted`` set to its own id. Archiving
copies such rows into ``shadow_<table>`` and deletes them from the live
table; rows that reference an archived row by foreign key (an instance's
extra, metadata, actions and their events, ...) go with it, whatever their
own ``deleted`` value, in the same transaction so nothing is left orphaned.
"""

import sqlalchemy as sa
from oslo_db import exception as db_exc
from oslo_log import log as logging
from sqlalchemy import exc as sa_exc

from nova_clone.db.main import api as main_api
from nova_clone.db.main import models

LOG = logging.getLogger(__name__)

SHADOW_TABLE_PREFIX = 'shadow_'

# NOTE: these rows are never soft-deleted (actions and events follow their
# instance; task_log rows are only ever archived with task_log=True), so
# their deleted_at stays NULL and another column has to date them.
_PURGE_DATE_COLUMNS = {
    SHADOW_TABLE_PREFIX + 'instance_actions': 'created_at',
    SHADOW_TABLE_PREFIX + 'instance_actions_events': 'created_at',
    SHADOW_TABLE_PREFIX + 'task_log': 'updated_at',
}


def _shadow_of(table):
    """:returns: a lightweight ``shadow_<table>`` with the same column names.

    Shadow tables have no models; a name-only table clause is enough to
    INSERT ... SELECT into them.
    """
    return sa.table(SHADOW_TABLE_PREFIX + table.name,
                    *[sa.column(c.name) for c in table.columns])


def _referencing_tables(table):
    """:returns: ``(child_table, foreign_key)`` pairs pointing at ``table``.

    Only children that can be archived (i.e. have a shadow table) count.
    """
    found = []
    for child in models.soft_deletable_tables():
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk))
    return found


def _dependent_rows(conn, table, ids):
    """Find the rows that reference rows ``ids`` of ``table``, recursively.

    :param conn: the connection (inside the archive transaction).
    :param table: the parent table.
    :param ids: primary keys of the parent rows being archived.
    :returns: a list of ``(table, ids)``, children before their parents, so
        moving them in list order never breaks a foreign key.
    """
    moves = []
    for child, fk in _referencing_tables(table):
        parent_keys = sa.select(fk.column).where(table.c.id.in_(ids))
        child_ids = [row[0] for row in conn.execute(
            sa.select(child.c.id).where(fk.parent.in_(parent_keys))
            .order_by(child.c.id))]
        if child_ids:
            moves.extend(_dependent_rows(conn, child, child_ids))
            moves.append((child, child_ids))
    return moves


def _candidates_query(table, max_rows, before, task_log):
    query = sa.select(table.c.id)
    if table.name == 'task_log' and task_log:
        # NOTE: nothing soft-deletes task_log rows; with task_log=True they
        # are archived by age (updated_at), or all of them without a date.
        if before is not None:
            query = query.where(table.c.updated_at < before)
    else:
        query = query.where(table.c.deleted != 0)
        if before is not None:
            query = query.where(table.c.deleted_at < before)
    query = query.order_by(table.c.id)
    if max_rows is not None:
        query = query.limit(max_rows)
    return query


def _move(conn, table, ids):
    """Copy rows ``ids`` of ``table`` to its shadow, then delete them.

    :returns: the number of rows removed from ``table``.
    """
    shadow = _shadow_of(table)
    names = [c.name for c in table.columns]
    conn.execute(shadow.insert().from_select(
        names, sa.select(*table.columns).where(table.c.id.in_(ids))))
    return conn.execute(table.delete().where(table.c.id.in_(ids))).rowcount


def _archive_table(engine, table, max_rows, before, task_log):
    """Archive one table's deleted rows, with the rows that depend on them.

    A batch is built one parent row at a time and closes once it holds
    ``max_rows`` rows counting dependents, so a parent is never split from
    its children (a batch may therefore exceed ``max_rows``).

    :returns: ``(rows archived from table, deleted instance uuids,
        {child table name: rows archived})``.
    """
    extras = {}
    with engine.connect() as conn:
        try:
            with conn.begin():
                records = [row[0] for row in conn.execute(
                    _candidates_query(table, max_rows, before, task_log))]
                if not records:
                    return 0, [], extras

                batch_moves = []
                batch_ids = []
                batch_rows = 0
                for record in records:
                    dependents = _dependent_rows(conn, table, [record])
                    batch_moves.extend(dependents)
                    batch_moves.append((table, [record]))
                    batch_ids.append(record)
                    batch_rows += 1 + sum(len(ids) for _, ids in dependents)
                    if max_rows is not None and batch_rows >= max_rows:
                        break

                uuids = []
                if table.name == 'instances':
                    # NOTE: the caller needs these to clean the API database
                    # (instance mappings, request specs, group members).
                    uuids = [row[0] for row in conn.execute(
                        sa.select(table.c.uuid)
                        .where(table.c.id.in_(batch_ids)))]

                archived = 0
                for moved_table, ids in batch_moves:
                    count = _move(conn, moved_table, ids)
                    if moved_table is table:
                        archived += count
                    else:
                        extras[moved_table.name] = (
                            extras.get(moved_table.name, 0) + count)
        except (db_exc.DBReferenceError, sa_exc.IntegrityError) as exc:
            # A row outside the shadowed tables still points at one of
            # these; skip the table this round rather than fail the run.
            LOG.warning('IntegrityError detected when archiving table '
                        '%(table)s: %(error)s',
                        {'table': table.name, 'error': exc})
            return 0, [], {}
    return archived, uuids, extras


def archive_deleted_rows(context=None, max_rows=None, before=None,
                         task_log=False):
    """Move soft-deleted rows of the cell database to its shadow tables.

    Tables are visited parents first; each archived row takes the rows that
    reference it by foreign key along (children of a deleted instance go
    with it). Call repeatedly until it returns 0 to archive everything.

    :param context: a RequestContext, possibly targeted at a cell; None
        means this service's own ``[database]``.
    :param max_rows: stop once about this many rows were moved (a parent is
        never split from its children, so it may be exceeded); None for no
        limit.
    :param before: only rows with ``deleted_at`` older than this datetime.
    :param task_log: also archive ``task_log`` rows (by ``updated_at``
        when ``before`` is given).
    :returns: ``(table_to_rows_archived, deleted_instance_uuids,
        total_rows_archived)``: a dict of table name to rows moved, the
        uuids of the instances archived, and the total number of rows.
    """
    engine = main_api.get_engine(context)
    table_to_rows_archived = {}
    deleted_instance_uuids = []
    total_rows_archived = 0
    for table in models.soft_deletable_tables():
        remaining = (None if max_rows is None
                     else max_rows - total_rows_archived)
        archived, uuids, extras = _archive_table(
            engine, table, remaining, before, task_log)
        total_rows_archived += archived
        if table.name == 'instances':
            deleted_instance_uuids = uuids
        if archived:
            table_to_rows_archived[table.name] = (
                table_to_rows_archived.get(table.name, 0) + archived)
            for name, count in extras.items():
                table_to_rows_archived[name] = (
                    table_to_rows_archived.get(name, 0) + count)
                total_rows_archived += count
        if max_rows is not None and total_rows_archived >= max_rows:
            break
    return table_to_rows_archived, deleted_instance_uuids, total_rows_archived


def _shadow_tables(conn):
    metadata = sa.MetaData()
    names = [name for name in sa.inspect(conn).get_table_names()
             if name.startswith(SHADOW_TABLE_PREFIX)]
    metadata.reflect(bind=conn, only=names)
    return metadata.sorted_tables


def _purge_date_column(table):
    name = _PURGE_DATE_COLUMNS.get(table.name)
    if name is None:
        for candidate in ('deleted_at', 'updated_at', 'created_at'):
            if candidate in table.c:
                name = candidate
                break
    return None if name is None else table.c[name]


def purge_shadow_tables(context, before_date, status_fn=None):
    """Delete archived rows from every shadow table of the cell database.

    :param context: a RequestContext, possibly targeted at a cell; None
        means this service's own ``[database]``.
    :param before_date: only rows dated before this datetime (deleted_at;
        created_at for actions and events; updated_at for task_log), or
        None for all rows.
    :param status_fn: called with a progress message per table.
    :returns: the number of rows deleted.
    """
    if status_fn is None:
        def status_fn(message):
            return None
    engine = main_api.get_engine(context)
    total_deleted = 0
    with engine.connect() as conn:
        with conn.begin():
            shadow_tables = _shadow_tables(conn)
        for table in shadow_tables:
            column = None
            if before_date is not None:
                column = _purge_date_column(table)
                if column is None:
                    status_fn(f'Unable to purge table {table.name} because '
                              'it has no timestamp column')
                    continue
            delete = table.delete()
            if column is not None:
                delete = delete.where(column < before_date)
            with conn.begin():
                deleted = conn.execute(delete).rowcount
            if deleted > 0:
                col = column.name if column is not None else '(n/a)'
                status_fn(f'Deleted {deleted} rows from {table.name} based '
                          f'on timestamp column {col}')
            total_deleted += deleted
    return total_deleted
