"""One INFO log line per API request (when not served by a logging server).
"""

import time

from oslo_log import log as logging
import webob.dec

from nova_clone.api import wsgi as base_wsgi

LOG = logging.getLogger(__name__)

_FORMAT = ('%(REMOTE_ADDR)s "%(REQUEST_METHOD)s %(REQUEST_URI)s" status: '
           '%(status)s len: %(len)s microversion: %(microversion)s '
           'time: %(time).6f')


class RequestLog(base_wsgi.Middleware):
    """Log method, path, status, length, microversion and duration."""

    @webob.dec.wsgify
    def __call__(self, req):
        start = time.monotonic()
        resp = req.get_response(self.application)
        uri = req.environ.get('SCRIPT_NAME', '') + req.path_info
        if req.query_string:
            uri += '?' + req.query_string
        LOG.info(_FORMAT, {
            'REMOTE_ADDR': req.remote_addr or '-',
            'REQUEST_METHOD': req.method,
            'REQUEST_URI': uri,
            'status': resp.status_int,
            'len': resp.content_length or 0,
            'microversion': resp.headers.get(
                'X-OpenStack-Nova-API-Version', '-'),
            'time': time.monotonic() - start,
        })
        return resp
