"""The quota engine: limits, usage counting and the checks behind nova's
quota 403s (the ``DbQuotaDriver`` semantics).

A limit is resolved most specific first: a project+user override, a
project override, the ``default`` quota class, then ``[quota]`` in the
config; -1 means unlimited. Nothing is reserved: usage is counted when
needed. Instances, cores and RAM are summed over every cell database
(cell0's failed builds included, as nova counts them) plus the build
requests still queued in the API database, so a burst of creates is
counted before the conductor places them. A cell that cannot be reached
counts as empty.

The deprecated network quotas (fixed_ips, floating_ips, security_groups,
security_group_rules) have no config option: they default to -1 and only
the API's older microversions show them.
"""

from oslo_log import log as logging
import sqlalchemy as sa

from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone.db.main import api as main_api
from nova_clone.db.main import models as main_models
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

NOOP_DRIVER = 'nova.quota.NoopQuotaDriver'

# resource -> its [quota] option (None: no option, the default is -1).
_OPTIONS = {
    'instances': 'instances',
    'cores': 'cores',
    'ram': 'ram',
    'metadata_items': 'metadata_items',
    'injected_files': 'injected_files',
    'injected_file_content_bytes': 'injected_file_content_bytes',
    'injected_file_path_bytes': 'injected_file_path_length',
    'key_pairs': 'key_pairs',
    'server_groups': 'server_groups',
    'server_group_members': 'server_group_members',
    'fixed_ips': None,
    'floating_ips': None,
    'security_groups': None,
    'security_group_rules': None,
}
RESOURCES = tuple(_OPTIONS)
INSTANCE_RESOURCES = ('instances', 'cores', 'ram')
# NOTE: key pairs and group members are per-user and per-group counts;
# like nova, they show no usage and never block a limit change.
PROJECT_COUNTED = INSTANCE_RESOURCES + ('server_groups',)
NETWORK_RESOURCES = ('fixed_ips', 'floating_ips', 'security_groups',
                     'security_group_rules')


def _noop():
    return CONF.quota.driver == NOOP_DRIVER


def _known(values):
    return {k: v for k, v in values.items() if k in _OPTIONS}


def _config_defaults():
    return {name: (getattr(CONF.quota, opt) if opt else -1)
            for name, opt in _OPTIONS.items()}


def get_defaults(context):
    """:returns: {resource: limit} of the config and the default class."""
    if _noop():
        return dict.fromkeys(RESOURCES, -1)
    limits = _config_defaults()
    limits.update(_known(objects.Quotas.get_default_class(context)))
    return limits


def get_class_quotas(context, class_name):
    """:returns: {resource: limit} of a quota class (defaults fill gaps)."""
    limits = get_defaults(context)
    if _noop():
        return limits
    limits.update(_known(objects.Quotas.get_all_class_by_name(
        context, class_name)))
    return limits


def get_limits(context, project_id, user_id=None):
    """:returns: {resource: limit} in force for the project (or user)."""
    limits = get_defaults(context)
    if _noop():
        return limits
    limits.update(_known(objects.Quotas.get_all_by_project(context,
                                                           project_id)))
    if user_id:
        limits.update(_known(objects.Quotas.get_all_by_project_and_user(
            context, project_id, user_id)))
    return limits


@main_api.pick_context_manager_reader
def _count_in_cell(context, project_id, user_id, pending):
    """:returns: ((n, cores, ram) of the project, of the user, the uuids
        of ``pending`` already in this cell).
    """
    model = main_models.Instance
    mine = model.user_id == (user_id or '')

    def _sum(column, where=None):
        value = column if where is None else sa.case((where, column),
                                                     else_=0)
        return sa.func.coalesce(sa.func.sum(value), 0)

    query = sa.select(
        sa.func.count(model.id), _sum(model.vcpus), _sum(model.memory_mb),
        _sum(sa.literal(1), mine), _sum(model.vcpus, mine),
        _sum(model.memory_mb, mine),
    ).where(
        model.deleted == 0, model.project_id == project_id,
        sa.or_(model.vm_state != vm_states.SOFT_DELETED,
               model.vm_state.is_(None)),
        sa.or_(model.hidden.is_(sa.false()), model.hidden.is_(None)))
    row = [int(v) for v in context.session.execute(query).one()]
    placed = set()
    if pending:
        placed = set(context.session.execute(
            sa.select(model.uuid).where(model.uuid.in_(pending))
        ).scalars())
    return row[:3], row[3:], placed


def count_instances(context, project_id, user_id=None):
    """Count not-deleted servers, their vCPUs and RAM in every cell plus
    the queued build requests.

    :returns: ``{'project': {'instances', 'cores', 'ram'}, 'user': {...}}``
        (the user part only with ``user_id``).
    """
    admin = context.elevated()
    totals = {'project': [0, 0, 0], 'user': [0, 0, 0]}
    queued = objects.BuildRequestList.get_queued_usage(admin, project_id)
    for cell in objects.CellMappingList.get_all(admin):
        try:
            with nova_context.target_cell(admin, cell) as cctxt:
                project, user, placed = _count_in_cell(
                    cctxt, project_id, user_id, list(queued))
        except Exception:
            LOG.warning('Cell %s could not be counted for quota; its '
                        'servers are not counted.', cell.uuid,
                        exc_info=True)
            continue
        for scope, row in (('project', project), ('user', user)):
            totals[scope] = [a + b for a, b in zip(totals[scope], row)]
        for uuid in placed:
            queued.pop(uuid, None)
    for inst in queued.values():
        row = [1, inst.vcpus or 0, inst.memory_mb or 0]
        scopes = ['project'] + (['user'] if user_id and
                                inst.user_id == user_id else [])
        for scope in scopes:
            totals[scope] = [a + b for a, b in zip(totals[scope], row)]
    counts = {'project': dict(zip(INSTANCE_RESOURCES, totals['project']))}
    if user_id:
        counts['user'] = dict(zip(INSTANCE_RESOURCES, totals['user']))
    return counts


def count_usage(context, project_id, user_id=None):
    """:returns: {resource: in use} of the project (or of the user in it)
        for the resources counted across a project.
    """
    scope = 'user' if user_id else 'project'
    usage = dict(count_instances(context, project_id, user_id)[scope])
    groups = objects.InstanceGroupList.get_counts(
        context.elevated(), project_id, user_id=user_id)
    usage['server_groups'] = groups[scope]['server_groups']
    return usage


def get_project_quotas(context, project_id, user_id=None, usages=False):
    """:returns: ``{resource: {'limit', 'in_use', 'reserved'}}``.

    With ``user_id`` the limits and usage are the user's in the project.
    Without ``usages`` nothing is counted and ``in_use`` is 0. The noop
    driver reports -1 everywhere, as nova's does.
    """
    if _noop():
        used = -1 if usages else 0
        return {name: {'limit': -1, 'in_use': used, 'reserved': used}
                for name in RESOURCES}
    limits = get_limits(context, project_id, user_id)
    used = count_usage(context, project_id, user_id) if usages else {}
    return {name: {'limit': limit, 'in_use': used.get(name, 0),
                   'reserved': 0}
            for name, limit in limits.items()}


@api_db_api.context_manager.reader
def _user_limit_totals(context, project_id):
    """:returns: {resource: sum of every user's limit in the project}."""
    model = api_models.ProjectUserQuota
    rows = context.session.execute(
        sa.select(model.resource, sa.func.sum(model.hard_limit))
        .where(model.project_id == project_id)
        .group_by(model.resource)).all()
    return {resource: int(total) for resource, total in rows}


def get_settable_quotas(context, project_id, user_id=None):
    """:returns: ``{resource: {'minimum', 'maximum'}}`` a new limit must
        respect; -1 as maximum means no maximum.

    The minimum is what is in use. A user's maximum is what the project's
    limit leaves after every other user's limit.
    """
    if _noop():
        return {name: {'minimum': 0, 'maximum': -1} for name in RESOURCES}
    project = get_project_quotas(context, project_id, usages=not user_id)
    if not user_id:
        return {name: {'minimum': value['in_use'], 'maximum': -1}
                for name, value in project.items()}
    user = get_project_quotas(context, project_id, user_id, usages=True)
    given = _user_limit_totals(context, project_id)
    own = _known(objects.Quotas.get_all_by_project_and_user(
        context, project_id, user_id))
    settable = {}
    for name, value in project.items():
        limit = value['limit']
        maximum = -1
        if limit >= 0:
            maximum = limit - given.get(name, 0) + own.get(name, 0)
        settable[name] = {'minimum': user[name]['in_use'],
                          'maximum': maximum}
    return settable


def _headroom(context, project_id, user_id, counts, resources):
    """:returns: ({resource: room}, {resource: limit}, {resource: used})
        from the tighter of the project's and the user's limits; an
        unlimited resource is left out.
    """
    room, limits, used = {}, {}, {}
    scopes = [('project', get_limits(context, project_id))]
    if user_id:
        scopes.append(('user', get_limits(context, project_id, user_id)))
    for scope, scope_limits in scopes:
        for name in resources:
            limit = scope_limits[name]
            if limit < 0:
                continue
            in_use = counts[scope][name]
            if name not in room or limit - in_use < room[name]:
                room[name] = limit - in_use
                limits[name], used[name] = limit, in_use
    return room, limits, used


def check_num_instances_quota(context, flavor, min_count, max_count,
                              project_id=None, user_id=None):
    """:returns: ``max_count`` when every server fits, else the most that
        fit if that is at least ``min_count``.

    :raises: TooManyInstances naming each resource that ``max_count``
        servers would take over its limit.
    """
    if _noop():
        return max_count
    project_id = project_id or context.project_id
    user_id = user_id or context.user_id
    each = {'instances': 1, 'cores': flavor.vcpus or 0,
            'ram': flavor.memory_mb or 0}
    counts = count_instances(context, project_id, user_id)
    room, limits, used = _headroom(context, project_id, user_id, counts,
                                   INSTANCE_RESOURCES)
    overs = sorted(name for name in room
                   if max_count * each[name] > room[name])
    if not overs:
        return max_count
    allowed = max_count
    for name, per_server in each.items():
        if name in room and per_server:
            allowed = min(allowed, room[name] // per_server)
    if min_count <= allowed <= max_count:
        return allowed
    if min_count == max_count:
        requested = {'instances': str(min_count)}
    else:
        requested = {'instances': '%d-%d' % (min_count, max_count)}
    requested['cores'] = str(max_count * each['cores'])
    requested['ram'] = str(max_count * each['ram'])
    LOG.debug('%(overs)s quota exceeded for %(pid)s, tried to run '
              '%(min)d-%(max)d servers; %(allowed)d fit.',
              {'overs': overs, 'pid': project_id, 'min': min_count,
               'max': max_count, 'allowed': max(allowed, 0)})
    raise exception.TooManyInstances(
        overs=', '.join(overs),
        req=', '.join(requested[name] for name in overs),
        used=', '.join(str(used[name]) for name in overs),
        allowed=', '.join(str(limits[name]) for name in overs))


def check_metadata_quota(context, metadata, project_id=None):
    """:raises: MetadataLimitExceeded when there are too many items."""
    if _noop():
        return
    project_id = project_id or context.project_id
    user_id = context.user_id if project_id == context.project_id else None
    limit = get_limits(context, project_id, user_id)['metadata_items']
    if 0 <= limit < len(metadata or {}):
        raise exception.MetadataLimitExceeded(allowed=limit)


def check_server_groups(context, project_id, user_id):
    """:raises: OverQuota when one more group would exceed the project's
        or the user's server_groups limit.
    """
    if _noop():
        return
    counts = objects.InstanceGroupList.get_counts(
        context.elevated(), project_id, user_id=user_id)
    room, _limits, _used = _headroom(context, project_id, user_id, counts,
                                     ('server_groups',))
    if room.get('server_groups', 1) < 1:
        raise exception.OverQuota(
            overs='server_groups',
            message=_('Quota exceeded, too many server groups.'))


def check_server_group_members(context, group, adding, user_id=None):
    """:raises: OverQuota when ``adding`` more servers of the user would
        put more than server_group_members of theirs in ``group``.
    """
    if _noop() or not adding:
        return
    user_id = user_id or context.user_id
    limit = get_limits(context, context.project_id,
                       user_id)['server_group_members']
    if limit < 0:
        return
    members = list(group.members or [])
    mine = 0
    if members:
        mappings = objects.InstanceMappingList.get_by_instance_uuids(
            context.elevated(), members)
        mine = sum(1 for m in mappings
                   if m.user_id == user_id and not m.queued_for_delete)
    if mine + adding > limit:
        raise exception.OverQuota(
            overs='server_group_members',
            message=_('Quota exceeded, too many servers in group'))


def check_key_pairs(context, user_id=None, adding=1):
    """:raises: KeypairLimitExceeded when the user has all their key pairs.
    """
    if _noop():
        return
    user_id = user_id or context.user_id
    limits = get_limits(context, context.project_id, user_id)['key_pairs']
    if limits < 0:
        return
    count = objects.KeyPairList.get_count_by_user(context.elevated(),
                                                  user_id)
    if count + adding > limits:
        raise exception.KeypairLimitExceeded()
