"""The quota engine: limits from config, class, project and user; usage
counted where the resources live; checks that raise nova's 403s.

A limit is resolved most specific first: a project+user override, a
project override, the ``default`` quota class, then ``[quota]`` in the
config. -1 means unlimited. Usage is counted, never tracked: instances
from the API DB's instance mappings (which include queued builds), cores
and RAM from every cell plus the builds still waiting for one.
"""

import sqlalchemy as sa

from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone.db.main import api as main_api
from nova_clone.db.main import models as main_models
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = nova_conf.CONF

# Resources counted across the project (and per user).
COUNTED = ('instances', 'cores', 'ram', 'key_pairs', 'server_groups')
# Limits that apply to one server or one group, not a total.
PER_ITEM = ('metadata_items', 'injected_files', 'injected_file_content_bytes',
            'injected_file_path_length', 'server_group_members')
RESOURCES = COUNTED + PER_ITEM


def default_limits(context):
    """:returns: {resource: limit} from config overridden by the class."""
    limits = {name: getattr(CONF.quota, name) for name in RESOURCES}
    limits.update({k: v for k, v in objects.Quotas.get_default_class(
        context).items() if k in limits})
    return limits


def class_limits(context, class_name):
    limits = default_limits(context)
    if class_name and class_name != 'default':
        found = objects.Quotas.get_all_class_by_name(context, class_name)
        limits.update({k: v for k, v in found.items() if k in limits})
    return limits


def get_limits(context, project_id, user_id=None):
    """:returns: the limits in force for ``project_id`` (and user)."""
    limits = default_limits(context)
    project = objects.Quotas.get_all_by_project(context, project_id)
    limits.update({k: v for k, v in project.items() if k in limits})
    if user_id:
        user = objects.Quotas.get_all_by_project_and_user(
            context, project_id, user_id)
        limits.update({k: v for k, v in user.items() if k in limits})
    return limits


@main_api.pick_context_manager_reader
def _cell_usage(context, project_id, user_id=None):
    model = main_models.Instance
    query = sa.select(sa.func.count(model.id),
                      sa.func.coalesce(sa.func.sum(model.vcpus), 0),
                      sa.func.coalesce(sa.func.sum(model.memory_mb), 0)
                      ).where(model.deleted == 0,
                              model.project_id == project_id)
    if user_id:
        query = query.where(model.user_id == user_id)
    count, cores, ram = context.session.execute(query).one()
    return int(cores), int(ram)


def count_usage(context, project_id, user_id=None):
    """:returns: {resource: in use} for the counted resources."""
    admin = context.elevated()
    counts = objects.InstanceMappingList.get_counts(admin, project_id,
                                                    user_id=user_id)
    scope = 'user' if user_id else 'project'
    usage = {'instances': counts[scope]['instances'], 'cores': 0, 'ram': 0}
    for cell in objects.CellMappingList.get_all(admin):
        with nova_context.target_cell(admin, cell) as cctxt:
            cores, ram = _cell_usage(cctxt, project_id, user_id)
        usage['cores'] += cores
        usage['ram'] += ram
    for request in objects.BuildRequestList.get_all(admin):
        inst = request.instance
        if inst.project_id != project_id or \
                (user_id and inst.user_id != user_id):
            continue
        usage['cores'] += inst.vcpus or 0
        usage['ram'] += inst.memory_mb or 0
    owner = user_id or context.user_id
    usage['key_pairs'] = objects.KeyPairList.get_count_by_user(admin, owner)
    groups = objects.InstanceGroupList.get_counts(admin, project_id,
                                                  user_id=user_id)
    usage['server_groups'] = groups[scope]['server_groups']
    return usage


def get_project_quotas(context, project_id, user_id=None, usages=False):
    """:returns: {resource: {'limit', 'in_use', 'reserved'}}."""
    limits = get_limits(context, project_id, user_id)
    used = count_usage(context, project_id, user_id) if usages else {}
    return {name: {'limit': limit, 'in_use': used.get(name, 0),
                   'reserved': 0}
            for name, limit in limits.items()}


def _headroom(limit, used):
    return None if limit < 0 else limit - used


def check_num_instances_quota(context, flavor, min_count, max_count,
                              project_id=None, user_id=None):
    """:returns: how many of ``max_count`` servers fit (at least min_count).

    :raises: TooManyInstances naming every resource that would overflow.
    """
    project_id = project_id or context.project_id
    user_id = user_id or context.user_id
    per_server = {'instances': 1, 'cores': flavor.vcpus,
                  'ram': flavor.memory_mb}
    allowed = max_count
    overs, details = [], {}
    for scope_user in (None, user_id):
        limits = get_limits(context, project_id, scope_user)
        used = count_usage(context, project_id, scope_user)
        for name, each in per_server.items():
            room = _headroom(limits[name], used[name])
            if room is None or each == 0:
                continue
            fits = max(room, 0) // each
            if fits < allowed:
                allowed = fits
            if fits < min_count and name not in overs:
                overs.append(name)
                details[name] = (used[name], limits[name])
    if overs:
        name = overs[0]
        used, limit = details[name]
        requested = per_server[name] * min_count
        raise exception.TooManyInstances(
            overs=', '.join(overs), req=requested, used=used,
            allowed=limit, resource=name)
    return max(allowed, min_count)


def check_metadata_quota(context, metadata, project_id=None):
    """:raises: MetadataLimitExceeded when there are too many items."""
    limit = get_limits(context, project_id or context.project_id)[
        'metadata_items']
    if 0 <= limit < len(metadata or {}):
        raise exception.MetadataLimitExceeded(allowed=limit)


def check_server_groups(context, project_id, user_id):
    """:raises: OverQuota when the project has all its server groups."""
    limit = get_limits(context, project_id, user_id)['server_groups']
    if limit < 0:
        return
    counts = objects.InstanceGroupList.get_counts(context.elevated(),
                                                  project_id)
    if counts['project']['server_groups'] >= limit:
        raise exception.OverQuota(overs='server_groups',
                                  message=_('Quota exceeded, too many '
                                            'server groups.'))
