"""AggregateInstanceExtraSpecsFilter: flavor extra specs against the
metadata of the host's aggregates.

Specs scoped ``aggregate_instance_extra_specs:`` and unscoped specs must
be matched (see :mod:`extra_specs_ops`) by at least one value of that
key in the host's aggregates; other scopes are ignored.
"""

from oslo_log import log as logging

from nova_clone.scheduler import filters
from nova_clone.scheduler.filters import extra_specs_ops
from nova_clone.scheduler import utils

LOG = logging.getLogger(__name__)

SCOPE = 'aggregate_instance_extra_specs'


class AggregateInstanceExtraSpecsFilter(filters.BaseHostFilter):

    # NOTE: aggregates and flavor do not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = False

    def request_values(self, spec_obj):
        """:returns: ``[(name, wanted)]`` the host's aggregates must
        match.
        """
        flavor = utils.spec_field(spec_obj, 'flavor')
        if flavor is None or not flavor.obj_attr_is_set('extra_specs') \
                or not flavor.extra_specs:
            return filters.ALL_PASS
        specs = []
        for key, req in flavor.extra_specs.items():
            scope, sep, name = key.partition(':')
            if sep:
                if scope != SCOPE:
                    continue
            else:
                name = key
            specs.append((name, req))
        return specs or filters.ALL_PASS

    def passes(self, host_state, specs):
        metadata = utils.aggregate_metadata_get_by_host(host_state)
        for name, req in specs:
            values = metadata.get(name)
            if not values:
                LOG.debug('%(host_state)s fails flavor extra_specs '
                          'requirements. Extra_spec %(key)s is not in '
                          'aggregate.', {'host_state': host_state,
                                         'key': name})
                return False
            if not any(extra_specs_ops.match(value, req)
                       for value in values):
                LOG.debug("%(host_state)s fails flavor extra_specs "
                          "requirements. '%(values)s' do not match "
                          "'%(req)s'", {'host_state': host_state,
                                        'values': sorted(values),
                                        'req': req})
                return False
        return True
