"""Schemas of the server actions (``POST /servers/{id}/action``)."""

import copy

from nova_clone.api.openstack.compute.schemas import servers as servers_schema
from nova_clone.api.validation import parameter_types


def no_body(action):
    """``{"<action>": null}``: the actions that take no arguments.

    Clients send ``null`` or ``{}`` (Tempest and the CLI do both); nova
    accepts any value and ignores it.
    """
    return {
        'type': 'object',
        'properties': {action: {}},
        'required': [action],
        'additionalProperties': False,
    }


def _one(action, properties, required=()):
    return {
        'type': 'object',
        'properties': {
            action: {'type': 'object', 'properties': properties,
                     'required': list(required),
                     'additionalProperties': False},
        },
        'required': [action],
        'additionalProperties': False,
    }


stop = no_body('os-stop')
start = no_body('os-start')
pause = no_body('pause')
unpause = no_body('unpause')
suspend = no_body('suspend')
resume = no_body('resume')
unrescue = no_body('unrescue')
restore = no_body('restore')
force_delete = no_body('forceDelete')
trigger_crash_dump = no_body('trigger_crash_dump')
lock = no_body('lock')
unlock = no_body('unlock')
inject_network_info = no_body('injectNetworkInfo')

# NOTE: 2.73 lets a lock carry a reason.
lock_v273 = {
    'type': 'object',
    'properties': {
        'lock': {'type': ['object', 'null'],
                 'properties': {'locked_reason': {
                     'type': 'string', 'minLength': 1, 'maxLength': 255}},
                 'additionalProperties': False},
    },
    'required': ['lock'],
    'additionalProperties': False,
}

reboot = _one('reboot', {'type': {
    'type': 'string',
    'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']}}, ['type'])

reset_state = _one('os-resetState', {'state': {
    'type': 'string', 'enum': ['active', 'error']}}, ['state'])

change_password = _one('changePassword',
                       {'adminPass': {'type': 'string'}}, ['adminPass'])

rescue = {
    'type': 'object',
    'properties': {
        'rescue': {'type': ['object', 'null'],
                   'properties': {
                       'adminPass': {'type': 'string'},
                       'rescue_image_ref': parameter_types.image_id},
                   'additionalProperties': False},
    },
    'required': ['rescue'],
    'additionalProperties': False,
}

console_output = {
    'type': 'object',
    'properties': {
        'os-getConsoleOutput': {
            'type': 'object',
            'properties': {'length': {
                'type': ['integer', 'string', 'null'],
                'pattern': '^-?[0-9]+$', 'minimum': -1}},
            'additionalProperties': False},
    },
    'required': ['os-getConsoleOutput'],
    'additionalProperties': False,
}

create_image = _one('createImage', {
    'name': parameter_types.name,
    'metadata': parameter_types.metadata}, ['name'])
# NOTE: the image name may have leading/trailing spaces from 2.1 on in
# nova (its legacy-compatible name type).
create_image['properties']['createImage']['properties']['name'] = \
    parameter_types.name_with_leading_trailing_spaces

create_backup = _one('createBackup', {
    'name': parameter_types.name_with_leading_trailing_spaces,
    'backup_type': {'type': 'string'},
    'rotation': parameter_types.non_negative_integer,
    'metadata': parameter_types.metadata},
    ['name', 'backup_type', 'rotation'])


def _rebuild(version):
    """:returns: the rebuild schema in force at ``version`` (a tuple)."""
    def at(v):
        return version >= v

    create = servers_schema.CREATE_RANGES[-1][0]
    fields = create['properties']['server']['properties']
    rebuild = {
        'name': parameter_types.name,
        'imageRef': parameter_types.image_id,
        'adminPass': {'type': 'string'},
        'metadata': parameter_types.metadata,
        'preserve_ephemeral': parameter_types.boolean,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': fields['accessIPv4'],
        'accessIPv6': fields['accessIPv6'],
    }
    if not at((2, 57)):
        rebuild['personality'] = servers_schema._personality
    if at((2, 19)):
        rebuild['description'] = parameter_types.description
    if at((2, 54)):
        rebuild['key_name'] = {'type': ['string', 'null'], 'minLength': 1,
                               'maxLength': 255}
    if at((2, 57)):
        rebuild['user_data'] = {'type': ['string', 'null'],
                                'format': 'base64', 'maxLength': 65535}
    if at((2, 63)):
        rebuild['trusted_image_certificates'] = copy.deepcopy(
            fields['trusted_image_certificates'])
    if at((2, 90)):
        rebuild['hostname'] = servers_schema._hostname_v290
    if at((2, 94)):
        rebuild['hostname'] = servers_schema._hostname_v294
    return _one('rebuild', rebuild, ['imageRef'])


_REBUILD_BOUNDARIES = ['2.1', '2.19', '2.54', '2.57', '2.63', '2.90',
                       '2.94']
REBUILD_RANGES = []
for _i, _lo in enumerate(_REBUILD_BOUNDARIES):
    _hi = None
    if _i + 1 < len(_REBUILD_BOUNDARIES):
        _major, _minor = _REBUILD_BOUNDARIES[_i + 1].split('.')
        _hi = '%s.%d' % (_major, int(_minor) - 1)
    REBUILD_RANGES.append((_rebuild(tuple(int(p) for p in _lo.split('.'))),
                           _lo, _hi))

diagnostics_query = {'type': 'object', 'properties': {},
                     'additionalProperties': True}
