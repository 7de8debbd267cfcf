"""/images[/detail|/{id}]: Glance's images in nova's shape, a proxy that
was deprecated with 2.36 (404 from then on, as in nova).

Nova guards these with no policy of its own: Glance decides what the
caller's token may see or delete.
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import images as qs
from nova_clone.api.openstack.compute.views import images as views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.image import glance

MAX_PROXY_API_VERSION = '2.35'

# Query names -> the client's filter names.
_FILTERS = {'name': 'name', 'status': 'status',
            'changes-since': 'changes-since',
            'server': 'property-instance_uuid',
            'type': 'property-image_type',
            'minRam': 'min_ram', 'minDisk': 'min_disk'}


def _filters(req):
    """:returns: the client filters the query string asks for."""
    filters = {}
    for name in req.GET:
        if name in _FILTERS or name.startswith('property-'):
            filters[_FILTERS.get(name, name)] = req.GET.get(name)
    server = filters.get('property-instance_uuid')
    if server and '/' in server:
        # A server's href names it by its last segment.
        filters['property-instance_uuid'] = server.rstrip('/').rsplit(
            '/', 1)[1]
    if filters.get('status'):
        filters['status'] = filters['status'].lower()
    return filters


class ImagesController(wsgi.Controller):

    image_api = common.lazy_client(glance.API)

    def _views(self, req):
        context = common.get_context(req)
        return views.ViewBuilder(lambda: self.image_api.endpoint(context))

    def _get_all(self, req):
        context = common.get_context(req)
        limit, marker = common.get_limit_and_marker(req)
        try:
            images = self.image_api.get_all(context, filters=_filters(req),
                                            limit=limit, marker=marker)
        except exception.Invalid as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        return images, limit

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(qs.index_query)
    def index(self, req):
        images, limit = self._get_all(req)
        return self._views(req).index(req, images, limit=limit)

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(qs.index_query)
    def detail(self, req):
        images, limit = self._get_all(req)
        return self._views(req).detail(req, images, limit=limit)

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(qs.show_query)
    def show(self, req, id):
        try:
            image = self.image_api.get(common.get_context(req), id)
        except (exception.ImageNotFound, exception.ImageNotAuthorized):
            raise webob.exc.HTTPNotFound(explanation=_('Image not found.'))
        return self._views(req).show(req, image)

    @wsgi.api_version('2.1', MAX_PROXY_API_VERSION)
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
