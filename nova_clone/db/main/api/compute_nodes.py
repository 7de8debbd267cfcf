"""Cell DB queries of the compute_nodes table."""

from oslo_utils import timeutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select


def _node_or_raise(context, compute_id):
    node = context.session.execute(
        _select(context, models.ComputeNode).filter_by(id=compute_id)
    ).scalars().first()
    if node is None:
        raise exception.ComputeHostNotFound(host=compute_id)
    return node


@main_api.pick_context_manager_reader
def compute_node_get(context, compute_id):
    """:returns: compute node row ``compute_id``.

    :raises: ComputeHostNotFound
    """
    return _node_or_raise(context, compute_id)


@main_api.pick_context_manager_reader
def compute_node_get_by_uuid(context, node_uuid):
    """:returns: the compute node row with ``node_uuid``.

    :raises: ComputeHostNotFound
    """
    node = context.session.execute(
        _select(context, models.ComputeNode).filter_by(uuid=node_uuid)
    ).scalars().first()
    if node is None:
        raise exception.ComputeHostNotFound(host=node_uuid)
    return node


@main_api.pick_context_manager_reader
def compute_node_get_by_host_and_nodename(context, host, nodename):
    """:returns: the node ``nodename`` of ``host``.

    :raises: ComputeHostNotFound
    """
    node = context.session.execute(
        _select(context, models.ComputeNode).filter_by(
            host=host, hypervisor_hostname=nodename)
        .order_by(models.ComputeNode.id)).scalars().first()
    if node is None:
        raise exception.ComputeHostNotFound(host=host)
    return node


@main_api.pick_context_manager_reader
def compute_node_get_all_by_host(context, host):
    """:returns: the nodes of ``host``.

    :raises: ComputeHostNotFound when it has none.
    """
    nodes = context.session.execute(
        _select(context, models.ComputeNode).filter_by(host=host)
        .order_by(models.ComputeNode.id)).scalars().all()
    if not nodes:
        raise exception.ComputeHostNotFound(host=host)
    return nodes


@main_api.pick_context_manager_reader
def compute_node_get_all(context):
    """:returns: every live compute node row."""
    return context.session.execute(
        _select(context, models.ComputeNode).order_by(models.ComputeNode.id)
    ).scalars().all()


# NOTE: keeps each IN (...) under every backend's bound-parameter limit.
_IN_CHUNK = 500


@main_api.pick_context_manager_reader
def compute_node_get_all_by_uuids(context, uuids):
    """:returns: the live nodes among ``uuids``, ordered by id."""
    uuids = list(uuids)
    rows = []
    for start in range(0, len(uuids), _IN_CHUNK):
        rows.extend(context.session.execute(
            _select(context, models.ComputeNode).where(
                models.ComputeNode.uuid.in_(uuids[start:start + _IN_CHUNK]))
        ).scalars().all())
    return sorted(rows, key=lambda row: row.id)


@main_api.pick_context_manager_reader
def compute_node_get_stamps(context, uuids=None):
    """:returns: ``(uuid, host, hypervisor_hostname, changed_at)`` tuples
    of the live nodes (among ``uuids``), ``changed_at`` being the row's
    updated_at or else created_at: cheap rows for change detection.
    """
    model = models.ComputeNode
    columns = (model.uuid, model.host, model.hypervisor_hostname,
               sa.func.coalesce(model.updated_at, model.created_at))
    if uuids is None:
        return [tuple(row) for row in context.session.execute(
            _select(context, model, *columns).order_by(model.id))]
    uuids = list(uuids)
    rows = []
    for start in range(0, len(uuids), _IN_CHUNK):
        rows.extend(tuple(row) for row in context.session.execute(
            _select(context, model, *columns).where(
                model.uuid.in_(uuids[start:start + _IN_CHUNK]))))
    return rows


@main_api.pick_context_manager_reader
def compute_node_get_all_by_pagination(context, limit=None, marker=None):
    """:returns: nodes ordered by id, after the node with id ``marker``.

    :raises: MarkerNotFound if ``marker`` is not a live node id.
    """
    query = _select(context, models.ComputeNode).order_by(
        models.ComputeNode.id)
    if marker is not None:
        _node_or_raise_marker(context, marker)
        query = query.where(models.ComputeNode.id > marker)
    if limit is not None:
        query = query.limit(limit)
    return context.session.execute(query).scalars().all()


def _node_or_raise_marker(context, marker):
    try:
        _node_or_raise(context, marker)
    except exception.ComputeHostNotFound:
        raise exception.MarkerNotFound(marker=marker)


@main_api.pick_context_manager_reader
def compute_node_get_all_mapped_less_than(context, mapped_less_than):
    """:returns: nodes whose ``mapped`` counter is below the threshold.

    ``nova-manage cell_v2 discover_hosts`` uses it to find nodes whose
    hosts have no HostMapping yet.
    """
    return context.session.execute(
        _select(context, models.ComputeNode)
        .where(models.ComputeNode.mapped < mapped_less_than)
        .order_by(models.ComputeNode.id)).scalars().all()


@main_api.pick_context_manager_reader
def compute_node_search_by_hypervisor(context, hypervisor_match):
    """:returns: nodes whose hypervisor_hostname contains the match."""
    return context.session.execute(
        _select(context, models.ComputeNode).where(
            models.ComputeNode.hypervisor_hostname.like(
                '%' + hypervisor_match + '%'))).scalars().all()


@main_api.pick_context_manager_writer
def compute_node_create(context, values):
    """Insert a compute node row.

    A duplicate of a node whose row was soft-deleted (the same uuid) is
    revived instead, so a restarted compute keeps its resource provider.

    :returns: the created row.
    """
    if values.get('uuid'):
        deleted = context.session.execute(
            sa.select(models.ComputeNode).where(
                models.ComputeNode.uuid == values['uuid'],
                models.ComputeNode.deleted != 0)).scalars().first()
        if deleted is not None:
            deleted.update(dict(values, deleted=0, deleted_at=None))
            context.session.flush()
            return deleted
    node = models.ComputeNode()
    node.update(values)
    context.session.add(node)
    context.session.flush()
    return node


@main_api.pick_context_manager_writer
def compute_node_update(context, compute_id, values):
    """Update node ``compute_id``.

    :returns: the updated row.
    :raises: ComputeHostNotFound
    """
    node = _node_or_raise(context, compute_id)
    values.setdefault('updated_at', timeutils.utcnow())
    node.update(values)
    context.session.flush()
    return node


@main_api.pick_context_manager_writer
def compute_node_delete(context, compute_id, constraint=None):
    """Soft-delete node ``compute_id``.

    :param constraint: extra ``{column: value}`` the row must match.
    :raises: ComputeHostNotFound (or ConstraintNotMet on a mismatch).
    """
    stmt = sa.update(models.ComputeNode).where(
        models.ComputeNode.id == compute_id,
        models.ComputeNode.deleted == 0)
    for column, value in (constraint or {}).items():
        stmt = stmt.where(getattr(models.ComputeNode, column) == value)
    result = context.session.execute(
        stmt.values(**services_api.soft_delete_values()))
    if not result.rowcount:
        if constraint:
            _node_or_raise(context, compute_id)
            raise exception.ObjectActionError(
                action='destroy', reason='constraint not met')
        raise exception.ComputeHostNotFound(host=compute_id)
