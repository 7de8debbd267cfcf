"""Schemas of /flavors/{flavor_id}/os-extra_specs."""

import copy

# NOTE: values may be numbers or booleans; the API stores them as strings.
_value = {
    'type': ['string', 'number', 'boolean'],
    'minLength': 0,
    'maxLength': 255,
}

_specs = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. /]{1,255}$': _value,
    },
    'additionalProperties': False,
}

create = {
    'type': 'object',
    'properties': {
        'extra_specs': _specs,
    },
    'required': ['extra_specs'],
    'additionalProperties': False,
}

update = copy.deepcopy(_specs)
update['minProperties'] = 1
update['maxProperties'] = 1

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

show_query = copy.deepcopy(index_query)
delete_query = copy.deepcopy(index_query)
