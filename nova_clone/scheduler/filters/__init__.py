"""Scheduler host filters: the base class and the handler that runs them.

A filter answers one question about one host (``host_passes``); the
handler runs the enabled filters in order over the candidate hosts and
records how many hosts each one kept, so that a request that ends with no
host can say which filter removed the last ones.
"""

from oslo_log import log as logging
import stevedore

from nova_clone import conf as nova_conf
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

NAMESPACE = 'nova_clone.scheduler.filters'


# NOTE: what BaseHostFilter.request_values returns when the request asks
# nothing of the filter: every host passes without being looked at.
ALL_PASS = object()


class BaseHostFilter(object):
    """Base class of the host filters.

    A filter either implements ``host_passes`` alone, or splits it in two
    (a "prepared" filter): :meth:`request_values` computes what depends
    only on the request once per filter pass, and :meth:`passes` checks
    one host against that. ``host_passes`` then stays the one-host entry
    point with the same answer; :meth:`filter_all` prepares once for all
    the hosts, which matters with thousands of them.

    :cvar run_filter_once_per_request: the answer cannot change between
        the instances of one multi-create request, so the filter only runs
        for the first one.
    :cvar RUN_ON_REBUILD: whether the filter applies when a rebuild checks
        that the instance's current host still fits the new image.
    """

    run_filter_once_per_request = False
    RUN_ON_REBUILD = True

    def request_values(self, spec_obj):
        """What the filter reads from the request, once per pass.

        :returns: :data:`ALL_PASS` when every host passes, None when the
            filter is not prepared (``host_passes`` runs per host), else
            the value handed to :meth:`passes`.
        """
        return None

    def passes(self, host_state, values):
        """:returns: whether ``host_state`` passes, given the
        ``request_values`` of the request (prepared filters only).
        """
        raise NotImplementedError()

    def host_passes(self, host_state, spec_obj):
        """:returns: whether ``host_state`` may take the request."""
        values = self.request_values(spec_obj)
        if values is None:
            raise NotImplementedError()
        return values is ALL_PASS or self.passes(host_state, values)

    def run_filter_for_index(self, index):
        """:returns: whether to run for the ``index``-th instance."""
        return not (self.run_filter_once_per_request and index > 0)

    def _filter_one(self, host_state, spec_obj):
        if not self.RUN_ON_REBUILD and utils.request_is_rebuild(spec_obj):
            return True
        return self.host_passes(host_state, spec_obj)

    def filter_all(self, host_states, spec_obj):
        """:returns: an iterator of the hosts that pass."""
        # NOTE: the rebuild check is per request; asked once, not per host.
        if not self.RUN_ON_REBUILD and utils.request_is_rebuild(spec_obj):
            yield from host_states
            return
        values = self.request_values(spec_obj)
        if values is ALL_PASS:
            yield from host_states
            return
        if values is None:
            for host_state in host_states:
                if self.host_passes(host_state, spec_obj):
                    yield host_state
            return
        passes = self.passes
        for host_state in host_states:
            if passes(host_state, values):
                yield host_state


class CountLimitFilter(BaseHostFilter):
    """Hosts whose counter ``count_attr`` is below a limit.

    :cvar count_attr: the HostState attribute counted.
    :cvar limit_option: the ``[filter_scheduler]`` option with the limit.
    :cvar per_aggregate: let aggregate metadata named like the option
        override it (the smallest value wins).
    """

    RUN_ON_REBUILD = False
    count_attr = None
    limit_option = None
    per_aggregate = False

    def request_values(self, spec_obj):
        return CONF.filter_scheduler[self.limit_option]

    def _limit(self, host_state, default):
        if not self.per_aggregate or not host_state.aggregates:
            return default
        return utils.validate_num_values(
            utils.aggregate_values_from_key(host_state, self.limit_option),
            default, cast_to=int)

    def passes(self, host_state, default):
        limit = self._limit(host_state, default)
        if getattr(host_state, self.count_attr) < limit:
            return True
        LOG.debug('%(host_state)s fails %(attr)s check: %(option)s is '
                  '%(limit)s', {'host_state': host_state,
                                'attr': self.count_attr,
                                'option': self.limit_option,
                                'limit': limit})
        return False


def _describe(host_state):
    return (getattr(host_state, 'host', host_state),
            getattr(host_state, 'nodename', ''))


class HostFilterHandler(object):
    """Loads the filter classes and runs filter instances over hosts."""

    namespace = NAMESPACE

    def get_all_classes(self):
        """:returns: ``{name: class}`` of every filter registered under
        the ``nova_clone.scheduler.filters`` entry point namespace.
        """
        mgr = stevedore.ExtensionManager(self.namespace,
                                         invoke_on_load=False)
        return {ext.name: ext.plugin for ext in mgr}

    def get_filtered_objects(self, filters, host_states, spec_obj, index=0):
        """Run ``filters`` in order over ``host_states``.

        :param index: which instance of a multi-create request this is.
        :returns: the list of hosts left (stops early at zero).
        """
        hosts = list(host_states)
        LOG.debug('Starting with %d host(s)', len(hosts))
        counts = []
        history = []
        for filter_ in filters:
            if not filter_.run_filter_for_index(index):
                continue
            name = filter_.__class__.__name__
            start = len(hosts)
            hosts = list(filter_.filter_all(hosts, spec_obj))
            counts.append('%s: (start: %d, end: %d)'
                          % (name, start, len(hosts)))
            if not hosts:
                LOG.info('Filter %s returned 0 hosts', name)
                history.append((name, None))
                break
            # NOTE: described only if the request fails (see below);
            # describing every host after every filter cost more than
            # most filters.
            history.append((name, hosts))
            LOG.debug('Filter %(name)s returned %(count)d host(s)',
                      {'name': name, 'count': len(hosts)})
        if not hosts:
            uuid = utils.spec_field(spec_obj, 'instance_uuid')
            msg = ("Filtering removed all hosts for the request with "
                   "instance ID '%(uuid)s'. Filter results: %(results)s")
            LOG.debug(msg, {'uuid': uuid, 'results': [
                (name, None if left is None else [_describe(h) for h in left])
                for name, left in history]})
            LOG.info(msg, {'uuid': uuid, 'results': counts})
        return hosts


def all_filters():
    """:returns: every filter class shipped with nova_clone (the default of
    ``[filter_scheduler] available_filters``).
    """
    return list(HostFilterHandler().get_all_classes().values())
