"""Image bodies of the /images proxy: Glance's image in nova's words."""

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_clone.api.openstack import common
from nova_clone import conf as nova_conf

CONF = nova_conf.CONF

# Glance's status -> the one the compute API shows.
STATUS = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING',
          'importing': 'SAVING', 'uploading': 'SAVING',
          'deleted': 'DELETED', 'pending_delete': 'DELETED',
          'killed': 'ERROR'}
_PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}


def _isotime(value):
    """Glance's timestamp as ``YYYY-MM-DDTHH:MM:SSZ`` (None stays None)."""
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = timeutils.parse_isotime(value)
        except ValueError:
            return value
    return timeutils.normalize_time(value).strftime('%Y-%m-%dT%H:%M:%SZ')


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'images'

    def __init__(self, glance_endpoint=None):
        # glance_endpoint: a callable giving the image endpoint, or None.
        self._glance_endpoint = glance_endpoint

    def _alternate_link(self, req, image_id):
        base = self._glance_endpoint() if self._glance_endpoint else None
        href = '%s/images/%s' % ((base or '').rstrip('/'), image_id)
        href = self._update_link_prefix(href, CONF.api.glance_link_prefix)
        return {'rel': 'alternate', 'type': 'application/vnd.openstack.image',
                'href': href}

    def _image_links(self, req, image_id):
        links = self._get_links(req, image_id)
        links.append(self._alternate_link(req, image_id))
        return links

    def _basic_body(self, req, image):
        return {'id': image['id'], 'name': image.get('name'),
                'links': self._image_links(req, image['id'])}

    def _full_body(self, req, image):
        glance_status = image.get('status')
        metadata = dict(image.get('properties') or {})
        body = {
            'id': image['id'],
            'name': image.get('name'),
            'minRam': int(image.get('min_ram') or 0),
            'minDisk': int(image.get('min_disk') or 0),
            'metadata': metadata,
            'created': _isotime(image.get('created_at')),
            'updated': _isotime(image.get('updated_at')),
            'status': STATUS.get(glance_status, 'UNKNOWN'),
            'progress': _PROGRESS.get(glance_status, 0),
            'links': self._image_links(req, image['id']),
            'OS-EXT-IMG-SIZE:size': image.get('size'),
        }
        server = metadata.get('instance_uuid')
        if server is not None:
            body['server'] = {'id': server, 'links': self._get_links(
                req, server, 'servers')}
        disk_config = metadata.get('auto_disk_config')
        if disk_config is not None:
            body['OS-DCF:diskConfig'] = (
                'AUTO' if strutils.bool_from_string(disk_config)
                else 'MANUAL')
        return body

    def basic(self, req, image):
        return {'image': self._basic_body(req, image)}

    def show(self, req, image):
        return {'image': self._full_body(req, image)}

    def _list(self, req, images, render, collection, limit):
        body = {'images': [render(req, image) for image in images]}
        links = self._get_collection_links(req, body['images'], collection,
                                           'id', limit=limit)
        if links:
            body['images_links'] = links
        return body

    def index(self, req, images, limit=None):
        return self._list(req, images, self._basic_body, 'images', limit)

    def detail(self, req, images, limit=None):
        return self._list(req, images, self._full_body, 'images/detail',
                          limit)
