"""Schemas of /servers/{id}/os-instance-actions (paging from 2.58)."""

import copy

from nova_clone.api.validation import parameter_types

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}

index_query_v258 = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.limit_query,
        'marker': parameter_types.marker_query,
        'changes-since': parameter_types.multi_params(
            {'type': 'string', 'format': 'date-time'}),
    },
    'additionalProperties': False,
}

index_query_v266 = copy.deepcopy(index_query_v258)
index_query_v266['properties']['changes-before'] = (
    parameter_types.multi_params({'type': 'string', 'format': 'date-time'}))

show_query = index_query
