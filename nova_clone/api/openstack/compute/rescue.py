"""The ``rescue`` and ``unrescue`` server actions.

Rescue boots the server from a rescue image (its own image unless
``rescue_image_ref`` names another) with its disks attached, and
answers the rescue guest's administrator password.
"""

import webob.exc

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack.compute import servers_create
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.policies import server_actions as policies

CONF = nova_conf.CONF


class RescueController(action_helpers.ActionController):

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.action('rescue')
    @validation.schema(schema.rescue)
    def _rescue(self, req, id, body):
        args = body['rescue'] or {}
        password = args.get('adminPass') or \
            servers_create.generate_password()
        try:
            self.run(req, id, policies.RESCUE, 'rescue',
                     rescue_password=password,
                     rescue_image_ref=args.get('rescue_image_ref'))
        except exception.InstanceNotRescuable as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        if CONF.api.enable_instance_password:
            return {'adminPass': password}
        return {}

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('unrescue')
    @validation.schema(schema.unrescue)
    def _unrescue(self, req, id, body):
        self.run(req, id, policies.UNRESCUE, 'unrescue')
