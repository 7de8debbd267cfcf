"""/limits: the caller's (or, for admins, ``?tenant_id=``'s) absolute
limits and usage; rate limits are long gone and always empty.
"""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import quota_sets as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import quotas as quota_policies
from nova_clone import policy
from nova_clone import quota

# absolute-limit name -> quota resource
_LIMITS = {
    'maxTotalInstances': 'instances', 'maxTotalCores': 'cores',
    'maxTotalRAMSize': 'ram', 'maxServerMeta': 'metadata_items',
    'maxTotalKeypairs': 'key_pairs', 'maxServerGroups': 'server_groups',
    'maxServerGroupMembers': 'server_group_members',
}
_USED = {'totalInstancesUsed': 'instances', 'totalCoresUsed': 'cores',
         'totalRAMUsed': 'ram', 'totalServerGroupsUsed': 'server_groups'}
_PERSONALITY = {'maxPersonality': 'injected_files',
                'maxPersonalitySize': 'injected_file_content_bytes'}
# NOTE: the network service's limits, shown as unlimited before 2.36.
_NETWORK = ('maxSecurityGroups', 'maxSecurityGroupRules',
            'maxTotalFloatingIps')
_NETWORK_USED = ('totalFloatingIpsUsed', 'totalSecurityGroupsUsed')


class LimitsController(wsgi.Controller):

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.limits_query, '2.1', '2.74')
    @validation.query_schema(schema.limits_query_v275, '2.75')
    def index(self, req):
        context = common.get_context(req)
        project_id = context.project_id
        policy.authorize(context, quota_policies.LIMITS,
                         target={'project_id': project_id})
        wanted = req.GET.get('tenant_id')
        if wanted and wanted != project_id and policy.authorize(
                context, quota_policies.LIMITS_OTHER,
                target={'project_id': wanted}, do_raise=False):
            project_id = wanted
        quotas = quota.get_project_quotas(context, project_id, usages=True)
        absolute = {name: quotas[res]['limit']
                    for name, res in _LIMITS.items()}
        absolute.update({name: quotas[res]['in_use']
                         for name, res in _USED.items()})
        if not api_version_request.is_supported(req, '2.57'):
            absolute.update({name: quotas[res]['limit']
                             for name, res in _PERSONALITY.items()})
        if not api_version_request.is_supported(req, '2.39'):
            absolute['maxImageMeta'] = quotas['metadata_items']['limit']
        if not api_version_request.is_supported(req, '2.36'):
            absolute.update({name: -1 for name in _NETWORK})
            absolute.update({name: 0 for name in _NETWORK_USED})
        return {'limits': {'rate': [], 'absolute': absolute}}
