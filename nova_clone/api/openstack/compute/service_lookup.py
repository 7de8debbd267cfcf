"""Services, compute nodes, migrations and the instances usage reports
count live in the cell databases; the API walks the real cells for them
(cell0 holds only servers that never got a host)."""

from nova_clone import context as nova_context
from nova_clone import objects


def cells(context):
    return [cell for cell in objects.CellMappingList.get_all(context)
            if not cell.is_cell0()]


def each_cell(context):
    """Yield a context targeted at each real cell."""
    for cell in cells(context):
        with nova_context.target_cell(context, cell) as cctxt:
            yield cctxt


def find(context, getter, *args):
    """:returns: ``getter(cctxt, *args)`` from the first cell that has it,
    or None."""
    for cctxt in each_cell(context):
        try:
            return getter(cctxt, *args)
        except Exception as exc:
            if getattr(exc, 'code', None) == 404:
                continue
            raise
    return None
