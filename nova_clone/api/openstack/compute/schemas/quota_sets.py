"""Schemas of /os-quota-sets: the update body per microversion and the
``user_id`` query.
"""

import copy

from nova_clone.api.validation import parameter_types

# NOTE: integers or their decimal strings; -1 means unlimited.
common_quota = {
    'type': ['integer', 'string'],
    'pattern': '^-?[0-9]+$',
    'minimum': -1,
    'maximum': parameter_types.DB_MAX_INT,
}

quota_resources = {
    'instances': common_quota,
    'cores': common_quota,
    'ram': common_quota,
    'floating_ips': common_quota,
    'fixed_ips': common_quota,
    'metadata_items': common_quota,
    'key_pairs': common_quota,
    'security_groups': common_quota,
    'security_group_rules': common_quota,
    'injected_files': common_quota,
    'injected_file_content_bytes': common_quota,
    'injected_file_path_bytes': common_quota,
    'server_groups': common_quota,
    'server_group_members': common_quota,
    # NOTE: accepted by the schema, then refused: the quota is gone.
    'networks': common_quota,
}
NETWORK_QUOTAS = ('fixed_ips', 'floating_ips', 'security_groups',
                  'security_group_rules', 'networks')
INJECTED_QUOTAS = ('injected_files', 'injected_file_content_bytes',
                   'injected_file_path_bytes')

update_quota_set = copy.deepcopy(quota_resources)
update_quota_set['force'] = parameter_types.boolean

update = {
    'type': 'object',
    'properties': {
        'quota_set': {
            'type': 'object',
            'properties': update_quota_set,
            'additionalProperties': False,
        },
    },
    'required': ['quota_set'],
    'additionalProperties': False,
}

update_v236 = copy.deepcopy(update)
for _name in NETWORK_QUOTAS:
    del update_v236['properties']['quota_set']['properties'][_name]

update_v257 = copy.deepcopy(update_v236)
for _name in INJECTED_QUOTAS:
    del update_v257['properties']['quota_set']['properties'][_name]

query_schema = {
    'type': 'object',
    'properties': {
        'user_id': parameter_types.multi_params({'type': 'string'}),
    },
    # NOTE: unknown parameters are ignored until 2.75.
    'additionalProperties': True,
}

query_schema_275 = copy.deepcopy(query_schema)
query_schema_275['additionalProperties'] = False
