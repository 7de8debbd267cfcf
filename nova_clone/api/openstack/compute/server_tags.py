"""/servers/{server_id}/tags[/{tag}] (2.26): a server's string tags.

At most 50 tags, each 1-60 characters without ',' or '/'. Tags change
only in the states nova allows (409 otherwise).
"""

import webob.exc

from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack.compute.schemas import server_tags as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import server_resources as rules

MAX_TAGS = 50


class ServerTagsController(wsgi.Controller):

    @staticmethod
    def _server(req, server_id, action, mutating=False):
        instance = server_lookup.get_server(req, server_id,
                                            rules.TAGS % action,
                                            expected_attrs=['tags'])
        if mutating:
            server_lookup.check_state(instance, 'update tags')
        return instance

    @staticmethod
    def _tags(instance):
        return [t.tag for t in objects.TagList.get_by_resource_id(
            instance._context, instance.uuid)]

    @wsgi.api_version('2.26')
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, server_id):
        instance = self._server(req, server_id, 'index')
        return {'tags': self._tags(instance)}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def show(self, req, server_id, id):
        instance = self._server(req, server_id, 'show')
        if not objects.Tag.exists(instance._context, instance.uuid, id):
            raise webob.exc.HTTPNotFound(explanation=_(
                'Tag %(tag)s could not be found on server %(uuid)s.') % {
                    'tag': id, 'uuid': server_id})

    @wsgi.api_version('2.26')
    @wsgi.response(201)
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, server_id, id, body=None):
        self._check_tag(id)
        instance = self._server(req, server_id, 'update', mutating=True)
        tags = self._tags(instance)
        if id in tags:
            return wsgi.ResponseObject(None, code=204)
        if len(tags) >= MAX_TAGS:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The number of tags exceeded the per-server limit %d') %
                MAX_TAGS)
        objects.Tag(instance._context, resource_id=instance.uuid,
                    tag=id).create()
        location = req.url
        return wsgi.ResponseObject(None, code=201,
                                   headers={'Location': location})

    @staticmethod
    def _check_tag(tag):
        if not tag or len(tag) > 60 or ',' in tag or '/' in tag:
            raise webob.exc.HTTPBadRequest(explanation=_(
                "Tag '%s' is invalid: 1-60 characters without ',' or "
                "'/'.") % tag)

    @wsgi.api_version('2.26')
    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update_all)
    def update_all(self, req, server_id, body):
        tags = list(dict.fromkeys(body['tags']))
        if len(tags) > MAX_TAGS:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The number of tags exceeded the per-server limit %d') %
                MAX_TAGS)
        instance = self._server(req, server_id, 'update_all', mutating=True)
        created = objects.TagList.create(instance._context, instance.uuid,
                                         tags)
        return {'tags': [t.tag for t in created]}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    @validation.query_schema(schema.index_query)
    def delete(self, req, server_id, id):
        instance = self._server(req, server_id, 'delete', mutating=True)
        try:
            objects.Tag.destroy(instance._context, instance.uuid, id)
        except exception.InstanceTagNotFound:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Tag %(tag)s could not be found on server %(uuid)s.') % {
                    'tag': id, 'uuid': server_id})

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    @validation.query_schema(schema.index_query)
    def delete_all(self, req, server_id):
        instance = self._server(req, server_id, 'delete_all', mutating=True)
        objects.TagList.destroy(instance._context, instance.uuid)
