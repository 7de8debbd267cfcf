"""Request validation: JSON-schema decorators for bodies and query strings.

``@validation.schema(body_schema, min_version, max_version)`` checks the
body of a request whose microversion is in range;
``@validation.query_schema(schema, min_version, max_version)`` checks the
query string (each parameter as a list of strings, since a parameter may be
repeated). Failures are 400 ``ValidationError`` with nova's messages.
"""

import functools

from nova_clone.api.validation import validators


def _version_ok(req, min_version, max_version):
    return req.api_version_request.matches(min_version, max_version)


def _request(args, kwargs):
    return kwargs.get('req') or args[1]


def schema(request_body_schema, min_version=None, max_version=None):
    """Validate the request body against ``request_body_schema``."""
    validator = validators.SchemaValidator(request_body_schema)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            req = _request(args, kwargs)
            if _version_ok(req, min_version, max_version):
                validator.validate(kwargs.get('body'))
            return func(*args, **kwargs)
        wrapper.request_body_schemas = list(
            getattr(func, 'request_body_schemas', [])) + [
                (request_body_schema, min_version, max_version)]
        return wrapper
    return decorator


def query_schema(request_query_schema, min_version=None, max_version=None):
    """Validate the query string against ``request_query_schema``.

    With ``additionalProperties: True`` unknown parameters are dropped from
    the request (ignored, as before 2.75); with False they are a 400.
    """
    validator = validators.SchemaValidator(request_query_schema,
                                           is_body=False)

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            req = _request(args, kwargs)
            if _version_ok(req, min_version, max_version):
                validator.validate(req.GET.dict_of_lists())
                if request_query_schema.get('additionalProperties') is True:
                    _strip_unknown(request_query_schema, req)
            return func(*args, **kwargs)
        wrapper.request_query_schemas = list(
            getattr(func, 'request_query_schemas', [])) + [
                (request_query_schema, min_version, max_version)]
        return wrapper
    return decorator


def _strip_unknown(query_schema, req):
    known = set(query_schema.get('properties', {}))
    patterns = query_schema.get('patternProperties', {})
    if patterns:
        return
    for name in list(req.GET):
        if name not in known:
            del req.GET[name]
