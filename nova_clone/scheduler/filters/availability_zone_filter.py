"""AvailabilityZoneFilter: hosts in the availability zone asked for.

A host's zone is the ``availability_zone`` metadata of its aggregates, or
``[DEFAULT] default_availability_zone`` when none sets one.
"""

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

AZ_KEY = 'availability_zone'


class AvailabilityZoneFilter(filters.BaseHostFilter):

    # NOTE: zones do not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = False

    def request_values(self, spec_obj):
        wanted = utils.spec_field(spec_obj, 'availability_zone')
        return wanted if wanted else filters.ALL_PASS

    def passes(self, host_state, wanted):
        zones = (utils.aggregate_values_from_key(host_state, AZ_KEY)
                 if host_state.aggregates else None)
        if not zones:
            zones = {CONF.default_availability_zone}
        if wanted in zones:
            return True
        LOG.debug("Availability Zone '%(az)s' requested. %(host_state)s "
                  "has AZs: %(host_az)s",
                  {'az': wanted, 'host_state': host_state,
                   'host_az': ','.join(sorted(zones))})
        return False
