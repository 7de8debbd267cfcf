"""/images/{image_id}/metadata[/{id}]: an image's properties through the
compute API, a proxy to Glance deprecated with 2.39 (404 from then on).

POST merges, PUT on the collection replaces, PUT on a key sets one item;
never beyond the ``metadata_items`` quota (403).
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import image_metadata as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.image import glance
from nova_clone import quota

MAX_PROXY_API_VERSION = '2.38'


class ImageMetadataController(wsgi.Controller):

    image_api = common.lazy_client(glance.API)

    def _image(self, req, image_id):
        try:
            return self.image_api.get(common.get_context(req), image_id)
        except (exception.ImageNotFound, exception.ImageNotAuthorized):
            raise webob.exc.HTTPNotFound(explanation=_('Image not found.'))

    def _save(self, req, image, properties):
        """Make ``properties`` the image's whole property set.

        :returns: the properties Glance now holds.
        """
        context = common.get_context(req)
        try:
            quota.check_metadata_quota(context, properties)
        except exception.MetadataLimitExceeded:
            raise webob.exc.HTTPForbidden(
                explanation=_('Image metadata limit exceeded'))
        old = image.get('properties') or {}
        remove = [key for key in old if key not in properties]
        try:
            updated = self.image_api.update(context, image['id'],
                                            properties, remove=remove)
        except exception.ImageNotAuthorized as exc:
            raise webob.exc.HTTPForbidden(explanation=exc.format_message())
        except exception.ImageNotFound:
            raise webob.exc.HTTPNotFound(explanation=_('Image not found.'))
        except exception.Invalid as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        return updated['properties']

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.index_query)
    def index(self, req, image_id):
        return {'metadata': self._image(req, image_id)['properties']}

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, image_id, id):
        properties = self._image(req, image_id)['properties']
        if id not in properties:
            raise webob.exc.HTTPNotFound(
                explanation=_('Invalid metadata key'))
        return {'meta': {id: properties[id]}}

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.create)
    def create(self, req, image_id, body):
        image = self._image(req, image_id)
        merged = dict(image['properties'], **body['metadata'])
        return {'metadata': self._save(req, image, merged)}

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.update_all)
    def update_all(self, req, image_id, body):
        image = self._image(req, image_id)
        self._save(req, image, dict(body['metadata']))
        return {'metadata': body['metadata']}

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors((400, 403, 404))
    @validation.schema(schema.update)
    def update(self, req, image_id, id, body):
        meta = body['meta']
        if id not in meta:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Request body and URI mismatch'))
        image = self._image(req, image_id)
        self._save(req, image, dict(image['properties'], **meta))
        return {'meta': meta}

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(204)
    @wsgi.expected_errors((403, 404))
    @validation.query_schema(schema.show_query)
    def delete(self, req, image_id, id):
        image = self._image(req, image_id)
        properties = dict(image['properties'])
        if id not in properties:
            raise webob.exc.HTTPNotFound(
                explanation=_('Invalid metadata key'))
        del properties[id]
        self._save(req, image, properties)
