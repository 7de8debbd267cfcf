"""/servers/{server_id}/metadata[/{key}]: a server's user metadata.

POST merges, PUT on the collection replaces, PUT on a key sets one item.
Changes are only allowed in the states nova allows them (409 otherwise)
and never beyond the ``metadata_items`` quota.
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack.compute.schemas import server_metadata as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.i18n import _
from nova_clone.policies import server_resources as rules
from nova_clone import quota


class ServerMetadataController(wsgi.Controller):

    @staticmethod
    def _server(req, server_id, action):
        return server_lookup.get_server(req, server_id,
                                        rules.METADATA % action,
                                        expected_attrs=['metadata'])

    @staticmethod
    def _save(req, instance, metadata, method):
        server_lookup.check_state(instance, method)
        quota.check_metadata_quota(common.get_context(req), metadata,
                                   instance.project_id)
        instance.metadata = metadata
        instance.save()
        return dict(instance.metadata)

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, server_id):
        instance = self._server(req, server_id, 'index')
        return {'metadata': dict(instance.metadata or {})}

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, server_id, id):
        instance = self._server(req, server_id, 'show')
        if id not in (instance.metadata or {}):
            raise webob.exc.HTTPNotFound(
                explanation=_('Metadata item was not found'))
        return {'meta': {id: instance.metadata[id]}}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.create)
    def create(self, req, server_id, body):
        instance = self._server(req, server_id, 'create')
        merged = dict(instance.metadata or {}, **body['metadata'])
        return {'metadata': self._save(req, instance, merged,
                                       'update_metadata')}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        instance = self._server(req, server_id, 'update_all')
        return {'metadata': self._save(req, instance, dict(body['metadata']),
                                       'update_metadata')}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body):
        meta = body['meta']
        if id not in meta:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Request body and URI mismatch'))
        instance = self._server(req, server_id, 'update')
        merged = dict(instance.metadata or {}, **meta)
        self._save(req, instance, merged, 'update_metadata')
        return {'meta': meta}

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    @validation.query_schema(schema.show_query)
    def delete(self, req, server_id, id):
        instance = self._server(req, server_id, 'delete')
        metadata = dict(instance.metadata or {})
        if id not in metadata:
            raise webob.exc.HTTPNotFound(
                explanation=_('Metadata item was not found'))
        del metadata[id]
        self._save(req, instance, metadata, 'delete_metadata')
