"""The ``lock`` and ``unlock`` server actions.

A locked server refuses every state-changing action of non-admins (409).
Who locked it is recorded; unlocking another's lock takes the
``unlock:unlock_override`` rule (admin by default). 2.73 adds a reason.
"""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import server_actions as policies
from nova_clone import policy


class LockServerController(action_helpers.ActionController):

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action('lock')
    @validation.schema(schema.lock, '2.1', '2.72')
    @validation.schema(schema.lock_v273, '2.73')
    def _lock(self, req, id, body):
        reason = None
        if api_version_request.is_supported(req, '2.73') and body['lock']:
            reason = body['lock'].get('locked_reason')
        context, instance = action_helpers.target(
            req, id, policies.LOCK % 'lock')
        self.compute_api.lock(context, instance, reason=reason)

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action('unlock')
    @validation.schema(schema.unlock)
    def _unlock(self, req, id, body):
        context, instance = action_helpers.target(
            req, id, policies.LOCK % 'unlock')
        is_owner = instance.project_id == context.project_id
        if instance.locked and not (is_owner and
                                    instance.locked_by == 'owner'):
            # NOTE: someone else's lock (an admin's, or the owner's when
            # the caller is an admin of another project).
            policy.authorize(context,
                             policies.LOCK % 'unlock:unlock_override',
                             target={'project_id': instance.project_id})
        self.compute_api.unlock(context, instance)
