"""Console URLs: POST /servers/{id}/remote-consoles (2.6+) and the legacy
os-getVNCConsole/os-getSPICEConsole/os-getRDPConsole/os-getSerialConsole
server actions (2.1-2.5).
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import remote_consoles as schema
from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import api_consoles
from nova_clone import exception
from nova_clone.policies import remote_consoles as rc_policies

# NOTE: the errors every console request may end in, as nova maps them.
_EXPECTED = (400, 404, 409, 501)


def _console_url(controller, req, server_id, protocol, console_type):
    """:returns: the URL of a new console; domain errors become HTTP."""
    instance = server_lookup.get_server(req, server_id,
                                        rc_policies.BASE_POLICY_NAME)
    try:
        return controller.consoles_api.get_console_url(
            common.get_context(req), instance, protocol, console_type)
    except exception.InstanceNotReady as e:
        raise webob.exc.HTTPConflict(explanation=e.format_message())
    except (exception.ConsoleTypeInvalid,
            exception.ConsoleTypeUnavailable) as e:
        raise webob.exc.HTTPBadRequest(explanation=e.format_message())
    except (exception.InstanceNotFound,
            exception.ConsoleNotAvailable) as e:
        raise webob.exc.HTTPNotFound(explanation=e.format_message())
    except NotImplementedError as e:
        raise common.http_exception(e)


class RemoteConsolesController(wsgi.Controller):
    """Hands out console URLs carrying a fresh console token."""

    consoles_api = common.lazy_client(api_consoles.ConsolesAPI)

    def _legacy(self, req, id, body, action, protocol):
        console_type = body[action]['type']
        url = _console_url(self, req, id, protocol, console_type)
        return {'console': {'type': console_type, 'url': url}}

    @wsgi.api_version('2.1', '2.5')
    @wsgi.response(200)
    @wsgi.expected_errors(_EXPECTED)
    @wsgi.action('os-getVNCConsole')
    @validation.schema(schema.get_vnc_console)
    def get_vnc_console(self, req, id, body):
        return self._legacy(req, id, body, 'os-getVNCConsole', 'vnc')

    @wsgi.api_version('2.1', '2.5')
    @wsgi.response(200)
    @wsgi.expected_errors(_EXPECTED)
    @wsgi.action('os-getSPICEConsole')
    @validation.schema(schema.get_spice_console)
    def get_spice_console(self, req, id, body):
        return self._legacy(req, id, body, 'os-getSPICEConsole', 'spice')

    @wsgi.api_version('2.1', '2.5')
    @wsgi.response(200)
    @wsgi.expected_errors(_EXPECTED)
    @wsgi.action('os-getRDPConsole')
    @validation.schema(schema.get_rdp_console)
    def get_rdp_console(self, req, id, body):
        return self._legacy(req, id, body, 'os-getRDPConsole', 'rdp')

    @wsgi.api_version('2.1', '2.5')
    @wsgi.response(200)
    @wsgi.expected_errors(_EXPECTED)
    @wsgi.action('os-getSerialConsole')
    @validation.schema(schema.get_serial_console)
    def get_serial_console(self, req, id, body):
        return self._legacy(req, id, body, 'os-getSerialConsole', 'serial')

    @wsgi.api_version('2.6')
    @wsgi.response(200)
    @wsgi.expected_errors(_EXPECTED)
    @validation.schema(schema.create_v26, '2.6', '2.7')
    @validation.schema(schema.create_v28, '2.8', '2.98')
    @validation.schema(schema.create_v299, '2.99')
    def create(self, req, server_id, body):
        protocol = body['remote_console']['protocol']
        console_type = body['remote_console']['type']
        url = _console_url(self, req, server_id, protocol, console_type)
        return {'remote_console': {'protocol': protocol,
                                   'type': console_type, 'url': url}}
