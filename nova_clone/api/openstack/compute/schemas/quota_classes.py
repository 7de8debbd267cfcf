"""Schemas of /os-quota-class-sets: network quotas go at 2.50, injected
files at 2.57.
"""

import copy

from nova_clone.api.openstack.compute.schemas import quota_sets

update = {
    'type': 'object',
    'properties': {
        'quota_class_set': {
            'type': 'object',
            'properties': quota_sets.quota_resources,
            'additionalProperties': False,
        },
    },
    'required': ['quota_class_set'],
    'additionalProperties': False,
}

update_v250 = copy.deepcopy(update)
for _name in quota_sets.NETWORK_QUOTAS:
    del update_v250['properties']['quota_class_set']['properties'][_name]

update_v257 = copy.deepcopy(update_v250)
for _name in quota_sets.INJECTED_QUOTAS:
    del update_v257['properties']['quota_class_set']['properties'][_name]

show_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
