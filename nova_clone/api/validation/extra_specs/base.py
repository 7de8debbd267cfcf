"""ExtraSpecValidator: the name (with parameters) and value of one spec."""

import dataclasses
import re
import typing as ty

from oslo_utils import strutils

from nova_clone import exception


def _fail(message):
    raise exception.ValidationError(detail=message)


@dataclasses.dataclass
class ExtraSpecValidator:
    """One known extra spec.

    ``name`` may hold ``{param}`` placeholders whose regex is given in
    ``parameters``; ``value`` is ``{'type': str|int|bool, ...}`` with
    ``enum``/``pattern`` (str) or ``min``/``max`` (int).
    """

    name: str
    description: str
    value: ty.Dict[str, ty.Any]
    parameters: ty.List[ty.Dict[str, str]] = dataclasses.field(
        default_factory=list)
    deprecated: bool = False
    name_regex: str = None

    def __post_init__(self):
        if self.value['type'] not in (int, str, bool):
            raise ValueError('Unsupported parameter type %r'
                             % self.value['type'])
        regex = re.escape(self.name).replace(r'\{', '{').replace(r'\}', '}')
        for param in self.parameters:
            regex = regex.replace('{%s}' % param['name'], '(?P<%s>%s)' % (
                param['name'], param['pattern']))
        self.name_regex = regex

    @property
    def namespace(self):
        """:returns: the part before the first ':' (None without one)."""
        head, sep, _tail = self.name.partition(':')
        return head.split('{')[0] if sep else None

    def validate(self, name, value):
        """:raises ValidationError: ``value`` is wrong for this spec."""
        if not re.fullmatch(self.name_regex, name):
            _fail("Validation failed; expected a name of format '%s' but "
                  "got '%s'." % (self.name, name))
        kind = self.value['type']
        if kind is int:
            self._validate_int(value)
        elif kind is bool:
            try:
                strutils.bool_from_string(value, strict=True)
            except ValueError:
                _fail("Validation failed; '%s' is not a valid boolean-like "
                      "value." % value)
        else:
            self._validate_str(value)

    def _validate_str(self, value):
        pattern = self.value.get('pattern')
        if pattern and not re.fullmatch(pattern, value):
            _fail("Validation failed; '%s' is not of the format '%s'."
                  % (value, pattern))
        enum = self.value.get('enum')
        if enum and value not in enum:
            _fail("Validation failed; '%s' is not one of: %s."
                  % (value, ', '.join(str(x) for x in enum)))

    def _validate_int(self, value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            _fail("Validation failed; '%s' is not a valid integer value."
                  % value)
        if 'max' in self.value and number > self.value['max']:
            _fail("Validation failed; '%s' is greater than the max value "
                  "of '%s'." % (value, self.value['max']))
        if 'min' in self.value and number < self.value['min']:
            _fail("Validation failed; '%s' is less than the min value of "
                  "'%s'." % (value, self.value['min']))


def spec(name, description, kind, parameters=None, **value):
    """Shorthand: ``spec('hw:numa_nodes', '...', int, min=1)``."""
    value['type'] = kind
    return ExtraSpecValidator(name=name, description=description,
                              value=value, parameters=parameters or [])
