"""/os-quota-class-sets/{class}: the limits of a quota class.

Only the ``default`` class feeds a project's limits (as in nova); other
classes can be stored and read. Before 2.50 the network quotas show and
the server group ones do not; 2.50 swaps them; 2.57 drops injected files.
"""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import quota_sets
from nova_clone.api.openstack.compute.schemas import quota_classes as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone import objects
from nova_clone.policies import quota_class_sets as qcs_policies
from nova_clone import policy
from nova_clone import quota

FILTERED_QUOTAS_2_50 = ('fixed_ips', 'floating_ips', 'networks',
                        'security_group_rules', 'security_groups')
FILTERED_QUOTAS_2_57 = FILTERED_QUOTAS_2_50 + (
    'injected_files', 'injected_file_content_bytes',
    'injected_file_path_bytes')
# NOTE: shown from 2.50 only.
EXTENDED_QUOTAS = ('server_groups', 'server_group_members')


def _filtered_quotas(req):
    if api_version_request.is_supported(req, '2.57'):
        return FILTERED_QUOTAS_2_57
    if api_version_request.is_supported(req, '2.50'):
        return FILTERED_QUOTAS_2_50
    return EXTENDED_QUOTAS


class QuotaClassSetsController(wsgi.Controller):
    """GET/PUT /os-quota-class-sets/{id}."""

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, qcs_policies.POLICY_ROOT % 'show',
                         target={'quota_class': id})
        return quota_sets.format_quota_set(
            'quota_class_set', id, quota.get_class_quotas(context, id),
            _filtered_quotas(req))

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.schema(schema.update, '2.1', '2.49')
    @validation.schema(schema.update_v250, '2.50', '2.56')
    @validation.schema(schema.update_v257, '2.57')
    def update(self, req, id, body):
        context = common.get_context(req)
        policy.authorize(context, qcs_policies.POLICY_ROOT % 'update',
                         target={'quota_class': id})
        for key, value in body['quota_class_set'].items():
            # NOTE: 'networks' is no resource any more; nothing to store.
            if key not in quota.RESOURCES:
                continue
            try:
                objects.Quotas.create_class(context, id, key, int(value))
            except exception.QuotaClassExists:
                objects.Quotas.update_class(context, id, key, int(value))
        # NOTE: no 'id' in the update response, as in nova.
        return quota_sets.format_quota_set(
            'quota_class_set', None, quota.get_class_quotas(context, id),
            _filtered_quotas(req))
