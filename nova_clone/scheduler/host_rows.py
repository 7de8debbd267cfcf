"""What the HostManager reads from a cell database on every request.

For the candidate compute nodes of one cell: a change stamp per node,
their hosts' compute services and the uuids of the live instances on
those hosts, in one reader transaction, with SQLAlchemy Core on the
models' tables (no ORM entities, no versioned objects: at 1,000 candidates
the three object queries this replaces were most of the scheduler's own
time per request). Whole ComputeNode objects are still loaded through
the objects layer, but only for the nodes whose stamp changed.
"""

import sqlalchemy as sa

from nova_clone.compute import vm_states
from nova_clone.db.main import api as main_api
from nova_clone.db.main import models

# NOTE: bound parameters per IN list (SQLite allows 32,766; MySQL has no
# small limit), so one statement per 500 candidates.
_IN_CHUNK = 500

SERVICE_COLUMNS = ('id', 'uuid', 'host', 'binary', 'topic', 'disabled',
                   'disabled_reason', 'forced_down', 'report_count',
                   'last_seen_up', 'created_at', 'updated_at', 'version')


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start:start + _IN_CHUNK]


def _stamps(session, uuids):
    table = models.ComputeNode.__table__
    query = sa.select(table.c.uuid, table.c.host,
                      table.c.hypervisor_hostname,
                      sa.func.coalesce(table.c.updated_at,
                                       table.c.created_at)
                      ).where(table.c.deleted == 0)
    if uuids is None:
        return [tuple(row) for row in
                session.execute(query.order_by(table.c.id)).all()]
    rows = []
    for chunk in _chunks(uuids):
        rows.extend(tuple(row) for row in session.execute(
            query.where(table.c.uuid.in_(chunk))).all())
    return rows


def _services(session, hosts):
    table = models.Service.__table__
    columns = [table.c[name] for name in SERVICE_COLUMNS]
    services = {}
    for chunk in _chunks(hosts):
        for row in session.execute(
                sa.select(*columns).where(
                    table.c.deleted == 0,
                    table.c.binary == 'nova-compute',
                    table.c.host.in_(chunk)).order_by(table.c.id)).all():
            service = dict(zip(SERVICE_COLUMNS, row))
            service['disabled'] = bool(service['disabled'])
            service['forced_down'] = bool(service['forced_down'])
            services.setdefault(service['host'], service)
    return services


def _instances(session, hosts):
    table = models.Instance.__table__
    instances = {host: [] for host in hosts}
    for chunk in _chunks(hosts):
        for uuid, host in session.execute(
                sa.select(table.c.uuid, table.c.host).where(
                    table.c.deleted == 0,
                    sa.or_(table.c.vm_state != vm_states.SOFT_DELETED,
                           table.c.vm_state.is_(None)),
                    table.c.host.in_(chunk))).all():
            instances[host].append(uuid)
    return instances


@main_api.pick_context_manager_reader
def candidate_rows(context, node_uuids=None):
    """Read the candidates of one cell (``context`` targets it).

    :param node_uuids: compute node uuids; None means every live node.
    :returns: ``(stamps, services, instances)``: ``stamps`` a list of
        ``(uuid, host, hypervisor_hostname, changed_at)`` of the live
        nodes among ``node_uuids`` (``changed_at`` is the row's
        ``updated_at``, else ``created_at``); ``services`` ``{host:
        dict}`` of the hosts' live nova-compute services (disabled ones
        included; keys :data:`SERVICE_COLUMNS`); ``instances`` ``{host:
        [uuid]}`` of the live, not soft-deleted instances on those hosts.
    """
    session = context.session
    stamps = _stamps(session, node_uuids)
    hosts = sorted({host for _uuid, host, _node, _stamp in stamps})
    return stamps, _services(session, hosts), _instances(session, hosts)
