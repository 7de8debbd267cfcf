"""/images[/detail|/{id}]: Glance's images in nova's shape, a proxy that
was deprecated with 2.36 (404 from then on, as in nova).
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import images as qs
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.image import glance

# Glance status -> the API's.
_STATUS = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING',
           'importing': 'SAVING', 'uploading': 'SAVING',
           'deleted': 'DELETED', 'pending_delete': 'DELETED',
           'killed': 'ERROR'}
# Query names -> Glance's.
_FILTERS = {'name': 'name', 'status': 'status', 'changes-since':
            'changes-since', 'server': 'property-instance_uuid',
            'type': 'property-image_type', 'minRam': 'min_ram',
            'minDisk': 'min_disk'}


class ImagesController(wsgi.Controller, common.ViewBuilder):

    _collection_name = 'images'

    def __init__(self):
        self._image_api = None

    @property
    def image_api(self):
        if self._image_api is None:
            self._image_api = glance.API()
        return self._image_api

    def _view(self, req, image, detail=True):
        body = {'id': image['id'], 'name': image.get('name'),
                'links': self._get_links(req, image['id'])}
        if not detail:
            return body
        status = _STATUS.get(image.get('status'), 'UNKNOWN')
        body.update({
            'minRam': int(image.get('min_ram') or 0),
            'minDisk': int(image.get('min_disk') or 0),
            'progress': {'ACTIVE': 100, 'SAVING': 25}.get(status, 0),
            'status': status,
            'created': image.get('created_at'),
            'updated': image.get('updated_at'),
            'metadata': dict(image.get('properties') or {}),
            'OS-EXT-IMG-SIZE:size': image.get('size'),
        })
        server = body['metadata'].get('instance_uuid')
        if server:
            body['server'] = {'id': server, 'links': self._get_links(
                req, server, 'servers')}
        body['links'].append({
            'rel': 'alternate', 'type': 'application/vnd.openstack.image',
            'href': self._get_bookmark_link(req, image['id'])})
        return body

    def _list(self, req, detail):
        context = common.get_context(req)
        limit, marker = common.get_limit_and_marker(req)
        filters = {glance_name: req.GET[name]
                   for name, glance_name in _FILTERS.items()
                   if name in req.GET}
        try:
            images = self.image_api.get_all(context, filters=filters,
                                            limit=limit, marker=marker)
        except exception.Invalid as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        body = {'images': [self._view(req, image, detail)
                           for image in images]}
        links = self._get_collection_links(req, body['images'], 'images',
                                           'id', limit=limit)
        if links:
            body['images_links'] = links
        return body

    @wsgi.api_version('2.1', '2.35')
    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(qs.index_query)
    def index(self, req):
        return self._list(req, detail=False)

    @wsgi.api_version('2.1', '2.35')
    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(qs.index_query)
    def detail(self, req):
        return self._list(req, detail=True)

    @wsgi.api_version('2.1', '2.35')
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(qs.index_query)
    def show(self, req, id):
        try:
            image = self.image_api.get(common.get_context(req), id)
        except (exception.ImageNotFound, exception.ImageNotAuthorized):
            raise webob.exc.HTTPNotFound(
                explanation=_('Image not found.'))
        return {'image': self._view(req, image)}

    @wsgi.api_version('2.1', '2.35')
    @wsgi.response(204)
    @wsgi.expected_errors((403, 404))
    @validation.query_schema(qs.show_query)
    def delete(self, req, id):
        try:
            self.image_api.delete(common.get_context(req), id)
        except exception.ImageNotFound:
            raise webob.exc.HTTPNotFound(explanation=_('Image not found.'))
        except exception.ImageNotAuthorized:
            raise webob.exc.HTTPForbidden(explanation=_(
                'You are not allowed to delete the image.'))


