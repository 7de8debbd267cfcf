"""Schemas of /os-server-groups: ``policies`` until 2.63, then ``policy``
and ``rules`` (2.64); soft policies from 2.15."""

import copy

from nova_clone.api.validation import parameter_types

_POLICIES = ['anti-affinity', 'affinity']
_SOFT = ['soft-anti-affinity', 'soft-affinity']

create = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'policies': {
                    'type': 'array',
                    'items': [{'type': 'string', 'enum': _POLICIES}],
                    'uniqueItems': True, 'minItems': 1, 'maxItems': 1,
                    'additionalItems': False,
                },
            },
            'required': ['name', 'policies'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}

create_v215 = copy.deepcopy(create)
create_v215['properties']['server_group']['properties']['policies'][
    'items'][0]['enum'] = _POLICIES + _SOFT

create_v264 = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'policy': {'type': 'string', 'enum': _POLICIES + _SOFT},
                'rules': {
                    'type': 'object',
                    'properties': {
                        'max_server_per_host':
                            parameter_types.positive_integer,
                    },
                    'additionalProperties': False,
                },
            },
            'required': ['name', 'policy'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        'all_projects': parameter_types.multi_params({'type': 'string'}),
        'limit': parameter_types.limit_query,
        'offset': parameter_types.multi_params(
            parameter_types.non_negative_integer),
    },
    'additionalProperties': True,
}
index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
