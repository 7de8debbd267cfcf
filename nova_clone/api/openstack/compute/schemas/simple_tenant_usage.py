"""Query schemas of /os-simple-tenant-usage (paging from 2.40)."""

import copy

from nova_clone.api.validation import parameter_types

_multi = parameter_types.common_query_param

index_query = {
    'type': 'object',
    'properties': {'start': _multi, 'end': _multi, 'detailed': _multi},
    'additionalProperties': True,
}
index_query_v240 = copy.deepcopy(index_query)
index_query_v240['properties'].update(
    limit=parameter_types.limit_query, marker=parameter_types.marker_query)
index_query_v275 = copy.deepcopy(index_query_v240)
index_query_v275['additionalProperties'] = False

show_query = {
    'type': 'object',
    'properties': {'start': _multi, 'end': _multi},
    'additionalProperties': True,
}
show_query_v240 = copy.deepcopy(show_query)
show_query_v240['properties'].update(
    limit=parameter_types.limit_query, marker=parameter_types.marker_query)
show_query_v275 = copy.deepcopy(show_query_v240)
show_query_v275['additionalProperties'] = False
