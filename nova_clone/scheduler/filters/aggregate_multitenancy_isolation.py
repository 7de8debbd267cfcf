"""AggregateMultiTenancyIsolation: hosts in an aggregate with
``filter_tenant_id*`` metadata take only those projects' instances.

Hosts in no such aggregate take every project's instances.
"""

from oslo_log import log as logging

from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

LOG = logging.getLogger(__name__)

PREFIX = 'filter_tenant_id'


class AggregateMultiTenancyIsolation(filters.BaseHostFilter):

    # NOTE: aggregates do not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = False

    def request_values(self, spec_obj):
        return (utils.spec_field(spec_obj, 'project_id'),)

    def passes(self, host_state, values):
        if not host_state.aggregates:
            return True
        allowed = set()
        for key, metadata in utils.aggregate_metadata_get_by_host(
                host_state).items():
            if key.startswith(PREFIX):
                for value in metadata:
                    allowed.update(v.strip() for v in value.split(','))
        if not allowed:
            return True
        project_id = values[0]
        if project_id in allowed:
            LOG.debug('%s is in an aggregate with project %s',
                      host_state, project_id)
            return True
        LOG.debug('%s fails project id on aggregate', host_state)
        return False
