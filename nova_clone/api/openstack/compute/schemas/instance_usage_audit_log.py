"""Query schema of os-instance-usage-audit-log (no parameters)."""

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
