"""Schemas of POST /servers/{id}/remote-consoles and the legacy actions."""

import copy


def _legacy_action(name, types):
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {'type': {'type': 'string', 'enum': types}},
                'required': ['type'],
                'additionalProperties': False,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


# NOTE: the legacy actions (2.1-2.5) still list nova's historical types;
# the ones no driver serves are refused with a 400 after validation.
get_vnc_console = _legacy_action('os-getVNCConsole', ['novnc', 'xvpvnc'])
get_spice_console = _legacy_action('os-getSPICEConsole', ['spice-html5'])
get_rdp_console = _legacy_action('os-getRDPConsole', ['rdp-html5'])
get_serial_console = _legacy_action('os-getSerialConsole', ['serial'])

create_v26 = {
    'type': 'object',
    'properties': {
        'remote_console': {
            'type': 'object',
            'properties': {
                'protocol': {
                    'type': 'string',
                    'enum': ['vnc', 'spice', 'rdp', 'serial'],
                },
                'type': {
                    'type': 'string',
                    'enum': ['novnc', 'xvpvnc', 'rdp-html5', 'spice-html5',
                             'serial'],
                },
            },
            'required': ['protocol', 'type'],
            'additionalProperties': False,
        },
    },
    'required': ['remote_console'],
    'additionalProperties': False,
}

# 2.8: VMware's WebMKS.
create_v28 = copy.deepcopy(create_v26)
_v28 = create_v28['properties']['remote_console']['properties']
_v28['protocol']['enum'].append('mks')
_v28['type']['enum'].append('webmks')

# 2.99: SPICE for native clients through a direct proxy.
create_v299 = copy.deepcopy(create_v28)
create_v299['properties']['remote_console']['properties']['type'][
    'enum'].append('spice-direct')

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
