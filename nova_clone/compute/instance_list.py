"""One sorted, paged server list over the API DB's build requests and
every cell.

Servers still waiting for a cell (build requests) come first, as in nova;
then each cell is asked for at most ``limit`` rows continuing after the
marker's sort values, and the per-cell lists are merged in sort order. A
marker from one cell is turned into sort-key values so every other cell can
continue after the same point; ``uuid`` is always the last sort key, which
makes that point unambiguous across cells.
"""

import functools
import heapq
import re

from oslo_log import log as logging

from nova_clone.compute import api as compute_api
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects

LOG = logging.getLogger(__name__)

# NOTE: filters a build request (no host yet, never deleted) can answer.
_BUILD_EXACT = ('project_id', 'user_id', 'uuid', 'vm_state', 'task_state',
                'image_ref', 'instance_type_id', 'reservation_id',
                'key_name', 'availability_zone', 'locked', 'config_drive')
_BUILD_NEVER = ('host', 'node', 'launched_at', 'terminated_at', 'ip',
                'ip6', 'deleted', 'metadata', 'system_metadata')


def _compare(a, b, direction):
    if a == b:
        return 0
    # NOTE: NULLs sort first ascending, as MySQL/SQLite put them.
    if a is None:
        result = -1
    elif b is None:
        result = 1
    else:
        result = -1 if a < b else 1
    return -result if direction == 'desc' else result


def _sort_key(sort_keys, sort_dirs):
    def cmp(inst_a, inst_b):
        for key, direction in zip(sort_keys, sort_dirs):
            result = _compare(getattr(inst_a, key, None),
                              getattr(inst_b, key, None), direction)
            if result:
                return result
        return 0
    return functools.cmp_to_key(cmp)


def _build_request_matches(instance, filters):
    for key, value in filters.items():
        if key in _BUILD_NEVER:
            if key == 'deleted' and not value:
                continue
            return False
        if key == 'name_regex':
            if not re.search(value, instance.display_name or ''):
                return False
        elif key in ('changes-since', 'changes-before'):
            stamp = instance.updated_at or instance.created_at
            if stamp is None:
                continue
            if key == 'changes-since' and stamp < value:
                return False
            if key == 'changes-before' and stamp > value:
                return False
        elif key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            if not _tags_match(instance, key, value):
                return False
        elif key in _BUILD_EXACT:
            actual = getattr(instance, key, None) \
                if instance.obj_attr_is_set(key) else None
            wanted = value if isinstance(value, (list, tuple, set)) \
                else [value]
            if actual not in wanted:
                return False
        elif key in ('soft_deleted', 'cleaned'):
            continue
        else:
            # NOTE: a column only a scheduled instance has: not a match.
            return False
    return True


def _tags_match(instance, key, value):
    have = {t.tag for t in (instance.tags if instance.obj_attr_is_set(
        'tags') else [])}
    wanted = set(value if isinstance(value, list) else value.split(','))
    if key == 'tags':
        return wanted <= have
    if key == 'tags-any':
        return bool(wanted & have)
    if key == 'not-tags':
        return not wanted <= have
    return not wanted & have


def _build_instances(context, filters, sort_keys, sort_dirs):
    instances = []
    for request in objects.BuildRequestList.get_all(context):
        instance = compute_api.build_request_instance(request)
        if not context.is_admin and \
                instance.project_id != context.project_id:
            continue
        if _build_request_matches(instance, filters):
            instances.append(instance)
    instances.sort(key=_sort_key(sort_keys, sort_dirs))
    return instances


def _find_marker(context, cells, marker, sort_keys):
    """:returns: the marker's sort-key values, from whichever cell has it.

    :raises: MarkerNotFound
    """
    for cell in cells:
        with nova_context.target_cell(context, cell) as cctxt:
            try:
                inst = objects.Instance.get_by_uuid(
                    cctxt.elevated(read_deleted='yes'), marker,
                    expected_attrs=[])
            except exception.InstanceNotFound:
                continue
        return {key: getattr(inst, key, None) for key in sort_keys}
    raise exception.MarkerNotFound(marker=marker)


def get_instances_sorted(context, filters, limit=None, marker=None,
                         expected_attrs=None, sort_keys=None,
                         sort_dirs=None):
    """:returns: a list of Instance objects in the requested order.

    :raises: MarkerNotFound, InvalidSortKey
    """
    sort_keys = list(sort_keys or ['created_at'])
    sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
    if 'uuid' not in sort_keys:
        sort_keys.append('uuid')
        sort_dirs.append(sort_dirs[0])
    cells = objects.CellMappingList.get_all(context)

    result = []
    marker_values = None
    builds = _build_instances(context, filters, sort_keys, sort_dirs)
    build_uuids = [inst.uuid for inst in builds]
    if marker is None:
        result.extend(builds)
    elif marker in build_uuids:
        result.extend(builds[build_uuids.index(marker) + 1:])
        marker = None
    else:
        marker_values = _find_marker(context, cells, marker, sort_keys)
    if limit is not None and len(result) >= limit:
        return result[:limit]
    remaining = None if limit is None else limit - len(result)

    per_cell = []
    for cell in cells:
        with nova_context.target_cell(context, cell) as cctxt:
            try:
                found = objects.InstanceList.get_by_filters(
                    cctxt, dict(filters), limit=remaining,
                    expected_attrs=expected_attrs, sort_keys=sort_keys,
                    sort_dirs=sort_dirs, marker_values=marker_values)
            except exception.InvalidSortKey:
                raise
            except Exception:
                # NOTE: one unreachable cell must not fail the whole list;
                # nova leaves such a cell's servers out too.
                LOG.exception('Listing instances in cell %s failed',
                              cell.identity)
                continue
        per_cell.append(list(found))
    merged = heapq.merge(*per_cell, key=_sort_key(sort_keys, sort_dirs))
    for inst in merged:
        if remaining is not None and remaining <= 0:
            break
        result.append(inst)
        if remaining is not None:
            remaining -= 1
    return result
