"""Map compute hosts of each cell to that cell (``discover_hosts``)."""

from oslo_db import exception as db_exc
from oslo_log import log as logging

from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

LOG = logging.getLogger(__name__)


def _noop(msg):
    pass


def _map_host(ctxt, host, cell, status_fn, item_uuid):
    status_fn(_("Checking host mapping for compute host '%(host)s': "
                "%(uuid)s") % {'host': host, 'uuid': item_uuid})
    try:
        objects.HostMapping.get_by_host(ctxt, host)
        return False
    except exception.HostMappingNotFound:
        pass
    status_fn(_("Creating host mapping for compute host '%(host)s': "
                "%(uuid)s") % {'host': host, 'uuid': item_uuid})
    mapping = objects.HostMapping(ctxt, host=host, cell_mapping=cell)
    try:
        mapping.create()
    except db_exc.DBDuplicateEntry:
        # NOTE: another discovery (or the scheduler's periodic one) mapped
        # it between our read and our insert.
        raise exception.HostMappingExists(name=host)
    return True


def _discover_by_nodes(ctxt, cctxt, cell, status_fn):
    added = set()
    nodes = objects.ComputeNodeList.get_all_by_not_mapped(cctxt, 1)
    for node in nodes:
        if node.host not in added and _map_host(ctxt, node.host, cell,
                                                status_fn, node.uuid):
            added.add(node.host)
        # NOTE: mark the node mapped even if its host already was (another
        # node of the same service), so it is not examined next time.
        node.mapped = 1
        node.save()
    return added


def _discover_by_services(ctxt, cctxt, cell, status_fn):
    added = set()
    services = objects.ServiceList.get_by_binary(
        cctxt, 'nova-compute', include_disabled=True)
    for service in services:
        if _map_host(ctxt, service.host, cell, status_fn, service.uuid):
            added.add(service.host)
    return added


def discover_hosts(ctxt, cell_uuid=None, status_fn=None, by_service=False):
    """Create HostMappings for unmapped compute hosts.

    :param cell_uuid: only search this cell (default: every cell but cell0).
    :param status_fn: called with progress messages.
    :param by_service: look at nova-compute services, not compute nodes.
    :returns: the list of newly mapped host names.
    """
    status_fn = status_fn or _noop
    cells = [c for c in objects.CellMappingList.get_all(ctxt)
             if not c.is_cell0() and (not cell_uuid or c.uuid == cell_uuid)]
    status_fn(_('Found %s cell mappings.') % len(cells))
    found = []
    for cell in cells:
        status_fn(_("Getting computes from cell '%(name)s': %(uuid)s")
                  % {'name': cell.name, 'uuid': cell.uuid})
        with nova_context.target_cell(ctxt, cell) as cctxt:
            if by_service:
                added = _discover_by_services(ctxt, cctxt, cell, status_fn)
            else:
                added = _discover_by_nodes(ctxt, cctxt, cell, status_fn)
        found.extend(sorted(added))
    return found
