"""The registry of known extra specs and ``validate(name, value)``.

A spec we know is checked; an unknown spec in a namespace we own (hw:,
quota:, resources*, trait*...) is rejected; anything else (other
namespaces, no namespace) passes, since other services use extra specs.
"""

import re

from nova_clone.api.validation.extra_specs import filters
from nova_clone.api.validation.extra_specs import hw
from nova_clone.api.validation.extra_specs import placement
from nova_clone.api.validation.extra_specs import quota
from nova_clone import exception

VALIDATORS = {}
NAMESPACES = set()


def _load():
    for module in (filters, hw, placement, quota):
        for validator in module.register():
            VALIDATORS[validator.name] = validator
            if ':' in validator.name_regex:
                NAMESPACES.add(validator.name_regex.split(':', 1)[0])


def validate(name, value):
    """:raises ValidationError: ``name``/``value`` is not a valid spec."""
    value = str(value)
    if name in VALIDATORS:
        VALIDATORS[name].validate(name, value)
        return
    for validator in VALIDATORS.values():
        if re.fullmatch(validator.name_regex, name):
            validator.validate(name, value)
            return
    if ':' not in name:
        return
    prefix = name.split(':', 1)[0]
    if not any(re.fullmatch(ns, prefix) for ns in NAMESPACES):
        return
    raise exception.ValidationError(detail=(
        "Validation failed; extra spec '%s' does not appear to be a valid "
        "extra spec." % name))


_load()
