"""What a server asks of Placement: resources, traits and aggregates.

:func:`resources_from_flavor` turns a flavor (plus its extra specs and the
image properties) into a :class:`ResourceRequest`, and
:meth:`ResourceRequest.to_querystring` renders the
``GET /allocation_candidates`` query. Everything here is pure: no
configuration, no I/O.
"""

import collections
import math
import re
from urllib import parse

import os_resource_classes as orc

from nova_clone.exception import base as exc_base

# NOTE: ``resources:VCPU=1``, ``resources1:VCPU=1``, ``resources_foo:VCPU``
# and the same for ``trait``; the suffix names a request group.
_GROUP_KEY = re.compile(
    r'^(resources|trait)([1-9][0-9]*|_[a-zA-Z0-9_-]{1,64})?:(.+)$')
_RC_NAME = re.compile(r'^[A-Z0-9_]+$')
_TRAIT_NAME = re.compile(r'^[A-Z0-9_]+$')
REQUIRED = 'required'
FORBIDDEN = 'forbidden'


def mb_to_ceil_gb(mb):
    """:returns: ``mb`` megabytes as whole gigabytes, rounded up."""
    return int(math.ceil(mb / 1024.0)) if mb else 0


class RequestGroup(object):
    """One request group: unsuffixed (``''``) or granular (``'1'``, ``'_x'``).

    :ivar resources: ``{resource class: amount}``.
    :ivar required_traits: traits every provider of the group must have.
    :ivar forbidden_traits: traits no provider of the group may have.
    :ivar member_of: a list of sets of aggregate UUIDs; each set is an
        "any of" requirement and all of them must be met.
    :ivar forbidden_aggregates: aggregate UUIDs the providers must avoid.
    :ivar in_tree: a provider UUID the result must stay under.
    """

    def __init__(self, suffix=''):
        self.suffix = suffix
        self.resources = {}
        self.required_traits = set()
        self.forbidden_traits = set()
        self.member_of = []
        self.forbidden_aggregates = set()
        self.in_tree = None

    def __repr__(self):
        return ('RequestGroup(suffix=%r, resources=%r, required=%r, '
                'forbidden=%r, member_of=%r)' % (
                    self.suffix, self.resources, sorted(self.required_traits),
                    sorted(self.forbidden_traits), self.member_of))

    def is_empty(self):
        """:returns: whether the group asks for nothing at all."""
        return not (self.resources or self.required_traits or
                    self.forbidden_traits or self.member_of or
                    self.forbidden_aggregates or self.in_tree)

    def query_params(self):
        """:returns: a list of ``(key, value)`` query parameters."""
        sfx = self.suffix
        params = []
        if self.resources:
            params.append(('resources' + sfx, ','.join(
                '%s:%d' % (rc, amount)
                for rc, amount in sorted(self.resources.items()))))
        traits = sorted(self.required_traits) + sorted(
            '!' + t for t in self.forbidden_traits)
        if traits:
            params.append(('required' + sfx, ','.join(traits)))
        for aggs in self.member_of:
            params.append(('member_of' + sfx, 'in:' + ','.join(sorted(aggs))))
        if self.forbidden_aggregates:
            params.append(('member_of' + sfx, '!in:' + ','.join(
                sorted(self.forbidden_aggregates))))
        if self.in_tree:
            params.append(('in_tree' + sfx, self.in_tree))
        return params


class ResourceRequest(object):
    """A whole allocation candidates request: groups plus global options.

    :ivar root_required: traits the root provider of a candidate must have.
    :ivar root_forbidden: traits it must not have.
    :ivar group_policy: ``none`` or ``isolate`` (needed with 2+ granular
        groups).
    :ivar limit: at most this many candidates (None: Placement's default).
    """

    def __init__(self):
        self._groups = collections.OrderedDict()
        self._groups[''] = RequestGroup('')
        self.root_required = set()
        self.root_forbidden = set()
        self.group_policy = None
        self.limit = None

    def __repr__(self):
        return 'ResourceRequest(%r, limit=%r)' % (
            list(self._groups.values()), self.limit)

    def get_group(self, suffix=''):
        """:returns: the group for ``suffix``, created on first use."""
        group = self._groups.get(suffix)
        if group is None:
            group = self._groups[suffix] = RequestGroup(suffix)
        return group

    @property
    def unsuffixed(self):
        """:returns: the unsuffixed group (flavor's base resources)."""
        return self._groups['']

    @property
    def groups(self):
        """:returns: the non-empty groups, unsuffixed first."""
        return [g for g in self._groups.values() if not g.is_empty()]

    def merged_resources(self):
        """:returns: ``{rc: amount}`` summed over every group."""
        total = collections.Counter()
        for group in self._groups.values():
            total.update(group.resources)
        return dict(total)

    @property
    def all_required_traits(self):
        """:returns: required traits over every group."""
        return set().union(*(g.required_traits
                             for g in self._groups.values()))

    @property
    def all_forbidden_traits(self):
        """:returns: forbidden traits over every group."""
        return set().union(*(g.forbidden_traits
                             for g in self._groups.values()))

    def to_querystring(self):
        """:returns: the query string of ``GET /allocation_candidates``,
        with a stable parameter order (so it can be compared and logged).
        """
        params = []
        for group in self.groups:
            params.extend(group.query_params())
        roots = sorted(self.root_required) + sorted(
            '!' + t for t in self.root_forbidden)
        if roots:
            params.append(('root_required', ','.join(roots)))
        if self.group_policy:
            params.append(('group_policy', self.group_policy))
        if self.limit is not None:
            params.append(('limit', int(self.limit)))
        return parse.urlencode(params, safe=',:!')


def _bool_spec(value):
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def _parse_amount(key, value):
    try:
        amount = int(value)
    except (TypeError, ValueError):
        amount = -1
    if amount < 0:
        raise exc_base.InvalidInput(
            reason='%s must be a non-negative integer, got %r' % (key, value))
    return amount


def _apply_trait(group, key, trait, value):
    if not _TRAIT_NAME.match(trait):
        raise exc_base.InvalidInput(reason='invalid trait name in %s' % key)
    value = str(value).strip().lower()
    if value == REQUIRED:
        group.required_traits.add(trait)
        group.forbidden_traits.discard(trait)
    elif value == FORBIDDEN:
        group.forbidden_traits.add(trait)
        group.required_traits.discard(trait)
    else:
        raise exc_base.InvalidInput(
            reason='%s must be "required" or "forbidden", got %r'
            % (key, value))


def _get(obj, name, default=0):
    if isinstance(obj, dict):
        value = obj.get(name, default)
    else:
        value = getattr(obj, name, default)
    return default if value is None else value


def _image_props(image_props):
    if image_props is None:
        return {}
    if isinstance(image_props, dict):
        return image_props
    # NOTE: ImageMetaProps objects know which fields are set.
    return {name: getattr(image_props, name)
            for name in getattr(image_props, 'fields', {})
            if image_props.obj_attr_is_set(name)}


def resources_from_flavor(flavor, extra_specs=None, image_props=None,
                          is_bfv=False, limit=None):
    """Build the Placement request for a flavor.

    The unsuffixed group gets ``VCPU``, ``MEMORY_MB`` and ``DISK_GB``
    (root + ephemeral + swap, swap rounded up from MB to GB; root is left
    out for a volume-backed server). ``hw:cpu_policy=dedicated`` asks for
    ``PCPU`` instead of ``VCPU``. Then the extra specs apply:
    ``resources[N]:RC=amount`` sets (0 removes) an amount,
    ``trait[N]:NAME=required|forbidden`` adds a trait, and
    ``group_policy`` is copied. Image properties ``trait:NAME=required``
    add required traits to the unsuffixed group.

    :param flavor: a Flavor object or a dict with ``vcpus``, ``memory_mb``,
        ``root_gb``, ``ephemeral_gb`` and ``swap`` (MB).
    :param extra_specs: the flavor's extra specs (defaults to
        ``flavor.extra_specs``).
    :param image_props: image properties (dict or ImageMetaProps), optional.
    :param is_bfv: whether the root disk is a volume.
    :param limit: the candidate limit to put in the query.
    :returns: a :class:`ResourceRequest`.
    :raises: InvalidInput for a malformed ``resources``/``trait`` spec.
    """
    if extra_specs is None:
        extra_specs = _get(flavor, 'extra_specs', {}) or {}
    props = _image_props(image_props)
    req = ResourceRequest()
    req.limit = limit
    base = req.unsuffixed

    disk = mb_to_ceil_gb(_get(flavor, 'swap')) + _get(flavor, 'ephemeral_gb')
    if not is_bfv:
        disk += _get(flavor, 'root_gb')
    vcpus = _get(flavor, 'vcpus')
    cpu_policy = (extra_specs.get('hw:cpu_policy') or
                  props.get('hw_cpu_policy') or '')
    cpu_class = orc.PCPU if cpu_policy == 'dedicated' else orc.VCPU
    for rc, amount in ((cpu_class, vcpus),
                       (orc.MEMORY_MB, _get(flavor, 'memory_mb')),
                       (orc.DISK_GB, disk)):
        if amount:
            base.resources[rc] = amount
    if (cpu_class == orc.PCPU and
            extra_specs.get('hw:cpu_thread_policy') == 'isolate'):
        base.forbidden_traits.add('HW_CPU_HYPERTHREADING')

    for key, value in sorted(extra_specs.items()):
        if key == 'group_policy':
            req.group_policy = value
            continue
        match = _GROUP_KEY.match(key)
        if not match:
            continue
        kind, suffix, name = match.group(1), match.group(2), match.group(3)
        suffix = suffix or ''
        group = req.get_group(suffix)
        if kind == 'resources':
            if not _RC_NAME.match(name):
                raise exc_base.InvalidInput(
                    reason='invalid resource class in %s' % key)
            amount = _parse_amount(key, value)
            if amount:
                group.resources[name] = amount
            else:
                group.resources.pop(name, None)
        else:
            _apply_trait(group, key, name, value)

    for key, value in sorted(props.items()):
        if key.startswith('trait:') and str(value).lower() == REQUIRED:
            _apply_trait(base, key, key[len('trait:'):], value)
    for trait in props.get('traits_required') or []:
        base.required_traits.add(trait)
    return req
