"""Request filters: narrow the Placement query before any host is read.

Each function looks at the RequestSpec and adds requirements (traits,
``member_of`` aggregates) to the ResourceRequest, so Placement returns
fewer candidates; it returns True when it changed something. They run
in order from :func:`process_reqspec`.
"""

from oslo_log import log as logging
import os_traits

from nova_clone import conf as nova_conf
from nova_clone.exception import build as build_exc
from nova_clone import objects
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

TENANT_METADATA_KEY = 'filter_tenant_id'
AZ_KEY = 'availability_zone'


def compute_status_filter(ctxt, spec_obj, request):
    """Skip providers of disabled compute services (they carry the
    ``COMPUTE_STATUS_DISABLED`` trait).
    """
    request.root_forbidden.add(os_traits.COMPUTE_STATUS_DISABLED)
    LOG.debug('compute_status_filter request filter added forbidden '
              'trait %s', os_traits.COMPUTE_STATUS_DISABLED)
    return True


def map_az_to_placement_aggregate(ctxt, spec_obj, request):
    """Ask only for providers in the aggregates of the requested zone
    (``[scheduler] query_placement_for_availability_zone``).
    """
    if not CONF.scheduler.query_placement_for_availability_zone:
        return False
    zone = utils.spec_field(spec_obj, 'availability_zone')
    if not zone:
        return False
    aggregates = objects.AggregateList.get_by_metadata(
        ctxt, key=AZ_KEY, value=zone)
    if not aggregates:
        return False
    uuids = {agg.uuid for agg in aggregates}
    request.unsuffixed.member_of.append(uuids)
    LOG.debug('map_az_to_placement_aggregate request filter added '
              'aggregates %s for az %r', ','.join(sorted(uuids)), zone)
    return True


def require_tenant_aggregate(ctxt, spec_obj, request):
    """Send a project only to the aggregates reserved for it
    (``[scheduler] limit_tenants_to_placement_aggregate``).

    :raises: RequestFilterFailed when the project has no aggregate and
        ``placement_aggregate_required_for_tenants`` is set.
    """
    if not CONF.scheduler.limit_tenants_to_placement_aggregate:
        return False
    project_id = utils.spec_field(spec_obj, 'project_id')
    uuids = set()
    for agg in objects.AggregateList.get_all(ctxt):
        for key, value in (agg.metadata or {}).items():
            if key.startswith(TENANT_METADATA_KEY) and project_id in [
                    v.strip() for v in value.split(',')]:
                uuids.add(agg.uuid)
    if uuids:
        request.unsuffixed.member_of.append(uuids)
        LOG.debug('require_tenant_aggregate request filter added '
                  'aggregates %s for tenant %r', ','.join(sorted(uuids)),
                  project_id)
        return True
    if CONF.scheduler.placement_aggregate_required_for_tenants:
        LOG.info('Tenant %s has no available aggregates', project_id)
        raise build_exc.RequestFilterFailed(
            reason='No hosts available for tenant')
    return False


def require_image_type_support(ctxt, spec_obj, request):
    """Ask for hosts that support the image's disk format
    (``[scheduler] query_placement_for_image_type_support``).
    """
    if not CONF.scheduler.query_placement_for_image_type_support:
        return False
    if utils.spec_field(spec_obj, 'is_bfv', False):
        return False
    image = utils.spec_field(spec_obj, 'image')
    if image is None or not image.obj_attr_is_set('disk_format') or \
            not image.disk_format:
        return False
    trait = 'COMPUTE_IMAGE_TYPE_%s' % image.disk_format.upper()
    if not hasattr(os_traits, trait):
        LOG.error('Computed trait name %r is not valid; is os-traits up '
                  'to date?', trait)
        return False
    request.root_required.add(trait)
    LOG.debug('require_image_type_support request filter added required '
              'trait %s', trait)
    return True


ALL_REQUEST_FILTERS = [
    require_tenant_aggregate,
    map_az_to_placement_aggregate,
    require_image_type_support,
    compute_status_filter,
]


def process_reqspec(ctxt, spec_obj, request):
    """Run every request filter over ``request``.

    :param request: the ResourceRequest built from ``spec_obj``.
    :raises: RequestFilterFailed when the request can never be placed.
    """
    for request_filter in ALL_REQUEST_FILTERS:
        request_filter(ctxt, spec_obj, request)
