"""The ``os-resetState`` and ``injectNetworkInfo`` admin actions."""

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import vm_states
from nova_clone import exception
from nova_clone.policies import server_actions as policies

_STATES = {'active': vm_states.ACTIVE, 'error': vm_states.ERROR}


class AdminActionsController(action_helpers.ActionController):

    @wsgi.response(202)
    @wsgi.expected_errors(404)
    @wsgi.action('os-resetState')
    @validation.schema(schema.reset_state)
    def _reset_state(self, req, id, body):
        """Force a server to ``active`` or ``error`` and clear its task."""
        context, instance = action_helpers.target(
            req, id, policies.ADMIN_ACTIONS % 'reset_state')
        state = _STATES[body['os-resetState']['state']]
        self.compute_api.reset_state(context, instance, state)

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('injectNetworkInfo')
    @validation.schema(schema.inject_network_info)
    def _inject_network_info(self, req, id, body):
        """Nothing to inject without Neutron: the server must exist and
        be on a host, as nova checks.
        """
        context, instance = action_helpers.target(
            req, id, policies.ADMIN_ACTIONS % 'inject_network_info')
        with action_helpers.translate_errors(id):
            if not instance.obj_attr_is_set('id') or not instance.host:
                raise exception.InstanceNotReady(instance_id=instance.uuid)
