"""Schemas of /flavors: the list filters, create (os-flavor-manage), update.
"""

import copy

from nova_clone.api.validation import parameter_types

VALID_SORT_KEYS = [
    'created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid',
    'id', 'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap',
    'updated_at', 'vcpu_weight', 'vcpus',
]
VALID_SORT_DIR = ['asc', 'desc']

# NOTE: unknown parameters are ignored until 2.75, a 400 after.
index_query = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.limit_query,
        'marker': parameter_types.marker_query,
        'is_public': parameter_types.common_query_param,
        'minRam': parameter_types.common_query_param,
        'minDisk': parameter_types.common_query_param,
        'sort_key': parameter_types.multi_params(
            {'type': 'string', 'enum': VALID_SORT_KEYS}),
        'sort_dir': parameter_types.multi_params(
            {'type': 'string', 'enum': VALID_SORT_DIR}),
    },
    'additionalProperties': True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

delete_query = copy.deepcopy(show_query)

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                # NOTE: clients (Tempest, old novaclient) send integer ids.
                'id': {
                    'anyOf': [parameter_types.flavor_id,
                              {'type': 'integer', 'minimum': 0},
                              {'type': 'null'}],
                },
                'ram': parameter_types.flavor_param_positive,
                'vcpus': parameter_types.flavor_param_positive,
                'disk': parameter_types.flavor_param_non_negative,
                'OS-FLV-EXT-DATA:ephemeral':
                    parameter_types.flavor_param_non_negative,
                'swap': parameter_types.flavor_param_non_negative,
                'rxtx_factor': parameter_types.rxtx_factor,
                'os-flavor-access:is_public': parameter_types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

create_v255 = copy.deepcopy(create)
create_v255['properties']['flavor']['properties']['description'] = (
    parameter_types.flavor_description)

update_v255 = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'description': parameter_types.flavor_description,
            },
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}
