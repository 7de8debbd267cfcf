"""Create InstanceMappings for a cell's unmapped instances (map_instances)."""

from nova_clone import context as nova_context
from nova_clone import objects

DEFAULT_BATCH = 50


def _unmapped(ctxt, instances):
    uuids = [inst.uuid for inst in instances]
    mapped = {m.instance_uuid for m in
              objects.InstanceMappingList.get_by_instance_uuids(ctxt, uuids)}
    return [inst for inst in instances if inst.uuid not in mapped]


def map_instances(ctxt, cell, max_count=None):
    """Map up to ``max_count`` unmapped instances of ``cell`` to it.

    Instances are walked oldest first (deleted ones too, as their records
    still exist) in pages of :data:`DEFAULT_BATCH`.

    :param ctxt: an admin RequestContext.
    :param cell: the CellMapping whose database is scanned.
    :param max_count: the most mappings to create; None for all.
    :returns: ``(mapped, remaining)``: how many mappings were created and
        whether unmapped instances are left.
    """
    mapped = 0
    marker = None
    with nova_context.target_cell(ctxt, cell) as cctxt:
        cctxt.read_deleted = 'yes'
        while True:
            page = objects.InstanceList.get_by_filters(
                cctxt, {}, sort_key='created_at',
                sort_dir='asc', limit=DEFAULT_BATCH, marker=marker)
            if not page:
                return mapped, False
            marker = page[-1].uuid
            for inst in _unmapped(ctxt, page):
                if max_count is not None and mapped >= max_count:
                    return mapped, True
                mapping = objects.InstanceMapping(
                    ctxt, instance_uuid=inst.uuid, cell_mapping=cell,
                    project_id=inst.project_id,
                    user_id=inst.user_id or '',
                    queued_for_delete=bool(inst.deleted))
                mapping.create()
                mapped += 1
