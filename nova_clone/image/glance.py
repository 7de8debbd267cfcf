"""A Glance v2 client with nova's view of an image.

Requests go out with the caller's token (the API's request context) to
the image endpoint from ``[glance] endpoint_override`` / ``api_servers``
or the token's service catalog, and come back as nova's image dict: the
core attributes at the top, everything else under ``properties``.
"""



from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from keystoneauth1 import plugin
from oslo_log import log as logging

from nova_clone import concurrency
from nova_clone import conf as nova_conf
from nova_clone import exception

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# Glance's own attributes; every other key of an image is a property.
CORE = ('id', 'name', 'status', 'size', 'virtual_size', 'min_ram',
        'min_disk', 'disk_format', 'container_format', 'checksum',
        'created_at', 'updated_at', 'owner', 'visibility', 'protected',
        'os_hidden', 'os_hash_algo', 'os_hash_value', 'tags')
_READ_ONLY = ('id', 'status', 'size', 'virtual_size', 'checksum',
              'created_at', 'updated_at', 'os_hash_algo', 'os_hash_value',
              'file', 'schema', 'self', 'direct_url', 'locations')


class _ContextAuth(plugin.BaseAuthPlugin):
    """The request context's token and catalog as a keystoneauth plugin."""

    def __init__(self, context):
        super().__init__()
        self._token = getattr(context, 'auth_token', None)
        self._catalog = getattr(context, 'service_catalog', None) or []

    def get_token(self, session, **kwargs):
        return self._token

    def get_headers(self, session, **kwargs):
        return {'X-Auth-Token': self._token} if self._token else {}

    def get_endpoint(self, session, service_type=None, interface=None,
                     region_name=None, **kwargs):
        for service in self._catalog:
            if service.get('type') != service_type:
                continue
            for endpoint in service.get('endpoints', []):
                if region_name and endpoint.get('region') != region_name:
                    continue
                if interface in (None, endpoint.get('interface')) or \
                        'url' in endpoint and interface is None:
                    return endpoint.get('url')
            endpoints = service.get('endpoints') or []
            if endpoints:
                return endpoints[0].get('url')
        return None


def image_from_glance(raw):
    """:returns: nova's image dict for Glance's v2 image body."""
    image = {key: raw.get(key) for key in CORE if key in raw}
    image.setdefault('min_ram', 0)
    image.setdefault('min_disk', 0)
    image['properties'] = {key: value for key, value in raw.items()
                           if key not in CORE and key not in _READ_ONLY}
    image['deleted'] = raw.get('status') == 'deleted'
    image['is_public'] = raw.get('visibility') == 'public'
    return image


class API:
    """The image service calls compute makes."""

    def _adapter(self, context):
        session = ks_loading.load_session_from_conf_options(
            CONF, 'glance', auth=_ContextAuth(context))
        kwargs = {}
        if CONF.glance.api_servers and not CONF.glance.endpoint_override:
            kwargs['endpoint_override'] = CONF.glance.api_servers[0]
        return ks_loading.load_adapter_from_conf_options(
            CONF, 'glance', session=session, **kwargs)

    def _call(self, context, method, path, image_id=None, **kwargs):
        """One request with retries on connection failures.

        :raises: ImageNotFound (404), ImageNotAuthorized (403), Invalid.
        """
        adapter = self._adapter(context)
        attempts = CONF.glance.num_retries + 1
        for attempt in range(attempts):
            try:
                return adapter.request(path, method, raise_exc=False,
                                       **kwargs)
            except (ks_exc.ConnectFailure, ks_exc.ConnectTimeout) as exc:
                if attempt + 1 == attempts:
                    raise exception.GlanceConnectionFailed(reason=str(exc))
                LOG.warning('Glance unreachable (%s), retrying', exc)
                concurrency.sleep(min(2 ** attempt, 5))

    @staticmethod
    def _check(resp, image_id=None):
        if resp.status_code == 404:
            raise exception.ImageNotFound(image_id=image_id)
        if resp.status_code in (401, 403):
            raise exception.ImageNotAuthorized(image_id=image_id)
        if resp.status_code >= 400:
            raise exception.ImageBadRequest(image_id=image_id,
                                            response=resp.text[:500])
        return resp

    def get(self, context, image_id):
        """:returns: nova's dict of ``image_id``.  :raises: ImageNotFound"""
        resp = self._check(self._call(context, 'GET',
                                      '/v2/images/%s' % image_id),
                           image_id)
        return image_from_glance(resp.json())

    def get_all(self, context, filters=None, limit=None, marker=None):
        """:returns: a list of nova's image dicts (one Glance page)."""
        params = dict(filters or {})
        if limit is not None:
            params['limit'] = limit
        if marker:
            params['marker'] = marker
        resp = self._check(self._call(context, 'GET', '/v2/images',
                                      params=params))
        return [image_from_glance(raw) for raw in resp.json()['images']]

    def create(self, context, image, data=None):
        """Create an image (and upload ``data``); :returns: nova's dict."""
        body = {k: v for k, v in image.items()
                if k not in _READ_ONLY and k not in ('properties',
                                                     'deleted', 'is_public')
                and v is not None}
        body.update(image.get('properties') or {})
        resp = self._check(self._call(context, 'POST', '/v2/images',
                                      json=body))
        created = image_from_glance(resp.json())
        if data is not None:
            self.upload(context, created['id'], data)
            return self.get(context, created['id'])
        return created

    def update(self, context, image_id, properties, remove=()):
        """Set (and remove) image attributes; :returns: nova's dict."""
        ops = [{'op': 'add', 'path': '/%s' % key, 'value': value}
               for key, value in properties.items()]
        ops += [{'op': 'remove', 'path': '/%s' % key} for key in remove]
        resp = self._check(self._call(
            context, 'PATCH', '/v2/images/%s' % image_id, json=ops,
            headers={'Content-Type':
                     'application/openstack-images-v2.1-json-patch'}),
            image_id)
        return image_from_glance(resp.json())

    def delete(self, context, image_id):
        """:raises: ImageNotFound"""
        self._check(self._call(context, 'DELETE',
                               '/v2/images/%s' % image_id), image_id)

    def upload(self, context, image_id, data):
        self._check(self._call(
            context, 'PUT', '/v2/images/%s/file' % image_id, data=data,
            headers={'Content-Type': 'application/octet-stream'}), image_id)

    def download(self, context, image_id, dst_path=None):
        """:returns: the image's bytes, or writes them to ``dst_path``."""
        resp = self._check(self._call(
            context, 'GET', '/v2/images/%s/file' % image_id, stream=True),
            image_id)
        if dst_path is None:
            return resp.content
        with open(dst_path, 'wb') as out:
            for chunk in resp.iter_content(64 * 1024):
                out.write(chunk)
        return None
