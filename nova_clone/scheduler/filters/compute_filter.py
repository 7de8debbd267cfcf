"""ComputeFilter: only hosts whose compute service is enabled and up."""

from oslo_log import log as logging

from nova_clone.scheduler import filters
from nova_clone import servicegroup

LOG = logging.getLogger(__name__)

class ComputeFilter(filters.BaseHostFilter):

    RUN_ON_REBUILD = False
    # NOTE: a service's state does not change within a request.
    run_filter_once_per_request = True

    def __init__(self):
        self.servicegroup_api = servicegroup.API()

    def request_values(self, spec_obj):
        # NOTE: nothing from the request: a memo of "is it up" for this
        # pass. The nodes of one compute service share its dict (see
        # HostManager), so a service is asked once, not once per node.
        return {}

    def _is_up(self, service, memo):
        known = memo.get(id(service))
        if known is not None and known[0] is service:
            return known[1]
        up = self.servicegroup_api.service_is_up(service)
        memo[id(service)] = (service, up)
        return up

    def passes(self, host_state, memo):
        service = host_state.service or {}
        if service.get('disabled'):
            LOG.debug('%(host_state)s is disabled, reason: %(reason)s',
                      {'host_state': host_state,
                       'reason': service.get('disabled_reason')})
            return False
        if not self._is_up(service, memo):
            LOG.warning('%(host_state)s has not been heard from in a while',
                        {'host_state': host_state})
            return False
        return True
