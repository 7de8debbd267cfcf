"""Helpers shared by the controllers: paging, links, exception mapping."""

import urllib.parse

import webob.exc

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _

CONF = nova_conf.CONF

# NOTE: where each domain exception lands; anything else maps by its code.
_HTTP_ERRORS = {
    400: webob.exc.HTTPBadRequest,
    403: webob.exc.HTTPForbidden,
    404: webob.exc.HTTPNotFound,
    409: webob.exc.HTTPConflict,
    413: webob.exc.HTTPRequestEntityTooLarge,
    501: webob.exc.HTTPNotImplemented,
}


def http_exception(exc, default=webob.exc.HTTPInternalServerError):
    """:returns: the webob exception a domain exception becomes.

    ``NotImplementedError`` is a 501; a NovaException maps by its ``code``
    (InstanceNotFound 404, InstanceInvalidState 409...).
    """
    if isinstance(exc, NotImplementedError):
        return webob.exc.HTTPNotImplemented(
            explanation=_('Action not implemented.'))
    if isinstance(exc, exception.NovaException):
        cls = _HTTP_ERRORS.get(exc.code, default)
        return cls(explanation=exc.format_message(),
                   headers=dict(exc.headers or {}))
    return default(explanation=str(exc))


class lazy_client(object):
    """A controller attribute built by ``factory()`` on first use.

    Routers are built before ``rpc.init()`` and before the config is
    complete, so RPC, Placement, Glance and servicegroup clients cannot be
    made in a controller's ``__init__``; each controller instance builds
    its own when a request first needs it.
    """

    def __init__(self, factory):
        self.factory = factory
        self.name = None

    def __set_name__(self, owner, name):
        self.name = '_lazy_' + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        client = obj.__dict__.get(self.name)
        if client is None:
            client = obj.__dict__[self.name] = self.factory()
        return client


def isotime(value):
    """:returns: ``2012-08-20T21:11:09Z`` (server and fault times)."""
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def db_time(value):
    """:returns: ``2012-08-20T21:11:09.000000``: the resources that show a
    database timestamp as-is (aggregates, key pairs, actions, usage,
    migrations, services)."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def get_context(req):
    """:returns: the caller's RequestContext."""
    return req.environ['nova.context']


def get_pagination_params(req):
    """:returns: {'limit': int, 'marker': str} from the query (if given).

    :raises HTTPBadRequest: a limit that is not a non-negative integer.
    """
    params = {}
    if 'limit' in req.GET:
        params['limit'] = _int_param(req.GET['limit'], 'limit')
    if 'page_size' in req.GET:
        params['page_size'] = _int_param(req.GET['page_size'], 'page_size')
    if 'marker' in req.GET:
        params['marker'] = req.GET['marker']
    return params


def _int_param(value, name):
    try:
        number = int(value)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('%s param must be an integer') % name)
    if number < 0:
        raise webob.exc.HTTPBadRequest(
            explanation=_('%s param must be positive') % name)
    return number


def get_limit_and_marker(req):
    """:returns: (limit, marker); the limit capped at ``[api] max_limit``."""
    params = get_pagination_params(req)
    limit = params.get('limit', CONF.api.max_limit)
    return min(CONF.api.max_limit, limit), params.get('marker')


def get_sort_params(params, default_key='created_at', default_dir='desc'):
    """:returns: ([sort keys], [sort dirs]) from repeated query values.

    :param params: the request's GET MultiDict.
    """
    keys = params.getall('sort_key') if 'sort_key' in params else []
    dirs = params.getall('sort_dir') if 'sort_dir' in params else []
    if not keys and default_key:
        keys = [default_key]
    if not dirs and default_dir:
        dirs = [default_dir]
    return keys, dirs


def remove_trailing_version_from_href(href):
    """``http://h/v2.1/x`` -> ``http://h/x`` (the bookmark form).

    :raises ValueError: the href has no version component.
    """
    parsed = urllib.parse.urlsplit(href)
    parts = parsed.path.rstrip('/').split('/')
    # NOTE: the service may sit below a path prefix (http://h/compute/v2.1).
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        if part.startswith('v') and part[1:].replace('.', '').isdigit():
            del parts[index]
            path = '/'.join(parts)
            return urllib.parse.urlunsplit(
                (parsed.scheme, parsed.netloc, path, '', ''))
    raise ValueError('href %s does not contain version' % href)


class ViewBuilder(object):
    """Base of the view builders: links that honour the link prefix."""

    _collection_name = None

    def _update_link_prefix(self, orig_url, prefix):
        if not prefix:
            return orig_url
        url_parts = list(urllib.parse.urlsplit(orig_url))
        prefix_parts = list(urllib.parse.urlsplit(prefix))
        url_parts[0:2] = prefix_parts[0:2]
        url_parts[2] = prefix_parts[2].rstrip('/') + url_parts[2]
        return urllib.parse.urlunsplit(url_parts).rstrip('/')

    def _update_compute_link_prefix(self, orig_url):
        return self._update_link_prefix(orig_url,
                                        CONF.api.compute_link_prefix)

    def _url_parts(self, req):
        """:returns: (versioned base url, project segment list)."""
        base = req.application_url.rstrip('/')
        project = req.environ.get('wsgiorg.routing_args', ({}, {}))[1].get(
            'project_id')
        return base, ([project] if project else [])

    def _get_href_link(self, req, identifier, collection_name=None):
        base, project = self._url_parts(req)
        path = '/'.join(project + [collection_name or self._collection_name,
                                   str(identifier)])
        return self._update_compute_link_prefix('%s/%s' % (base, path))

    def _get_bookmark_link(self, req, identifier, collection_name=None):
        base, project = self._url_parts(req)
        base = remove_trailing_version_from_href(base + '/')
        path = '/'.join(project + [collection_name or self._collection_name,
                                   str(identifier)])
        return self._update_compute_link_prefix('%s/%s' % (base, path))

    def _get_links(self, req, identifier, collection_name=None):
        return [
            {'rel': 'self',
             'href': self._get_href_link(req, identifier, collection_name)},
            {'rel': 'bookmark',
             'href': self._get_bookmark_link(req, identifier,
                                             collection_name)},
        ]

    def _get_next_link(self, req, identifier, collection_name=None):
        """:returns: the URL of the next page, after ``identifier``."""
        params = [(k, v) for k, v in req.GET.items() if k != 'marker']
        params.append(('marker', identifier))
        base, project = self._url_parts(req)
        path = '/'.join(project + [collection_name or self._collection_name])
        url = '%s/%s?%s' % (base, path, urllib.parse.urlencode(params))
        return self._update_compute_link_prefix(url)

    def _get_collection_links(self, req, items, collection_name,
                              id_key='uuid', limit=None):
        """:returns: a ``next`` link when the page is full, else []."""
        if limit is None:
            params = get_pagination_params(req)
            limit = params.get('limit', CONF.api.max_limit)
        limit = min(limit, CONF.api.max_limit)
        if items and limit and limit == len(items):
            last = items[-1]
            identifier = (last[id_key] if id_key in last
                          else last.get('id'))
            return [{'rel': 'next',
                     'href': self._get_next_link(req, identifier,
                                                 collection_name)}]
        return []
