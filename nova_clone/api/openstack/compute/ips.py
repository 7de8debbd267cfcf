"""/servers/{server_id}/ips[/{network_label}]: a server's addresses.

Addresses come from the server's network info cache, grouped by network
label; a cloud without a network service shows none.
"""

import webob.exc

from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack.compute.schemas import server_metadata as qs
from nova_clone.api.openstack.compute.views import servers as server_views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.i18n import _
from nova_clone.policies import server_resources as rules


class IPsController(wsgi.Controller):

    @staticmethod
    def _addresses(req, server_id, action):
        instance = server_lookup.get_server(req, server_id, rules.IPS % action,
                                            expected_attrs=['info_cache'])
        return server_views.ViewBuilder._addresses(instance)

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(qs.index_query)
    def index(self, req, server_id):
        return {'addresses': self._addresses(req, server_id, 'index')}

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(qs.index_query)
    def show(self, req, server_id, id):
        addresses = self._addresses(req, server_id, 'show')
        if id not in addresses:
            raise webob.exc.HTTPNotFound(explanation=_(
                "There's no network with id %s") % id)
        return {id: addresses[id]}
