"""Validators of scheduler filter specs and the ``os:``/``accel:`` ones."""

from nova_clone.api.validation.extra_specs import base

spec = base.spec
# NOTE: the comparison operators the filters understand: '>= 4',
# '<in> avx', '<or> a <or> b', 's== x'...
_OPERATOR_VALUE = (r'((=|!=|>=|<=|s==|s!=|s<|s<=|s>|s>=|<in>|<all-in>)'
                   r'\s*\S.*|<or>\s*.*|[^<=!>].*|)')

VALIDATORS = [
    spec('capabilities:{attribute}',
         'A host capability the ComputeCapabilitiesFilter matches.', str,
         parameters=[{'name': 'attribute', 'pattern': r'[a-zA-Z0-9._:-]+'}],
         pattern=_OPERATOR_VALUE),
    spec('aggregate_instance_extra_specs:{key}',
         'Aggregate metadata the AggregateInstanceExtraSpecsFilter '
         'matches.', str,
         parameters=[{'name': 'key', 'pattern': r'[a-zA-Z0-9._:-]+'}],
         pattern=_OPERATOR_VALUE),
    spec('os:secure_boot', 'UEFI secure boot.', str,
         enum=['disabled', 'required', 'optional']),
    spec('accel:device_profile', 'The Cyborg device profile to attach.',
         str, pattern=r'[\S ]+'),
]


def register():
    return VALIDATORS
