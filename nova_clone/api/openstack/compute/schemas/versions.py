"""Query schemas of the version documents (no parameters are used)."""

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
