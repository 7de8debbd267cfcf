"""/limits: the caller's (or, for admins, ``?tenant_id=``'s) absolute
limits and usage.

The network service's limits go at 2.36, maxImageMeta at 2.39 and the
personality limits at 2.57.
"""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import limits as schema
from nova_clone.api.openstack.compute.views import limits as limits_view
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import limits as limits_policies
from nova_clone import policy
from nova_clone import quota

FILTERED_LIMITS_2_36 = ('floating_ips', 'security_groups',
                        'security_group_rules')
FILTERED_LIMITS_2_57 = FILTERED_LIMITS_2_36 + (
    'injected_files', 'injected_file_content_bytes')


class LimitsController(wsgi.Controller):
    """GET /limits."""

    def __init__(self):
        super().__init__()
        self._view = limits_view.ViewBuilder()

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.limits_query_schema, '2.1', '2.74')
    @validation.query_schema(schema.limits_query_schema_275, '2.75')
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, limits_policies.BASE_POLICY_NAME,
                         target={})
        project_id = context.project_id
        if 'tenant_id' in req.GET:
            project_id = req.GET.get('tenant_id')
            policy.authorize(
                context, limits_policies.OTHER_PROJECT_LIMIT_POLICY_NAME,
                target={'project_id': project_id})
        if api_version_request.is_supported(req, '2.57'):
            filtered = FILTERED_LIMITS_2_57
        elif api_version_request.is_supported(req, '2.36'):
            filtered = FILTERED_LIMITS_2_36
        else:
            filtered = ()
        quotas = quota.get_project_quotas(context, project_id, usages=True)
        return self._view.build(
            quotas, filtered,
            max_image_meta=not api_version_request.is_supported(req,
                                                                '2.39'))
