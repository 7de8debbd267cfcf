"""Fault bodies (``{"itemNotFound": {"code": 404, ...}}``) and FaultWrapper.

Every error the compute API returns has this shape; the outer key is named
by the status code as nova names it.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob.dec
import webob.exc

from nova_clone.api import wsgi as base_wsgi
from nova_clone.api.openstack import api_version_request
from nova_clone import exception
from nova_clone.i18n import _

LOG = logging.getLogger(__name__)

FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    406: 'notAcceptable',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}
DEFAULT_FAULT_NAME = 'computeFault'

UNEXPECTED_ERROR = _('Unexpected API Error. Please report this at '
                     'http://bugs.launchpad.net/nova/ and attach the Nova '
                     'API log if possible.\n%s')


def fault_name(code):
    """:returns: the outer key of a fault body for HTTP status ``code``."""
    return FAULT_NAMES.get(code, DEFAULT_FAULT_NAME)


class Fault(webob.exc.HTTPException):
    """Wraps a webob HTTP error and renders it as a JSON fault body."""

    def __init__(self, exc):
        self.wrapped_exc = exc
        for key, value in list(self.wrapped_exc.headers.items()):
            self.wrapped_exc.headers[key] = str(value)
        self.status_int = exc.status_int

    @webob.dec.wsgify
    def __call__(self, req):
        code = self.wrapped_exc.status_int
        explanation = self.wrapped_exc.explanation
        inner = {'code': code, 'message': explanation}
        if code in (413, 429):
            retry = self.wrapped_exc.headers.get('Retry-After')
            if retry:
                inner['retryAfter'] = retry
        version = getattr(req, 'api_version_request', None)
        if version is not None and not version.is_null():
            self.wrapped_exc.headers.update(
                api_version_request.response_headers(version))
        self.wrapped_exc.content_type = 'application/json'
        self.wrapped_exc.charset = 'UTF-8'
        self.wrapped_exc.text = jsonutils.dumps({fault_name(code): inner})
        return self.wrapped_exc

    def __str__(self):
        return self.wrapped_exc.__str__()


def http_error(code, explanation, headers=None):
    """:returns: the webob exception for ``code`` with ``explanation``."""
    cls = webob.exc.status_map.get(code)
    if cls is None or code < 400:
        cls = webob.exc.HTTPInternalServerError
    return cls(explanation=explanation, headers=headers)


def from_exception(exc):
    """:returns: a Fault for ``exc`` (webob or NovaException) or None."""
    if isinstance(exc, Fault):
        return exc
    if isinstance(exc, webob.exc.HTTPException):
        return Fault(exc)
    if isinstance(exc, exception.NovaException):
        code = exc.code if isinstance(exc.code, int) else 500
        if code >= 500 and not exc.safe:
            return None
        return Fault(http_error(code, exc.format_message(),
                                headers=dict(exc.headers or {})))
    return None


class FaultWrapper(base_wsgi.Middleware):
    """Outermost middleware: any exception becomes a JSON fault."""

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return req.get_response(self.application)
        except Exception as ex:
            return self._error(ex, req)

    @staticmethod
    def _error(inner, req):
        fault = from_exception(inner)
        if fault is not None:
            return fault
        LOG.exception('Caught error: %s', inner)
        return Fault(webob.exc.HTTPInternalServerError(
            explanation=UNEXPECTED_ERROR % type(inner)))
