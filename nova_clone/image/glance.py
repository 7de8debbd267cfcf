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
              'file', 'schema', 'self', 'direct_url', 'locations',
              'stores')


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
        """:returns: the URL of ``service_type`` from the token's catalog.

        keystonemiddleware hands the catalog over in the v2 layout
        (``publicURL``/``internalURL``/``adminURL`` per endpoint); a v3
        catalog has ``interface`` and ``url``. Both are understood.
        """
        if isinstance(interface, (list, tuple)):
            wanted = list(interface)
        else:
            wanted = [interface] if interface else []
        wanted += [i for i in ('internal', 'public', 'admin')
                   if i not in wanted]
        for service in self._catalog:
            if service.get('type') != service_type:
                continue
            endpoints = [e for e in service.get('endpoints', [])
                         if not region_name or
                         e.get('region', e.get('region_id')) in
                         (None, region_name)]
            for name in wanted:
                for endpoint in endpoints:
                    url = endpoint.get('%sURL' % name)
                    if url is None and endpoint.get('interface') == name:
                        url = endpoint.get('url')
                    if url:
                        return url
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


def _glance_filters(filters):
    """Translate nova's image filters into Glance v2 query parameters."""
    params = {}
    for key, value in (filters or {}).items():
        if value is None:
            continue
        if key == 'is_public':
            params['visibility'] = 'public' if value else 'private'
        elif key == 'changes-since':
            params['updated_at'] = 'gte:%s' % value
        elif key.startswith('property-'):
            params[key[len('property-'):]] = value
        else:
            params[key] = value
    return params


class API:
    """The image service calls compute makes."""

    def __init__(self):
        self._next_server = 0

    def _servers(self):
        """The endpoints to try in turn (None: the adapter decides)."""
        if CONF.glance.endpoint_override or not CONF.glance.api_servers:
            return [None]
        servers = list(CONF.glance.api_servers)
        start = self._next_server % len(servers)
        return servers[start:] + servers[:start]

    def _adapter(self, context, endpoint=None):
        session = ks_loading.load_session_from_conf_options(
            CONF, 'glance', auth=_ContextAuth(context))
        kwargs = {}
        if endpoint:
            kwargs['endpoint_override'] = endpoint
        return ks_loading.load_adapter_from_conf_options(
            CONF, 'glance', session=session, **kwargs)

    def endpoint(self, context):
        """:returns: the image endpoint the client talks to, or None."""
        server = self._servers()[0]
        if server:
            return server.rstrip('/')
        try:
            url = self._adapter(context).get_endpoint()
        except ks_exc.ClientException:
            return None
        return url.rstrip('/') if url else None

    def _call(self, context, method, path, **kwargs):
        """One request, retried on connection failures.

        Retries walk through ``[glance] api_servers`` when several are set.

        :raises: GlanceConnectionFailed once the retries are used up.
        """
        servers = self._servers()
        attempts = CONF.glance.num_retries + 1
        for attempt in range(attempts):
            server = servers[attempt % len(servers)]
            try:
                return self._adapter(context, server).request(
                    path, method, raise_exc=False, **kwargs)
            except (ks_exc.ConnectFailure, ks_exc.ConnectTimeout,
                    ks_exc.EndpointNotFound) as exc:
                if len(servers) > 1:
                    self._next_server += 1
                if attempt + 1 == attempts or isinstance(
                        exc, ks_exc.EndpointNotFound):
                    raise exception.GlanceConnectionFailed(reason=str(exc))
                LOG.warning('Glance unreachable (%s), retry %d of %d',
                            exc, attempt + 1, attempts - 1)
                concurrency.sleep(min(2 ** attempt, 5) * 0.1)
        return None

    @staticmethod
    def _check(resp, image_id=None):
        """:raises: ImageNotFound (404), ImageNotAuthorized (401/403),
            ImageBadRequest (other 4xx), GlanceConnectionFailed (5xx).
        """
        if resp.status_code == 404:
            raise exception.ImageNotFound(image_id=image_id)
        if resp.status_code in (401, 403):
            raise exception.ImageNotAuthorized(image_id=image_id)
        if resp.status_code >= 500:
            raise exception.GlanceConnectionFailed(
                reason='HTTP %d: %s' % (resp.status_code, resp.text[:200]))
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

    def get_all(self, context, filters=None, limit=None, marker=None,
                sort_key=None, sort_dir=None):
        """One Glance page of images.

        :param filters: nova's filter names (``property-<key>``,
            ``changes-since``, ``is_public``) or Glance's own.
        :returns: a list of nova's image dicts.
        :raises: ImageBadRequest for a bad filter or an unknown marker.
        """
        params = _glance_filters(filters)
        if limit is not None:
            params['limit'] = limit
        if marker:
            params['marker'] = marker
        if sort_key:
            params['sort_key'] = sort_key
        if sort_dir:
            params['sort_dir'] = sort_dir
        resp = self._check(self._call(context, 'GET', '/v2/images',
                                      params=params), marker)
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
        """:raises: ImageNotFound, ImageNotAuthorized"""
        self._check(self._call(context, 'DELETE',
                               '/v2/images/%s' % image_id), image_id)

    def upload(self, context, image_id, data):
        """Store ``data`` (bytes, a file or an iterable of chunks)."""
        self._check(self._call(
            context, 'PUT', '/v2/images/%s/file' % image_id, data=data,
            headers={'Content-Type': 'application/octet-stream'}), image_id)

    def download(self, context, image_id, dst_path=None,
                 chunk_size=64 * 1024):
        """Stream an image's data.

        :returns: an iterator of byte chunks, or None once the data is
            written to ``dst_path``.
        """
        resp = self._check(self._call(
            context, 'GET', '/v2/images/%s/file' % image_id, stream=True),
            image_id)
        if dst_path is None:
            return resp.iter_content(chunk_size)
        with open(dst_path, 'wb') as out:
            for chunk in resp.iter_content(chunk_size):
                out.write(chunk)
        return None
