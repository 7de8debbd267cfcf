"""Schemas of /os-quota-sets and /os-quota-class-sets per microversion."""

import copy

from nova_clone.api.validation import parameter_types

_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': parameter_types.DB_MAX_INT}

# NOTE: names as the API spells them (path_bytes is the path length).
BASE = ['instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
        'server_groups', 'server_group_members']
INJECTED = ['injected_files', 'injected_file_content_bytes',
            'injected_file_path_bytes']
NETWORK = ['fixed_ips', 'floating_ips', 'security_groups',
           'security_group_rules', 'networks']


def _body(key, names, force=False):
    props = {name: _limit for name in names}
    if force:
        props['force'] = parameter_types.boolean
    return {
        'type': 'object',
        'properties': {key: {'type': 'object', 'properties': props,
                             'additionalProperties': False}},
        'required': [key],
        'additionalProperties': False,
    }


update = _body('quota_set', BASE + INJECTED + NETWORK, force=True)
update_v236 = _body('quota_set', BASE + INJECTED, force=True)
update_v257 = _body('quota_set', BASE, force=True)

class_update = _body('quota_class_set', BASE + INJECTED + NETWORK)
class_update_v250 = _body('quota_class_set', BASE + INJECTED)
class_update_v257 = _body('quota_class_set', BASE)

query = {
    'type': 'object',
    'properties': {'user_id': parameter_types.multi_params(
        {'type': 'string'})},
    'additionalProperties': True,
}
query_v275 = copy.deepcopy(query)
query_v275['additionalProperties'] = False

limits_query = {
    'type': 'object',
    'properties': {'tenant_id': parameter_types.common_query_param},
    'additionalProperties': True,
}
limits_query_v275 = copy.deepcopy(limits_query)
limits_query_v275['additionalProperties'] = False
