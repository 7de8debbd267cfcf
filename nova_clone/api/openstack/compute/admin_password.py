"""The ``changePassword`` server action."""

import webob.exc

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.policies import server_actions as policies


class AdminPasswordController(action_helpers.ActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('changePassword')
    @validation.schema(schema.change_password)
    def change_password(self, req, id, body):
        password = body['changePassword']['adminPass']
        try:
            self.run(req, id, policies.ADMIN_PASSWORD, 'set_admin_password',
                     password)
        except exception.InstancePasswordSetFailed as exc:
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(explanation=_(
                'Unable to set password on instance'))
