"""Query schemas of /os-hypervisors (paging 2.33, search/servers 2.53)."""

import copy

from nova_clone.api.validation import parameter_types

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}

# NOTE: unknown parameters are ignored until 2.53, a 400 from then on.
index_query_v233 = {
    'type': 'object',
    'properties': {'limit': parameter_types.limit_query,
                   'marker': parameter_types.marker_query},
    'additionalProperties': True,
}

index_query_v253 = copy.deepcopy(index_query_v233)
index_query_v253['additionalProperties'] = False
index_query_v253['properties'].update(
    hypervisor_hostname_pattern=parameter_types.common_query_param,
    with_servers=parameter_types.single_param(parameter_types.boolean))

show_query = index_query
show_query_v253 = {
    'type': 'object',
    'properties': {'with_servers': parameter_types.single_param(
        parameter_types.boolean)},
    'additionalProperties': False,
}
