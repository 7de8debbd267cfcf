"""Schemas of /servers/{id}/metadata: the whole set and one item."""

import copy

from nova_clone.api.validation import parameter_types

create = {
    'type': 'object',
    'properties': {'metadata': parameter_types.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

metadata_update = copy.deepcopy(parameter_types.metadata)
metadata_update['minProperties'] = 1
metadata_update['maxProperties'] = 1

update = {
    'type': 'object',
    'properties': {'meta': metadata_update},
    'required': ['meta'],
    'additionalProperties': False,
}

update_all = create

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}
show_query = index_query
