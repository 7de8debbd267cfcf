"""Schemas of os-aggregates and its add_host/remove_host/set_metadata."""

import copy

from nova_clone.api.validation import parameter_types

availability_zone = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'format': 'name_with_leading_trailing_spaces',
}
availability_zone_with_null = copy.deepcopy(availability_zone)
availability_zone_with_null['type'] = ['string', 'null']

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'availability_zone': availability_zone_with_null,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

update = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'availability_zone': availability_zone,
            },
            'additionalProperties': False,
            'minProperties': 1,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

_host = {
    'type': 'object',
    'properties': {'host': parameter_types.hostname},
    'required': ['host'],
    'additionalProperties': False,
}

add_host = {
    'type': 'object',
    'properties': {'add_host': _host},
    'required': ['add_host'],
    'additionalProperties': False,
}

remove_host = {
    'type': 'object',
    'properties': {'remove_host': copy.deepcopy(_host)},
    'required': ['remove_host'],
    'additionalProperties': False,
}

set_metadata = {
    'type': 'object',
    'properties': {
        'set_metadata': {
            'type': 'object',
            'properties': {
                'metadata': parameter_types.metadata_with_null,
            },
            'required': ['metadata'],
            'additionalProperties': False,
        },
    },
    'required': ['set_metadata'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
show_query = index_query
