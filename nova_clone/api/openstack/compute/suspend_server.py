"""The ``suspend`` and ``resume`` server actions."""

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import server_actions as policies


class SuspendServerController(action_helpers.ActionController):
    """Save a server's memory to disk and stop it; bring it back."""

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('suspend')
    @validation.schema(schema.suspend)
    def _suspend(self, req, id, body):
        self.run(req, id, policies.SUSPEND % 'suspend', 'suspend')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('resume')
    @validation.schema(schema.resume)
    def _resume(self, req, id, body):
        self.run(req, id, policies.SUSPEND % 'resume', 'resume')
