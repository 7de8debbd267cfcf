"""Schemas of GET /os-console-auth-tokens/{console_token}."""

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
