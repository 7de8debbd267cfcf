"""Schemas of the deprecated os-hosts API."""

_ENABLE_DISABLE = {
    'type': 'string',
    'enum': ['enable', 'disable', 'Enable', 'Disable', 'ENABLE', 'DISABLE'],
}

update = {
    'type': 'object',
    'properties': {
        'status': _ENABLE_DISABLE,
        'maintenance_mode': _ENABLE_DISABLE,
    },
    'minProperties': 1,
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {'zone': {'type': 'array', 'items': {'type': 'string'}}},
    'additionalProperties': True,
}

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}
