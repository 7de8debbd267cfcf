"""Schema of the /limits query: ``tenant_id`` (admins only)."""

import copy

from nova_clone.api.validation import parameter_types

limits_query_schema = {
    'type': 'object',
    'properties': {
        'tenant_id': parameter_types.common_query_param,
    },
    # NOTE: unknown parameters are ignored until 2.75.
    'additionalProperties': True,
}

limits_query_schema_275 = copy.deepcopy(limits_query_schema)
limits_query_schema_275['additionalProperties'] = False
