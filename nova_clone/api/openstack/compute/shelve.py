"""The ``shelve``, ``shelveOffload`` and ``unshelve`` server actions.

Shelving keeps a snapshot of the server and (once offloaded) frees its
host; unshelving brings it back, onto another zone (2.77) or, for admins,
another host (2.91) when it was offloaded.
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import shelve as schema
from nova_clone.api.openstack.compute import servers_create
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.policies import shelve as policies
from nova_clone import policy


class ShelveController(action_helpers.ActionController):

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('shelve')
    @validation.schema(schema.shelve)
    def _shelve(self, req, id, body):
        self.run(req, id, policies.POLICY_ROOT % 'shelve', 'shelve')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('shelveOffload')
    @validation.schema(schema.shelve_offload)
    def _shelve_offload(self, req, id, body):
        self.run(req, id, policies.POLICY_ROOT % 'shelve_offload',
                 'shelve_offload')

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('unshelve')
    @validation.schema(schema.unshelve, '2.1', '2.76')
    @validation.schema(schema.unshelve_v277, '2.77', '2.90')
    @validation.schema(schema.unshelve_v291, '2.91')
    def _unshelve(self, req, id, body):
        context = common.get_context(req)
        args = {}
        if api_version_request.is_supported(req, '2.77'):
            args = body['unshelve'] or {}
        kwargs = {}
        if 'availability_zone' in args:
            zone = args['availability_zone']
            if zone is not None:
                servers_create.check_zone(context, zone)
            kwargs['new_az'] = zone
        if args.get('host'):
            policy.authorize(context,
                             policies.POLICY_ROOT % 'unshelve_to_host',
                             target={})
            servers_create.check_host(context, args['host'])
            kwargs['host'] = args['host']
        try:
            self.run(req, id, policies.POLICY_ROOT % 'unshelve', 'unshelve',
                     **kwargs)
        except exception.UnshelveHostNotInAZ as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())

