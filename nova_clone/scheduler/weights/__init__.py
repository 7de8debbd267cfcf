"""Scheduler weighers: the base class and the handler that ranks hosts.

Each weigher gives every host a raw number; the handler normalises the
numbers of one weigher to 0..1 over the hosts of the request, multiplies
them by that weigher's multiplier (which an aggregate of the host may
override) and adds them up. The highest total wins.
"""

import stevedore

from nova_clone import conf as nova_conf
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
NAMESPACE = 'nova_clone.scheduler.weights'


def normalize(weights, minval=None, maxval=None):
    """Scale ``weights`` to 0..1.

    :param minval: the value mapped to 0 (default: the smallest weight).
    :param maxval: the value mapped to 1 (default: the largest weight).
    :returns: a list of floats; all 0.0 when every weight is equal.
    """
    weights = list(weights)
    if not weights:
        return []
    low = float(min(weights) if minval is None else minval)
    high = float(max(weights) if maxval is None else maxval)
    if low == high:
        return [0.0] * len(weights)
    span = high - low
    return [(w - low) / span for w in weights]


class WeighedHost(object):
    """A host state with its total weight."""

    def __init__(self, obj, weight):
        self.obj = obj
        self.weight = weight

    def __repr__(self):
        return 'WeighedHost [host: %r, weight: %s]' % (self.obj, self.weight)


class BaseHostWeigher(object):
    """Base class of the host weighers.

    :cvar minval: a fixed lower bound for normalisation (None: the
        smallest raw weight of the request).
    :cvar maxval: a fixed upper bound (None: the largest).
    :cvar multiplier_option: the ``[filter_scheduler]`` option (and
        aggregate metadata key) holding the multiplier; None means 1.0.
    """

    minval = None
    maxval = None
    multiplier_option = None

    def weight_multiplier(self, host_state):
        """:returns: how much this weigher counts for ``host_state``: the
        option named by ``multiplier_option``, unless an aggregate of the
        host sets metadata of that name.
        """
        if self.multiplier_option is None:
            return 1.0
        return utils.get_weight_multiplier(
            host_state, self.multiplier_option,
            CONF.filter_scheduler[self.multiplier_option])

    def _weigh_object(self, host_state, weight_properties):
        """:returns: the raw weight of one host."""
        raise NotImplementedError()

    def weigh_objects(self, weighed_hosts, weight_properties):
        """:returns: the raw weights of every WeighedHost, in order."""
        return [self._weigh_object(w.obj, weight_properties)
                for w in weighed_hosts]


class HostWeightHandler(object):
    """Loads weigher classes and ranks hosts with weigher instances."""

    namespace = NAMESPACE

    def get_all_classes(self):
        """:returns: ``{name: class}`` registered under the
        ``nova_clone.scheduler.weights`` entry point namespace.
        """
        mgr = stevedore.ExtensionManager(self.namespace,
                                         invoke_on_load=False)
        return {ext.name: ext.plugin for ext in mgr}

    def get_weighed_objects(self, weighers, host_states, spec_obj):
        """:returns: WeighedHost objects sorted best first."""
        weighed = [WeighedHost(host, 0.0) for host in host_states]
        if len(weighed) <= 1:
            return weighed
        # NOTE: only hosts in aggregates can override the configured
        # multiplier; the others share it, asked once per weigher, and
        # their weights are added up a list at a time.
        in_aggregates = [index for index, item in enumerate(weighed)
                         if item.obj.aggregates]
        plain = next((item.obj for item in weighed
                      if not item.obj.aggregates), None)
        totals = [0.0] * len(weighed)
        for weigher in weighers:
            raw = weigher.weigh_objects(weighed, spec_obj)
            scaled = normalize(raw, weigher.minval, weigher.maxval)
            multipliers = {index: weigher.weight_multiplier(weighed[index].obj)
                           for index in in_aggregates}
            if plain is not None and any(scaled):
                shared = weigher.weight_multiplier(plain)
                summed = [total + shared * weight
                          for total, weight in zip(totals, scaled)]
                for index, multiplier in multipliers.items():
                    summed[index] = (totals[index] +
                                     multiplier * scaled[index])
                totals = summed
            else:
                for index, multiplier in multipliers.items():
                    totals[index] += multiplier * scaled[index]
        for item, total in zip(weighed, totals):
            item.weight = total
        return sorted(weighed, key=lambda w: w.weight, reverse=True)


def all_weighers():
    """:returns: every weigher class shipped with nova_clone (the default
    of ``[filter_scheduler] weight_classes``).
    """
    return list(HostWeightHandler().get_all_classes().values())
