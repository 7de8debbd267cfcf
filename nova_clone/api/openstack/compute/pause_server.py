"""The ``pause`` and ``unpause`` server actions."""

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.policies import server_actions as policies


class PauseServerController(action_helpers.ActionController):
    """Freeze a server in memory, and let it run again."""

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('pause')
    @validation.schema(schema.pause)
    def _pause(self, req, id, body):
        self.run(req, id, policies.PAUSE % 'pause', 'pause')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('unpause')
    @validation.schema(schema.unpause)
    def _unpause(self, req, id, body):
        self.run(req, id, policies.PAUSE % 'unpause', 'unpause')
