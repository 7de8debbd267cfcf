"""/os-quota-class-sets/{class}: the limits of a quota class.

Only the ``default`` class is used when resolving a project's limits (as
in nova); other classes can be stored and read. 2.50 drops the network
quotas and shows the server group ones; 2.57 drops injected files.
"""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import quota_sets
from nova_clone.api.openstack.compute.schemas import quota_sets as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone import objects
from nova_clone.policies import quotas as quota_policies
from nova_clone import policy
from nova_clone import quota


def _names(req):
    names = quota_sets.visible_names(req, network_gone='2.50')
    if not api_version_request.is_supported(req, '2.50'):
        names = [n for n in names
                 if n not in ('server_groups', 'server_group_members')]
    return names


class QuotaClassSetsController(wsgi.Controller):

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.query)
    def show(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, quota_policies.QUOTA_CLASSES % 'show',
                         target={'quota_class': id})
        limits = quota.class_limits(context, id)
        return {'quota_class_set': dict(
            quota_sets.quota_body(req, limits, _names(req)), id=id)}

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.schema(schema.class_update, '2.1', '2.49')
    @validation.schema(schema.class_update_v250, '2.50', '2.56')
    @validation.schema(schema.class_update_v257, '2.57')
    def update(self, req, id, body):
        context = common.get_context(req)
        policy.authorize(context, quota_policies.QUOTA_CLASSES % 'update',
                         target={'quota_class': id})
        for name, value in body['quota_class_set'].items():
            if name in schema.NETWORK:
                continue
            resource = quota_sets.API_TO_RESOURCE.get(name, name)
            try:
                objects.Quotas.update_class(context, id, resource,
                                            int(value))
            except exception.QuotaClassNotFound:
                objects.Quotas.create_class(context, id, resource,
                                            int(value))
        limits = quota.class_limits(context, id)
        return {'quota_class_set': quota_sets.quota_body(req, limits,
                                                         _names(req))}
