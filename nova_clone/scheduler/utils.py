"""Helpers shared by the scheduler's filters, weighers and manager.

Aggregate metadata lookups, per-aggregate weight multipliers, scheduler
hint overlap checks, the Placement resource request of a RequestSpec and
the claim of one allocation request for an instance.
"""

import collections

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone.scheduler.client.report import resources

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: the hint the conductor sets to say why it asks (rebuild, resize,
# evacuate...); a rebuild on the same host only re-runs some filters.
CHECK_TYPE_HINT = '_nova_check_type'


def spec_field(spec_obj, name, default=None):
    """:returns: a RequestSpec field, ``default`` when unset or None."""
    if hasattr(spec_obj, 'obj_attr_is_set'):
        if name not in spec_obj.fields or not spec_obj.obj_attr_is_set(name):
            return default
    value = getattr(spec_obj, name, default)
    return default if value is None else value


def request_is_rebuild(spec_obj):
    """:returns: whether the request checks the current host on rebuild."""
    hints = spec_field(spec_obj, 'scheduler_hints', {})
    check_type = hints.get(CHECK_TYPE_HINT)
    if isinstance(check_type, list):
        check_type = check_type[0] if check_type else None
    return check_type == 'rebuild'


def aggregate_metadata_get_by_host(host_state, key=None):
    """Collect the metadata of the host's aggregates.

    :param key: only this metadata key.
    :returns: ``{key: set(values)}`` (a defaultdict of sets).
    """
    metadata = collections.defaultdict(set)
    for aggr in host_state.aggregates:
        for k, v in (aggr.metadata or {}).items():
            if key is None or k == key:
                metadata[k].add(v)
    return metadata


def aggregate_values_from_key(host_state, key_name):
    """:returns: the set of values of ``key_name`` in the host's
    aggregates.
    """
    return aggregate_metadata_get_by_host(host_state, key=key_name).get(
        key_name, set())


def validate_num_values(values, default=None, cast_to=int, based_on=min):
    """Reduce aggregate values to one number.

    :param values: the raw (string) values, e.g. from several aggregates.
    :param default: returned when there is no usable value.
    :param cast_to: the type every value is converted to.
    :param based_on: how several values become one (``min`` by default).
    :returns: the reduced number, or ``default``.
    """
    if not values:
        return default
    try:
        return based_on([cast_to(val) for val in values])
    except (TypeError, ValueError) as e:
        LOG.warning('Could not decode %(values)s: %(err)s; using the '
                    'default %(default)s', {'values': sorted(values),
                                            'err': e, 'default': default})
        return default


def get_weight_multiplier(host_state, multiplier_name, multiplier_config):
    """The multiplier of a weigher for one host.

    An aggregate of the host may override the option with metadata of the
    same name; with several such aggregates the smallest value wins.

    :param multiplier_name: e.g. ``ram_weight_multiplier``.
    :param multiplier_config: the configured value.
    :returns: a float.
    """
    if not host_state.aggregates:
        # NOTE: the common case, asked once per host and weigher.
        return multiplier_config
    values = aggregate_values_from_key(host_state, multiplier_name)
    return validate_num_values(values, multiplier_config, cast_to=float)


def instance_uuids_overlap(host_state, uuids):
    """:returns: whether any of ``uuids`` (a list or one uuid) runs on the
    host.
    """
    if isinstance(uuids, str):
        uuids = [uuids]
    return bool(set(host_state.instances).intersection(uuids))


def _image_properties(spec_obj):
    image = spec_field(spec_obj, 'image')
    if image is None:
        return None
    if image.obj_attr_is_set('properties'):
        return image.properties
    return None


def resources_from_request_spec(spec_obj):
    """Build the Placement request of a RequestSpec.

    The flavor and image give resources and traits (see
    :func:`resources.resources_from_flavor`); the requested destination's
    aggregates become ``member_of`` and the ``limit`` comes from
    ``[scheduler] max_placement_results``.

    :returns: a ResourceRequest.
    :raises: InvalidInput for malformed flavor extra specs.
    """
    req = resources.resources_from_flavor(
        spec_obj.flavor, image_props=_image_properties(spec_obj),
        is_bfv=bool(spec_field(spec_obj, 'is_bfv', False)),
        limit=CONF.scheduler.max_placement_results)
    dest = spec_field(spec_obj, 'requested_destination')
    if dest is not None:
        aggregates = (dest.aggregates
                      if dest.obj_attr_is_set('aggregates') else None)
        for aggs in aggregates or []:
            # NOTE: each entry is a comma-separated "any of" list, as nova
            # stores them in Destination.aggregates.
            req.unsuffixed.member_of.append(set(aggs.split(',')))
    return req


def claim_resources(ctx, client, spec_obj, instance_uuid, alloc_req,
                    allocation_request_version=None):
    """Claim one allocation request in Placement for a new instance.

    :param client: a SchedulerReportClient.
    :returns: True when claimed, False when the resources were gone.
    :raises: AllocationUpdateFailed when the consumer already had
        allocations (the instance is not new: the build must fail).
    """
    user_id = spec_field(spec_obj, 'user_id') or ctx.user_id
    project_id = spec_field(spec_obj, 'project_id') or ctx.project_id
    return client.claim_resources(
        ctx, instance_uuid, alloc_req, project_id, user_id,
        allocation_request_version=allocation_request_version,
        consumer_generation=None)
