"""Schemas of /servers/{id}/tags (2.26)."""

tag = {
    'type': 'string', 'minLength': 1, 'maxLength': 60,
    'pattern': '^[^,/]*$',
}

update_all = {
    'type': 'object',
    'properties': {'tags': {'type': 'array', 'items': tag}},
    'required': ['tags'],
    'additionalProperties': False,
}

update = {'type': ['object', 'null']}

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}
