"""Query schema of the /images proxy."""

from nova_clone.api.validation import parameter_types

_multi = parameter_types.common_query_param

index_query = {
    'type': 'object',
    'properties': {
        'name': _multi, 'status': _multi, 'changes-since': _multi,
        'server': _multi, 'type': _multi, 'minRam': _multi,
        'minDisk': _multi, 'limit': parameter_types.limit_query,
        'marker': parameter_types.marker_query,
    },
    # Glance property filters pass through as they are.
    'patternProperties': {'^property-': _multi},
    'additionalProperties': True,
}

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
