"""Schemas of /servers: create, update and the list's query string.

The create body changes at many microversions; ``_create(version)``
builds each variant from one description instead of a dozen hand-copied
dicts, and ``CREATE_RANGES`` pairs each variant with its range.
"""

import copy

from nova_clone.api.validation import parameter_types

_tag = {
    'type': 'string', 'minLength': 1, 'maxLength': 60,
    'pattern': '^[^,/]*$',
}

_ip4 = {'type': 'string', 'format': 'ipv4'}
_ip6 = {'type': 'string', 'format': 'ipv6'}

_hostname_v290 = {
    'type': 'string', 'minLength': 2, 'maxLength': 63,
    'pattern': '^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$',
}
_hostname_v294 = {
    'type': 'string', 'minLength': 2, 'maxLength': 255,
    'pattern': r'^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$',
}

_bdm_v2 = {
    'type': 'object',
    'properties': {
        'source_type': {'type': 'string',
                        'enum': ['volume', 'image', 'snapshot', 'blank']},
        'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                 'pattern': '^[a-zA-Z0-9._-]*$'},
        'image_id': parameter_types.image_id,
        'destination_type': {'type': 'string',
                             'enum': ['local', 'volume']},
        'guest_format': {'type': 'string', 'maxLength': 255},
        'device_type': {'type': 'string', 'maxLength': 255},
        'disk_bus': {'type': 'string', 'maxLength': 255},
        'boot_index': {'type': ['integer', 'string', 'null'],
                       'pattern': '^-?[0-9]+$'},
        'device_name': {'type': 'string', 'maxLength': 255},
        'volume_size': {'type': ['integer', 'string'],
                        'pattern': '^[0-9]+$', 'minimum': 1},
        'delete_on_termination': parameter_types.boolean,
        'no_device': {},
        'connection_info': {'type': 'string', 'maxLength': 16777215},
    },
    'additionalProperties': False,
}

_network = {
    'type': 'object',
    'properties': {
        'fixed_ip': {'type': 'string', 'oneOf': [_ip4, _ip6]},
        'port': {'oneOf': [{'type': 'string', 'format': 'uuid'},
                           {'type': 'null'}]},
        'uuid': {'type': 'string'},
    },
    'additionalProperties': False,
}

_personality = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'path': {'type': 'string'},
            'contents': {'type': 'string', 'format': 'base64'},
        },
        'additionalProperties': False,
    },
}

_hints = {'type': 'object', 'additionalProperties': True}


def _create(version):
    """:returns: the create schema in force at ``version`` (a tuple)."""
    def at(v):
        return version >= v

    bdm = copy.deepcopy(_bdm_v2)
    network = copy.deepcopy(_network)
    if at((2, 32)) and not (at((2, 37)) and not at((2, 42))):
        bdm['properties']['tag'] = _tag
        network['properties']['tag'] = _tag
    elif at((2, 32)) and at((2, 37)):
        # NOTE: 2.37-2.41 lost the device tags by mistake (nova's bug).
        pass
    if at((2, 67)):
        bdm['properties']['volume_type'] = {
            'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
    networks = {'type': 'array', 'items': network}
    if at((2, 37)):
        networks = {'oneOf': [networks,
                              {'type': 'string', 'enum': ['none', 'auto']}]}
    server = {
        'name': parameter_types.name,
        'imageRef': {'type': 'string', 'maxLength': 255},
        'flavorRef': parameter_types.flavor_ref,
        'adminPass': {'type': 'string'},
        'metadata': parameter_types.metadata,
        'networks': networks,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': _ip4,
        'accessIPv6': _ip6,
        'availability_zone': {'type': 'string', 'minLength': 1,
                              'maxLength': 255},
        'block_device_mapping': {'type': 'array',
                                 'items': {'type': 'object'}},
        'block_device_mapping_v2': {'type': 'array', 'items': bdm},
        'config_drive': parameter_types.boolean,
        'key_name': parameter_types.name,
        'min_count': parameter_types.positive_integer,
        'max_count': parameter_types.positive_integer,
        'return_reservation_id': parameter_types.boolean,
        'security_groups': {
            'type': 'array',
            'items': {'type': 'object',
                      'properties': {'name': {'type': 'string',
                                              'minLength': 1,
                                              'maxLength': 255}},
                      'additionalProperties': False}},
        'user_data': {'type': 'string', 'format': 'base64',
                      'maxLength': 65535},
    }
    if not at((2, 57)):
        server['personality'] = _personality
    if at((2, 19)):
        server['description'] = parameter_types.description
    if at((2, 52)):
        server['tags'] = {'type': 'array', 'items': _tag, 'maxItems': 50}
    if at((2, 63)):
        server['trusted_image_certificates'] = {
            'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
            'uniqueItems': True,
            'items': {'type': 'string', 'minLength': 1}}
    if at((2, 74)):
        server['host'] = parameter_types.hostname
        server['hypervisor_hostname'] = parameter_types.hostname
    if at((2, 90)):
        server['hostname'] = _hostname_v294 if at((2, 94)) \
            else _hostname_v290
    required = ['name', 'flavorRef']
    if at((2, 37)):
        required.append('networks')
    return {
        'type': 'object',
        'properties': {
            'server': {'type': 'object', 'properties': server,
                       'required': required, 'additionalProperties': False},
            'os:scheduler_hints': _hints,
            'OS-SCH-HNT:scheduler_hints': _hints,
        },
        'required': ['server'],
        'additionalProperties': False,
    }


# (schema, min_version, max_version) for each create variant.
_BOUNDARIES = ['2.1', '2.19', '2.32', '2.37', '2.42', '2.52', '2.57',
               '2.63', '2.67', '2.74', '2.90', '2.94']
CREATE_RANGES = []
for _i, _lo in enumerate(_BOUNDARIES):
    _hi = None
    if _i + 1 < len(_BOUNDARIES):
        _major, _minor = _BOUNDARIES[_i + 1].split('.')
        _hi = '%s.%d' % (_major, int(_minor) - 1)
    CREATE_RANGES.append((_create(tuple(int(p) for p in _lo.split('.'))),
                          _lo, _hi))


def _update(with_description=False, hostname=None):
    server = {
        'name': parameter_types.name,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': _ip4,
        'accessIPv6': _ip6,
    }
    if with_description:
        server['description'] = parameter_types.description
    if hostname:
        server['hostname'] = hostname
    return {
        'type': 'object',
        'properties': {'server': {'type': 'object', 'properties': server,
                                  'additionalProperties': False}},
        'required': ['server'],
        'additionalProperties': False,
    }


update = _update()
update_v219 = _update(True)
update_v290 = _update(True, _hostname_v290)
update_v294 = _update(True, _hostname_v294)

# NOTE: the sort keys nova accepts; others are a 400 (some, like host,
# only for admins: checked in the controller).
SORT_KEYS = ['access_ip_v4', 'access_ip_v6', 'auto_disk_config',
             'availability_zone', 'config_drive', 'created_at',
             'display_description', 'display_name', 'host', 'hostname',
             'image_ref', 'instance_type_id', 'kernel_id', 'key_name',
             'launch_index', 'launched_at', 'locked', 'locked_by', 'node',
             'power_state', 'progress', 'project_id', 'ramdisk_id',
             'root_device_name', 'task_state', 'terminated_at',
             'updated_at', 'user_id', 'uuid', 'vm_state']

_multi = parameter_types.common_query_param
_regex = parameter_types.common_query_regex_param

query_params = {
    'type': 'object',
    'properties': {
        'user_id': _multi, 'project_id': _multi, 'tenant_id': _multi,
        'launch_index': _multi, 'image_ref': _multi, 'image': _multi,
        'kernel_id': _regex, 'ramdisk_id': _regex, 'hostname': _regex,
        'key_name': _regex, 'power_state': _regex, 'vm_state': _multi,
        'task_state': _multi, 'host': _multi, 'node': _multi,
        'flavor': _multi, 'reservation_id': _multi, 'launched_at': _regex,
        'terminated_at': _regex, 'availability_zone': _regex,
        'name': _regex, 'display_name': _regex, 'description': _regex,
        'display_description': _regex, 'locked_by': _regex,
        'uuid': _multi, 'root_device_name': _regex, 'config_drive': _regex,
        'access_ip_v4': _regex, 'access_ip_v6': _regex,
        'auto_disk_config': _regex, 'progress': _regex,
        'sort_key': parameter_types.multi_params(
            {'type': 'string', 'enum': SORT_KEYS}),
        'sort_dir': parameter_types.multi_params(
            {'type': 'string', 'enum': ['asc', 'desc']}),
        'all_tenants': _multi,
        'soft_deleted': parameter_types.single_param(
            parameter_types.boolean),
        'deleted': parameter_types.single_param(parameter_types.boolean),
        'status': _multi, 'changes-since': parameter_types.multi_params(
            {'type': 'string', 'format': 'date-time'}),
        'ip': _regex, 'ip6': _regex, 'created_at': _regex,
        'limit': parameter_types.limit_query,
        'marker': parameter_types.marker_query,
    },
    'additionalProperties': True,
}

query_params_v226 = copy.deepcopy(query_params)
for _name in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
    query_params_v226['properties'][_name] = _multi

query_params_v266 = copy.deepcopy(query_params_v226)
query_params_v266['properties']['changes-before'] = (
    parameter_types.multi_params({'type': 'string', 'format': 'date-time'}))

query_params_v273 = copy.deepcopy(query_params_v266)
query_params_v273['properties']['locked'] = parameter_types.single_param(
    parameter_types.boolean)

# NOTE: from 2.75 an unknown query parameter is a 400, not ignored.
query_params_v275 = copy.deepcopy(query_params_v273)
query_params_v275['additionalProperties'] = False

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
