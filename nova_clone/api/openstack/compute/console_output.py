"""The ``os-getConsoleOutput`` server action: the guest's console log."""

import re

import webob.exc

from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.policies import server_actions as policies

# NOTE: control characters other than tab, newline and carriage return
# would break the JSON document's consumers; nova drops them too.
_CONTROL_CHARS = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f]')


class ConsoleOutputController(action_helpers.ActionController):

    @wsgi.response(200)
    @wsgi.expected_errors((404, 409, 501))
    @wsgi.action('os-getConsoleOutput')
    @validation.schema(schema.console_output)
    def get_console_output(self, req, id, body):
        length = body['os-getConsoleOutput'].get('length')
        if length is not None:
            length = int(length)
            if length == -1:
                # NOTE: -1 is "everything", as no length.
                length = None
        try:
            output = self.run(req, id, policies.CONSOLE_OUTPUT,
                              'get_console_output', tail_length=length)
        except exception.ConsoleNotAvailable as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(explanation=_(
                'Unable to get console log, functionality not '
                'implemented'))
        return {'output': _CONTROL_CHARS.sub('', output or '')}
