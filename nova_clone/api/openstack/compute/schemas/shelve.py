"""Schemas of the shelve actions."""

from nova_clone.api.openstack.compute.schemas import server_actions
from nova_clone.api.validation import parameter_types

shelve = server_actions.no_body('shelve')
shelve_offload = server_actions.no_body('shelveOffload')

# NOTE: before 2.77 unshelve takes no arguments.
unshelve = server_actions.no_body('unshelve')

# 2.77: an offloaded server may be unshelved into another zone.
unshelve_v277 = {
    'type': 'object',
    'properties': {
        'unshelve': {
            'type': ['object', 'null'],
            'properties': {'availability_zone': parameter_types.name},
            'required': ['availability_zone'],
            'additionalProperties': False,
        },
    },
    'required': ['unshelve'],
    'additionalProperties': False,
}

# 2.91: a null zone unpins the server; admins may name the host.
unshelve_v291 = {
    'type': 'object',
    'properties': {
        'unshelve': {
            'type': ['object', 'null'],
            'properties': {
                'availability_zone': {
                    'oneOf': [{'type': 'null'}, parameter_types.name]},
                'host': parameter_types.hostname,
            },
            'additionalProperties': False,
        },
    },
    'required': ['unshelve'],
    'additionalProperties': False,
}
