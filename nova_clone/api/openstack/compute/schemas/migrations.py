"""Query schemas of /os-migrations per microversion."""

import copy

from nova_clone.api.validation import parameter_types

_multi = parameter_types.common_query_param

index_query = {
    'type': 'object',
    'properties': {
        'hidden': _multi, 'host': _multi, 'instance_uuid': _multi,
        'source_compute': _multi, 'status': _multi,
        'migration_type': _multi, 'hypervisor_hostname': _multi,
    },
    'additionalProperties': True,
}

index_query_v259 = copy.deepcopy(index_query)
index_query_v259['properties'].update({
    'changes-since': parameter_types.multi_params(
        {'type': 'string', 'format': 'date-time'}),
    'limit': parameter_types.limit_query,
    'marker': parameter_types.marker_query,
})
index_query_v259['additionalProperties'] = False

index_query_v266 = copy.deepcopy(index_query_v259)
index_query_v266['properties']['changes-before'] = (
    parameter_types.multi_params({'type': 'string', 'format': 'date-time'}))

index_query_v280 = copy.deepcopy(index_query_v266)
index_query_v280['properties'].update(
    user_id=parameter_types.common_query_param,
    project_id=parameter_types.common_query_param)
