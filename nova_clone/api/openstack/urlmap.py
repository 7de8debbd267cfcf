"""Dispatch by path prefix (the ``osapi_compute`` composite).

Keys are paths; ``/v2.1`` matches that path exactly (``/v2.1`` and
``/v2.1/``: the unauthenticated version document) while ``/v2.1/+``
matches everything below it. The longest match wins; the matched prefix
moves from PATH_INFO to SCRIPT_NAME.
"""

import webob.dec
import webob.exc


def urlmap_factory(loader, global_conf, **local_conf):
    """paste.deploy composite factory: ``use = call:...:urlmap_factory``."""
    mapping = URLMap()
    for path, app_name in local_conf.items():
        mapping[path] = loader.get_app(app_name, global_conf=global_conf)
    return mapping


class URLMap(object):
    """A WSGI app routing to sub-apps by path prefix."""

    def __init__(self):
        self._exact = {}
        self._prefix = {}

    def __setitem__(self, path, app):
        if path.endswith('/+'):
            self._prefix[path[:-2].rstrip('/')] = app
        else:
            self._exact[path.rstrip('/')] = app

    def _match(self, path_info):
        stripped = path_info.rstrip('/')
        if stripped in self._exact:
            return stripped, self._exact[stripped]
        for prefix in sorted(self._prefix, key=len, reverse=True):
            if path_info.startswith(prefix + '/'):
                return prefix, self._prefix[prefix]
        # NOTE: '/' (the versions app) also answers unknown top paths.
        if '' in self._exact and stripped.count('/') <= 1:
            return '', self._exact['']
        return None, None

    @webob.dec.wsgify
    def __call__(self, req):
        prefix, app = self._match(req.path_info)
        if app is None:
            return webob.exc.HTTPNotFound()
        req.script_name += prefix
        req.path_info = req.path_info[len(prefix):]
        return req.get_response(app)
