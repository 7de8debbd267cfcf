"""Schema of POST /os-server-external-events, per microversion."""

import copy

from nova_clone.api.validation import parameter_types

create = {
    'type': 'object',
    'properties': {
        'events': {
            'type': 'array', 'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'server_uuid': parameter_types.server_id,
                    'name': {
                        'type': 'string',
                        'enum': ['network-changed', 'network-vif-plugged',
                                 'network-vif-unplugged',
                                 'network-vif-deleted'],
                    },
                    'status': {
                        'type': 'string',
                        'enum': ['failed', 'completed', 'in-progress'],
                    },
                    'tag': {'type': 'string', 'maxLength': 255},
                },
                'required': ['server_uuid', 'name'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['events'],
    'additionalProperties': False,
}


def _with_names(schema, *names):
    new = copy.deepcopy(schema)
    new['properties']['events']['items']['properties']['name'][
        'enum'].extend(names)
    return new


create_v251 = _with_names(create, 'volume-extended')
create_v276 = _with_names(create_v251, 'power-update')
create_v282 = _with_names(create_v276, 'accelerator-request-bound')
create_v293 = _with_names(create_v282, 'volume-reimaged')
