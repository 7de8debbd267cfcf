"""The JSON-schema validator behind the validation decorators.

Draft 4 plus nova's habits: ``minimum``/``maximum`` also apply to numeric
strings (query values and legacy bodies send numbers as strings), custom
formats (``uuid``, ``name``...), and errors rendered as
"Invalid input for field/attribute X. Value: Y. <reason>".
"""

import base64
import binascii
import re
import unicodedata

import jsonschema
from jsonschema import exceptions as js_exc
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_clone import exception
from nova_clone.i18n import _

_FORMAT_CHECKER = jsonschema.FormatChecker()


class InvalidName(exception.Invalid):
    msg_fmt = _("An invalid 'name' value was provided. The name must be: "
                "%(reason)s")


def _is_printable(value):
    return all(unicodedata.category(c)[0] not in ('C', 'Z') or c == ' '
               for c in value)


@_FORMAT_CHECKER.checks('uuid')
def _check_uuid(value):
    if not isinstance(value, str):
        return True
    return uuidutils.is_uuid_like(value)


@_FORMAT_CHECKER.checks('name', raises=InvalidName)
def _check_name(value):
    if not isinstance(value, str):
        return True
    if (not _is_printable(value) or value != value.strip()):
        raise InvalidName(reason=_('printable characters. Can not start or '
                                   'end with whitespace.'))
    return True


@_FORMAT_CHECKER.checks('name_with_leading_trailing_spaces',
                        raises=InvalidName)
def _check_name_spaces(value):
    if not isinstance(value, str):
        return True
    if not _is_printable(value) or not value.strip():
        raise InvalidName(reason=_('printable characters with at least one '
                                   'non space character'))
    return True


@_FORMAT_CHECKER.checks('base64')
def _check_base64(value):
    if not isinstance(value, str):
        return True
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        # NOTE: nova also accepts base64 with embedded newlines.
        try:
            base64.b64decode(''.join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            return False
    return True


@_FORMAT_CHECKER.checks('date-time')
def _check_date_time(value):
    if not isinstance(value, str):
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


@_FORMAT_CHECKER.checks('regex')
def _check_regex(value):
    try:
        re.compile(value)
    except (re.error, TypeError):
        return False
    return True


def _number_from_str(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None


def _bound(name):
    original = jsonschema.Draft4Validator.VALIDATORS[name]

    def check(validator, bound, instance, schema):
        number = _number_from_str(instance)
        if number is None:
            return
        yield from original(validator, bound, number, schema) or ()
    return check


_Validator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {'minimum': _bound('minimum'), 'maximum': _bound('maximum')})


class SchemaValidator(object):
    """Validates a body (``is_body``) or query dict against one schema."""

    def __init__(self, schema, is_body=True):
        self.schema = schema
        self.is_body = is_body
        self.validator = _Validator(schema, format_checker=_FORMAT_CHECKER)

    def validate(self, instance):
        """:raises ValidationError: with nova's 400 message."""
        try:
            self.validator.validate(instance)
        except js_exc.ValidationError as ex:
            raise exception.ValidationError(detail=self._detail(ex))
        except TypeError as ex:
            raise exception.ValidationError(detail=str(ex))

    def _detail(self, ex):
        if isinstance(ex.cause, InvalidName):
            return ex.cause.format_message()
        path = list(ex.path)
        if not path:
            return ex.message
        if self.is_body:
            return _('Invalid input for field/attribute %(path)s. Value: '
                     '%(value)s. %(message)s') % {
                         'path': path[-1], 'value': ex.instance,
                         'message': ex.message}
        return _('Invalid input for query parameters %(path)s. Value: '
                 '%(value)s. %(message)s') % {
                     'path': path[0], 'value': ex.instance,
                     'message': ex.message}
