"""The /limits body: absolute limits and usage from quota values; the
rate limits are long gone and always an empty list.
"""

# quota resource -> the absolute limit names that show its limit.
_LIMIT_NAMES = {
    'ram': ('maxTotalRAMSize',),
    'instances': ('maxTotalInstances',),
    'cores': ('maxTotalCores',),
    'key_pairs': ('maxTotalKeypairs',),
    'floating_ips': ('maxTotalFloatingIps',),
    'metadata_items': ('maxServerMeta', 'maxImageMeta'),
    'injected_files': ('maxPersonality',),
    'injected_file_content_bytes': ('maxPersonalitySize',),
    'security_groups': ('maxSecurityGroups',),
    'security_group_rules': ('maxSecurityGroupRules',),
    'server_groups': ('maxServerGroups',),
    'server_group_members': ('maxServerGroupMembers',),
}

# usage name -> quota resource
_USED_NAMES = {
    'totalRAMUsed': 'ram',
    'totalCoresUsed': 'cores',
    'totalInstancesUsed': 'instances',
    'totalFloatingIpsUsed': 'floating_ips',
    'totalSecurityGroupsUsed': 'security_groups',
    'totalServerGroupsUsed': 'server_groups',
}


class ViewBuilder(object):

    def build(self, quotas, filtered=(), max_image_meta=True):
        """:returns: ``{'limits': {'rate': [], 'absolute': {...}}}``.

        :param quotas: ``{resource: {'limit', 'in_use', ...}}``.
        :param filtered: resources the request's microversion hides.
        :param max_image_meta: show maxImageMeta (before 2.39).
        """
        absolute = {}
        for resource, value in quotas.items():
            if resource in filtered:
                continue
            for name in _LIMIT_NAMES.get(resource, ()):
                if name == 'maxImageMeta' and not max_image_meta:
                    continue
                absolute[name] = value['limit']
        for name, resource in _USED_NAMES.items():
            if resource in quotas and resource not in filtered:
                absolute[name] = quotas[resource]['in_use']
        return {'limits': {'rate': [], 'absolute': absolute}}
