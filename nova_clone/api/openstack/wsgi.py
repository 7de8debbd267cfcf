"""WSGI plumbing of the compute API: Request, Resource, decorators.

A controller method is a plain function ``method(self, req, **route_args)``
(plus ``body`` for POST/PUT). Its contract lives in decorators:

* ``@wsgi.response(code, min_version, max_version)``: the success status;
* ``@wsgi.expected_errors(codes)``: the error statuses it may return
  (anything else becomes a 500);
* ``@wsgi.api_version(min, max)``: the microversions it exists in (404
  outside); decorating the same name twice in a class body dispatches on
  the request's microversion;
* ``@wsgi.action(name)``: a ``POST .../action`` handler keyed by the body;
* the ``nova_clone.api.validation`` schema decorators.
"""

import functools
import sys

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.dec
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import faults
from nova_clone import exception
from nova_clone.i18n import _

LOG = logging.getLogger(__name__)

JSON_TYPES = ('application/json', 'application/vnd.openstack.compute+json')
# NOTE: route arguments that are routing data, not controller arguments.
_ROUTING_ARGS = ('controller', 'action', 'format', 'project_id')


# NOTE: set by the legacy_v2_compatible filter of the /v2 pipeline.
LEGACY_V2_KEY = 'nova.legacy_v2'


class Request(webob.Request):
    """A webob Request that knows its microversion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not hasattr(self, 'api_version_request'):
            self.api_version_request = (
                api_version_request.APIVersionRequest())

    def set_api_version_request(self):
        """Parse the microversion headers (raises on bad/out of range).

        The legacy /v2 endpoint ignores them: it is always 2.1.
        """
        if self.is_legacy_v2():
            self.api_version_request = api_version_request.APIVersionRequest(
                api_version_request._MIN_API_VERSION)
            return
        self.api_version_request = api_version_request.from_headers(
            self.headers)

    def is_legacy_v2(self):
        """:returns: whether the request came in on the /v2 endpoint."""
        return bool(self.environ.get(LEGACY_V2_KEY))

    def get_content_type(self):
        """:returns: the body's content type, or None when absent.

        :raises InvalidContentType: for anything but JSON.
        """
        if 'Content-Type' not in self.headers:
            return None
        content_type = self.content_type
        if not content_type or content_type == 'text/plain':
            return None
        if content_type not in JSON_TYPES:
            raise exception.InvalidContentType(content_type=content_type)
        return content_type

    @property
    def nova_context(self):
        """:returns: the RequestContext set by the auth middleware."""
        return self.environ['nova.context']


# --- decorators --------------------------------------------------------

def response(code, min_version=None, max_version=None):
    """Declare the success status of a method for a microversion range."""
    def decorator(func):
        codes = list(getattr(func, 'wsgi_codes', []))
        codes.append((code, min_version, max_version))
        func.wsgi_codes = codes
        return func
    return decorator


def expected_errors(errors, min_version=None, max_version=None):
    """Declare the error statuses a method returns; others become 500.

    Policy refusals (403) and validation errors (400) always pass.
    """
    if isinstance(errors, int):
        errors = (errors,)

    def decorator(func):
        @functools.wraps(func)
        def wrapped(self, req, *args, **kwargs):
            try:
                return func(self, req, *args, **kwargs)
            except Exception as exc:
                if not req.api_version_request.matches(min_version,
                                                       max_version):
                    raise
                if _is_expected(exc, errors):
                    raise
                LOG.exception('Unexpected exception in API method')
                raise webob.exc.HTTPInternalServerError(
                    explanation=faults.UNEXPECTED_ERROR % type(exc))
        wrapped.wsgi_expected_errors = tuple(errors)
        return wrapped
    return decorator


def _is_expected(exc, errors):
    if isinstance(exc, webob.exc.WSGIHTTPException):
        return exc.code in errors
    if isinstance(exc, (exception.Forbidden, exception.ValidationError,
                        exception.Unauthorized)):
        return True
    if isinstance(exc, exception.NovaException):
        return exc.code in errors
    return False


def action(name):
    """Mark a method as the handler of the server/flavor action ``name``."""
    def decorator(func):
        func.wsgi_action = name
        return func
    return decorator


def api_version(min_version, max_version=None):
    """Limit a method to a microversion range; re-use dispatches by range.

    When a class body defines the same method name several times, each
    decorated, a request runs the variant whose range holds its version.
    """
    def decorator(func):
        previous = sys._getframe(1).f_locals.get(func.__name__)
        variants = list(getattr(previous, 'versioned_methods', ()))
        variants.append((api_version_request.APIVersionRequest(min_version),
                         api_version_request.APIVersionRequest(max_version)
                         if max_version else None, func))
        variants.sort(key=lambda v: v[0], reverse=True)

        @functools.wraps(func)
        def dispatch(self, req, *args, **kwargs):
            chosen = select_version(dispatch, req)
            return chosen(self, req, *args, **kwargs)
        dispatch.versioned_methods = variants
        return dispatch
    return decorator


def select_version(method, req):
    """:returns: the variant of ``method`` serving ``req``'s version.

    :raises VersionNotFoundForAPIMethod: no variant serves it.
    """
    func = getattr(method, '__func__', method)
    variants = getattr(func, 'versioned_methods', None)
    if variants is None:
        return func
    version = req.api_version_request
    for lo, hi, variant in variants:
        if version.matches(lo, hi):
            return variant
    raise exception.VersionNotFoundForAPIMethod(version=version.get_string())


def response_code(func, req, default=200):
    """:returns: the status ``func`` declares for ``req``'s version."""
    for code, lo, hi in getattr(func, 'wsgi_codes', ()):
        if req.api_version_request.matches(lo, hi):
            return code
    return default


class ResponseObject(object):
    """A body with an explicit status and headers, for unusual methods."""

    def __init__(self, obj, code=None, headers=None):
        self.obj = obj
        self.code = code
        self.headers = dict(headers or {})


# --- controllers and the resource that drives them ----------------------

class Controller(object):
    """Base of the compute API controllers (nova's ``wsgi.Controller``)."""

    def wsgi_actions(self):
        """:returns: {action name: bound method} of ``@action`` methods."""
        actions = {}
        for name in dir(type(self)):
            member = getattr(type(self), name, None)
            key = getattr(member, 'wsgi_action', None)
            if key:
                actions[key] = getattr(self, name)
        return actions


class Resource(object):
    """The WSGI app of one controller: parse, dispatch, serialize."""

    def __init__(self, controller):
        self.controller = controller
        self._actions = controller.wsgi_actions()

    def register_actions(self, controller):
        """Serve ``controller``'s ``@action`` methods on this resource."""
        self._actions.update(controller.wsgi_actions())

    def action_handlers(self):
        """:returns: {action name: bound method}."""
        return dict(self._actions)

    @webob.dec.wsgify(RequestClass=Request)
    def __call__(self, req):
        args = dict(req.environ['wsgiorg.routing_args'][1])
        action_name = args.pop('action')
        try:
            req.set_api_version_request()
        except exception.InvalidGlobalAPIVersion as e:
            return faults.Fault(webob.exc.HTTPNotAcceptable(
                explanation=e.format_message()))
        except exception.InvalidAPIVersionString as e:
            return faults.Fault(webob.exc.HTTPBadRequest(
                explanation=e.format_message()))
        try:
            return self._process(req, action_name, args)
        except Exception as exc:
            fault = faults.from_exception(_translate(exc))
            if fault is None:
                raise
            return fault

    def _process(self, req, action_name, args):
        project_id = args.get('project_id')
        context = req.environ.get('nova.context')
        if project_id and context and project_id != context.project_id:
            raise webob.exc.HTTPBadRequest(explanation=_(
                "Malformed request URL: URL's project_id '%(project_id)s' "
                "doesn't match Context's project_id '%(context)s'") % {
                    'project_id': project_id,
                    'context': context.project_id})
        for key in _ROUTING_ARGS:
            args.pop(key, None)
        allowed = args.pop('allowed_methods', None)
        if action_name == '_method_not_allowed':
            if not isinstance(allowed, str):
                allowed = ', '.join(allowed)
            raise webob.exc.HTTPMethodNotAllowed(
                explanation=_('The method %s is not allowed for this '
                              'resource.') % req.method,
                headers={'Allow': allowed})
        body = self._body(req)
        if action_name == 'action':
            method = self._action_method(body)
        else:
            method = getattr(self.controller, action_name)
        if req.method in ('POST', 'PUT'):
            args['body'] = body
        func = select_version(method, req)
        owner = getattr(method, '__self__', self.controller)
        result = func(owner, req, **args)
        return self._serialize(req, func, result)

    def _action_method(self, body):
        if not isinstance(body, dict) or len(body) != 1:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Malformed request body'))
        name = next(iter(body))
        if name not in self._actions:
            raise webob.exc.HTTPNotFound(
                explanation=_('There is no such action: %s') % name)
        return self._actions[name]

    @staticmethod
    def _body(req):
        if not req.content_length and not req.body:
            return None
        content_type = req.get_content_type()
        if content_type is None and not req.body:
            return None
        try:
            return jsonutils.loads(req.body)
        except ValueError:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Malformed request body'))

    @staticmethod
    def _serialize(req, func, result):
        code = response_code(func, req)
        headers = {}
        if isinstance(result, ResponseObject):
            code = result.code or code
            headers = result.headers
            result = result.obj
        resp = webob.Response(status=code)
        if result is not None and code != 204:
            resp.content_type = 'application/json'
            resp.charset = 'UTF-8'
            resp.text = jsonutils.dumps(result)
        else:
            resp.content_type = None
        resp.headers.update(headers)
        if not req.is_legacy_v2():
            resp.headers.update(api_version_request.response_headers(
                req.api_version_request))
        return resp


def _translate(exc):
    """Map the framework's own exceptions to their HTTP counterparts."""
    if isinstance(exc, exception.VersionNotFoundForAPIMethod):
        return webob.exc.HTTPNotFound(explanation=exc.format_message())
    if isinstance(exc, exception.InvalidContentType):
        return webob.exc.HTTPUnsupportedMediaType(
            explanation=_('Unsupported Content-Type'))
    return exc
