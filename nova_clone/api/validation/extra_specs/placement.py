"""Validators of Placement requests: ``resources*:``, ``trait*:``."""

from nova_clone.api.validation.extra_specs import base

spec = base.spec
_GROUP = {'name': 'group', 'pattern': r'([a-zA-Z0-9_-]{1,64})?'}

VALIDATORS = [
    spec('resources{group}:{resource_class}',
         'Amount of a resource class to request.', int,
         parameters=[_GROUP, {'name': 'resource_class',
                              'pattern': r'[A-Z0-9_]+'}],
         min=0),
    spec('trait{group}:{trait}', 'Require or forbid a trait.', str,
         parameters=[_GROUP, {'name': 'trait', 'pattern': r'[A-Z0-9_]+'}],
         enum=['required', 'forbidden']),
    spec('group_policy', 'How numbered request groups share providers.',
         str, enum=['isolate', 'none']),
]


def register():
    return VALIDATORS
