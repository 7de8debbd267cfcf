"""The availability-zone rules an aggregate change must keep.

A compute host belongs to exactly one zone: its zoned aggregates must
agree on the name. The internal zone (``internal_service_availability_zone``)
holds only non-compute services. A zone that servers already run in is not
renamed under them: the servers' recorded zone would no longer exist.
"""

from nova_clone import conf
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = conf.CONF
AZ_KEY = 'availability_zone'


def check_zone_name(zone):
    """:raises: InvalidAggregateAction for a name no host may carry."""
    if zone == CONF.internal_service_availability_zone:
        raise exception.InvalidAggregateAction(reason=_(
            'The availability zone "%s" is reserved for internal '
            'services.') % zone)
    if ':' in zone:
        raise exception.InvalidAggregateAction(reason=_(
            "An availability zone name may not contain ':'."))


def _other_zones(context, host, aggregate):
    """:returns: zone names of ``host``'s other zoned aggregates."""
    return {agg.availability_zone
            for agg in objects.AggregateList.get_by_host(context, host,
                                                         key=AZ_KEY)
            if agg.id != aggregate.id}


def check_host_joins(context, aggregate, host):
    """``host`` may join ``aggregate`` only if their zones agree.

    :raises: InvalidAggregateAction
    """
    zone = aggregate.availability_zone
    if not zone:
        return
    others = _other_zones(context, host, aggregate) - {zone}
    if others:
        raise exception.InvalidAggregateAction(reason=_(
            'Cannot add host %(host)s to aggregate %(id)s: the host is '
            'already in availability zone %(zones)s.') % {
                'host': host, 'id': aggregate.id,
                'zones': ', '.join(sorted(others))})


def check_zone_change(context, aggregate, zone):
    """``aggregate`` may become zone ``zone``.

    :raises: InvalidAggregateAction
    """
    check_zone_name(zone)
    if zone == aggregate.availability_zone:
        return
    hosts = aggregate.hosts or []
    conflicting = set()
    for host in hosts:
        conflicting |= _other_zones(context, host, aggregate) - {zone}
    if conflicting:
        raise exception.InvalidAggregateAction(reason=_(
            'Cannot set availability zone %(zone)s on aggregate %(id)s: '
            'one or more of its hosts are already in availability '
            'zone(s) %(zones)s.') % {'zone': zone, 'id': aggregate.id,
                                     'zones': ', '.join(sorted(conflicting))})
    busy = [host for host in hosts if _has_instances(context, host)]
    if busy:
        raise exception.InvalidAggregateAction(reason=_(
            'Cannot change the availability zone of aggregate %(id)s: '
            'host(s) %(hosts)s contain servers in this zone.') % {
                'id': aggregate.id, 'hosts': ', '.join(busy)})


def _has_instances(context, host):
    try:
        mapping = objects.HostMapping.get_by_host(context, host)
    except exception.HostMappingNotFound:
        return False
    with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
        return bool(objects.InstanceList.get_uuids_by_host(cctxt, host))
