"""Schemas of /os-keypairs across 2.1, 2.2 (type), 2.10 (user_id), 2.35
(paging), 2.75 (strict query) and 2.92 (import only)."""

import copy

from nova_clone.api.validation import parameter_types

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

create_v22 = copy.deepcopy(create)
create_v22['properties']['keypair']['properties']['type'] = {
    'type': 'string',
    'enum': ['ssh', 'x509'],
}

create_v210 = copy.deepcopy(create_v22)
create_v210['properties']['keypair']['properties']['user_id'] = {
    'type': 'string',
}

create_v292 = copy.deepcopy(create_v210)
create_v292['properties']['keypair']['properties']['name'] = (
    parameter_types.keypair_name_special_chars)
create_v292['properties']['keypair']['required'] = ['name', 'public_key']

index_query_v20 = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

index_query_v210 = {
    'type': 'object',
    'properties': {
        'user_id': parameter_types.common_query_param,
    },
    'additionalProperties': True,
}

index_query_v235 = copy.deepcopy(index_query_v210)
index_query_v235['properties'].update({
    'limit': parameter_types.limit_query,
    'marker': parameter_types.marker_query,
})

index_query_v275 = copy.deepcopy(index_query_v235)
index_query_v275['additionalProperties'] = False

show_query_v20 = copy.deepcopy(index_query_v20)
show_query_v210 = copy.deepcopy(index_query_v210)
show_query_v275 = copy.deepcopy(show_query_v210)
show_query_v275['additionalProperties'] = False

delete_query_v20 = copy.deepcopy(show_query_v20)
delete_query_v210 = copy.deepcopy(show_query_v210)
delete_query_v275 = copy.deepcopy(show_query_v275)
