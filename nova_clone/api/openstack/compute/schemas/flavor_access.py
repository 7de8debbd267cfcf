"""Schemas of os-flavor-access and the add/removeTenantAccess actions."""

import copy

from nova_clone.api.validation import parameter_types

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

add_tenant_access = {
    'type': 'object',
    'properties': {
        'addTenantAccess': {
            'type': 'object',
            'properties': {
                'tenant': parameter_types.tenant_id,
            },
            'required': ['tenant'],
            'additionalProperties': False,
        },
    },
    'required': ['addTenantAccess'],
    'additionalProperties': False,
}

remove_tenant_access = {
    'type': 'object',
    'properties': {
        'removeTenantAccess': copy.deepcopy(
            add_tenant_access['properties']['addTenantAccess']),
    },
    'required': ['removeTenantAccess'],
    'additionalProperties': False,
}
