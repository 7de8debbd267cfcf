"""The ``restore`` and ``forceDelete`` server actions.

With ``[DEFAULT] reclaim_instance_interval`` > 0 a deleted server is only
soft-deleted (stopped, vm_state ``soft-delete``) until the compute
host reclaims it; until then ``restore`` brings it back and
``forceDelete`` deletes it at once.
"""

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import server_actions as policies


class DeferredDeleteController(action_helpers.ActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((403, 404, 409))
    @wsgi.action('restore')
    @validation.schema(schema.restore)
    def _restore(self, req, id, body):
        self.run(req, id, policies.DEFERRED_DELETE % 'restore', 'restore')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('forceDelete')
    @validation.schema(schema.force_delete)
    def _force_delete(self, req, id, body):
        self.run(req, id, policies.DEFERRED_DELETE % 'force',
                 'force_delete')
