"""GET /servers/{server_id}/diagnostics (admin): guest statistics.

Before 2.48 the body is whatever the virt driver reports; from 2.48 it
is the standard set of fields, the same for every driver.
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.i18n import _
from nova_clone.policies import server_actions as policies

# NOTE: the 2.48 fields, in nova's order; a driver that lacks one
# reports it as null.
_STANDARD_FIELDS = ('state', 'driver', 'hypervisor', 'hypervisor_os',
                    'uptime', 'config_drive', 'num_cpus', 'num_nics',
                    'num_disks', 'memory_details', 'cpu_details',
                    'nic_details', 'disk_details')


class ServerDiagnosticsController(action_helpers.ActionController):

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409, 501))
    @validation.query_schema(schema.diagnostics_query)
    def index(self, req, server_id):
        standard = api_version_request.is_supported(req, '2.48')
        method = 'get_instance_diagnostics' if standard \
            else 'get_diagnostics'
        try:
            diagnostics = self.run(req, server_id, policies.DIAGNOSTICS,
                                   method)
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(explanation=_(
                'Unable to get diagnostics, functionality not '
                'implemented'))
        if not standard:
            return diagnostics
        return {name: diagnostics.get(name) for name in _STANDARD_FIELDS}
