"""GET /os-console-auth-tokens/{console_token}: where a token leads (admin).
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import (
    console_auth_tokens as schema)
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import console_auth_tokens as cat_policies
from nova_clone import policy


def find_token(context, token):
    """:returns: the ConsoleAuthToken of ``token`` from whichever cell
    holds it, or None.

    Only the token is known, not its instance, so every cell is asked;
    a token belongs to one instance, so the first hit is the answer.
    """
    for cctxt in service_lookup.each_cell(context):
        try:
            return objects.ConsoleAuthToken.validate(cctxt, token)
        except exception.InvalidToken:
            continue
    return None


class ConsoleAuthTokensController(wsgi.Controller):
    """Lets a proxy (or an admin) learn a console token's target."""

    @wsgi.response(200)
    @wsgi.expected_errors((400, 401, 404))
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        context = common.get_context(req)
        policy.authorize(context, cat_policies.BASE_POLICY_NAME, target={})
        console = find_token(context, id)
        if console is None:
            raise webob.exc.HTTPNotFound(explanation=_('Token not found'))
        # NOTE: before 2.31 only RDP consoles (checked by an external
        # proxy) could be looked up.
        if (not api_version_request.is_supported(req, '2.31')
                and console.console_type != 'rdp-html5'):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The requested console type details are not accessible'))
        body = {'instance_uuid': console.instance_uuid,
                'host': console.host, 'port': console.port,
                'internal_access_path': console.internal_access_path}
        if api_version_request.is_supported(req, '2.99'):
            body['tls_port'] = console.tls_port
        return {'console': body}
