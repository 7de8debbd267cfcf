"""What the scheduler knows about each compute node, and how it gets it.

:class:`HostState` is the scheduler's view of one compute node (host,
node): resources from the ComputeNode row, the compute service, the
host's aggregates and the instances on it, plus what earlier picks of the
current request consumed. :class:`HostManager` builds these views from
every cell for the providers Placement offered, and runs the enabled
filters and weighers over them.
"""

import functools
import threading

from oslo_log import log as logging
from oslo_utils import importutils
from oslo_utils import timeutils

from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone.exception import build as build_exc
from nova_clone import objects
from nova_clone.scheduler import filters
from nova_clone.scheduler import host_rows
from nova_clone.scheduler import utils
from nova_clone.scheduler import weights

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: the defaults of [filter_scheduler] available_filters and
# weight_classes under nova's and our own names mean "all we ship".
ALL_FILTERS = ('nova.scheduler.filters.all_filters',
               'nova_clone.scheduler.filters.all_filters')
ALL_WEIGHERS = ('nova.scheduler.weights.all_weighers',
                'nova_clone.scheduler.weights.all_weighers')

_SERVICE_KEYS = ('id', 'uuid', 'host', 'binary', 'topic', 'disabled',
                 'disabled_reason', 'forced_down', 'report_count',
                 'last_seen_up', 'created_at', 'updated_at', 'version',
                 'availability_zone')


def _service_dict(service):
    # NOTE: a dict is kept as it is: the HostManager gives the nodes of one
    # compute service the same (read-only) dict.
    if isinstance(service, dict):
        return service
    return {key: getattr(service, key) for key in _SERVICE_KEYS
            if key in service.fields and service.obj_attr_is_set(key)}


def _int_stat(stats, key):
    try:
        return int(stats.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def _locked(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return func(self, *args, **kwargs)
    return wrapper


class HostState(object):
    """Mutable state of one compute node as the scheduler sees it.

    :ivar host: the compute service host name.
    :ivar nodename: the hypervisor host name of the node.
    :ivar uuid: the compute node (and root resource provider) uuid.
    :ivar cell_uuid: the cell the node lives in.
    :ivar stats: the resource tracker's counters (strings), e.g.
        ``num_instances``, ``io_workload``, ``failed_builds``,
        ``num_proj_<project>``.
    :ivar instances: ``{uuid: Instance}`` running on the host.
    :ivar aggregates: the Aggregate objects holding the host.
    :ivar service: the compute service as a dict.
    :ivar limits: oversubscription limits a filter set for the claim.
    """

    def __init__(self, host, node, cell_uuid):
        self.host = host
        self.nodename = node
        self.uuid = None
        self.cell_uuid = cell_uuid
        self._lock = threading.Lock()

        self.total_usable_ram_mb = 0
        self.total_usable_disk_gb = 0
        self.disk_mb_used = 0
        self.free_ram_mb = 0
        self.free_disk_mb = 0
        self.vcpus_total = 0
        self.vcpus_used = 0
        self.num_instances = 0
        self.num_io_ops = 0
        self.failed_builds = 0
        self.stats = {}
        self.host_ip = None
        self.hypervisor_type = None
        self.hypervisor_version = None
        self.hypervisor_hostname = None
        self.cpu_info = None
        self.supported_instances = []
        self.cpu_allocation_ratio = None
        self.ram_allocation_ratio = None
        self.disk_allocation_ratio = None

        self.aggregates = []
        self.instances = {}
        self.service = None
        self.availability_zone = None
        self.limits = {}
        self.updated = None

    def __repr__(self):
        return ('(%(host)s, %(node)s) ram: %(ram)sMB disk: %(disk)sMB '
                'io_ops: %(io)s instances: %(num)s' % {
                    'host': self.host, 'node': self.nodename,
                    'ram': self.free_ram_mb, 'disk': self.free_disk_mb,
                    'io': self.num_io_ops, 'num': self.num_instances})

    @_locked
    def update(self, compute=None, service=None, aggregates=None,
               instances=None):
        """Refresh from the database.

        The compute node's numbers are only taken when the row is newer
        than what this state last consumed, so a claim made by this
        scheduler is not forgotten before the compute reports it.

        :param compute: a ComputeNode.
        :param service: the compute Service (object or dict).
        :param aggregates: a list of Aggregate objects.
        :param instances: ``{uuid: Instance}`` on the host.
        """
        if compute is not None:
            self._update_from_compute_node(compute)
        if aggregates is not None:
            self.aggregates = list(aggregates)
            zones = sorted(utils.aggregate_values_from_key(
                self, 'availability_zone')) if self.aggregates else None
            self.availability_zone = (','.join(zones) if zones else
                                      CONF.default_availability_zone)
        if service is not None:
            self.service = _service_dict(service)
        if instances is not None and instances is not self.instances:
            self.instances = dict(instances)

    def _update_from_compute_node(self, compute):
        updated_at = (compute.updated_at
                      if compute.obj_attr_is_set('updated_at') else None)
        if (self.updated and updated_at and
                timeutils.normalize_time(self.updated) >
                timeutils.normalize_time(updated_at)):
            return
        free_gb = compute.free_disk_gb or 0
        least_gb = compute.disk_available_least
        if least_gb is not None:
            if least_gb > free_gb:
                LOG.warning('Host %(host)s has more disk space than the '
                            'database expected (%(least)s GB > %(free)s '
                            'GB)', {'host': compute.hypervisor_hostname,
                                    'least': least_gb, 'free': free_gb})
            free_gb = min(least_gb, free_gb)
        self.uuid = compute.uuid
        self.free_disk_mb = free_gb * 1024
        self.disk_mb_used = (compute.local_gb_used or 0) * 1024
        self.total_usable_ram_mb = compute.memory_mb
        self.total_usable_disk_gb = compute.local_gb
        self.free_ram_mb = (compute.free_ram_mb
                            if compute.free_ram_mb is not None else
                            compute.memory_mb - compute.memory_mb_used)
        self.vcpus_total = compute.vcpus
        self.vcpus_used = compute.vcpus_used
        self.updated = updated_at
        self.stats = dict(compute.stats or {})
        self.host_ip = compute.host_ip
        self.hypervisor_type = compute.hypervisor_type
        self.hypervisor_version = compute.hypervisor_version
        self.hypervisor_hostname = compute.hypervisor_hostname
        self.cpu_info = compute.cpu_info
        self.supported_instances = [
            spec.to_list() for spec in compute.supported_hv_specs or []]
        self.num_instances = _int_stat(self.stats, 'num_instances')
        self.num_io_ops = _int_stat(self.stats, 'io_workload')
        self.failed_builds = _int_stat(self.stats, 'failed_builds')
        self.cpu_allocation_ratio = compute.cpu_allocation_ratio
        self.ram_allocation_ratio = compute.ram_allocation_ratio
        self.disk_allocation_ratio = compute.disk_allocation_ratio

    @_locked
    def consume_from_request(self, spec_obj):
        """Take the request's flavor out of this host's free resources,
        so later picks of the same request see the host as fuller.
        """
        flavor = spec_obj.flavor
        self.free_ram_mb -= flavor.memory_mb
        self.free_disk_mb -= (flavor.root_gb + flavor.ephemeral_gb) * 1024
        self.vcpus_used += flavor.vcpus
        self.num_instances += 1
        # NOTE: a new build is always I/O heavy (image download, spawn).
        self.num_io_ops += 1
        self.updated = timeutils.utcnow()


class HostManager(object):
    """Builds HostStates from the cells and applies filters and weighers.

    Host states are cached per (host, node) between requests so that
    resources consumed by recent picks stay consumed until the compute
    node reports newer numbers.
    """

    host_state_cls = HostState

    def __init__(self):
        self.host_state_map = {}
        # compute node uuid -> the changed_at of the row last loaded
        self._node_stamps = {}
        self.filter_handler = filters.HostFilterHandler()
        self.weight_handler = weights.HostWeightHandler()
        self.enabled_filters = []
        self.weighers = []
        self.load_plugins()

    def load_plugins(self):
        """(Re)load the enabled filters and the weighers from config.

        :raises: SchedulerHostFilterNotFound, SchedulerWeigherNotFound.
        """
        self.enabled_filters = self._load_filters()
        self.weighers = self._load_weighers()

    def _available_filter_classes(self):
        available = {}
        for entry in CONF.filter_scheduler.available_filters:
            if entry in ALL_FILTERS:
                available.update(self.filter_handler.get_all_classes())
                continue
            try:
                obj = importutils.import_class(entry)
            except (ImportError, ValueError):
                raise build_exc.SchedulerHostFilterNotFound(
                    filter_name=entry)
            classes = obj if isinstance(obj, type) else obj()
            for cls in ([classes] if isinstance(classes, type)
                        else classes):
                available[cls.__name__] = cls
        return available

    def _load_filters(self):
        available = self._available_filter_classes()
        names = CONF.filter_scheduler.enabled_filters
        bad = [name for name in names if name not in available]
        if bad:
            raise build_exc.SchedulerHostFilterNotFound(
                filter_name=', '.join(bad))
        return [available[name]() for name in names]

    def _load_weighers(self):
        known = self.weight_handler.get_all_classes()
        result = []
        for entry in CONF.filter_scheduler.weight_classes:
            if entry in ALL_WEIGHERS:
                classes = list(known.values())
            elif entry in known:
                classes = [known[entry]]
            else:
                try:
                    obj = importutils.import_class(entry)
                except (ImportError, ValueError):
                    raise build_exc.SchedulerWeigherNotFound(
                        weigher_name=entry)
                classes = [obj] if isinstance(obj, type) else list(obj())
            for cls in classes:
                if not any(isinstance(w, cls) for w in result):
                    result.append(cls())
        return result

    def get_filtered_hosts(self, host_states, spec_obj, index=0):
        """Apply ignore/force/requested-destination, then the filters.

        Forcing hosts or nodes skips the filters (unless the conductor
        marked the request with a check type, e.g. a live migration).

        :param index: which instance of a multi-create request this is.
        :returns: the list of hosts that pass.
        """
        hosts = list(host_states)
        dest = utils.spec_field(spec_obj, 'requested_destination')
        if dest is not None and dest.obj_attr_is_set('host') and dest.host:
            hosts = self._match_destination(hosts, dest)
        ignore = list(utils.spec_field(spec_obj, 'ignore_hosts', []))
        force_hosts = utils.spec_field(spec_obj, 'force_hosts', [])
        force_nodes = utils.spec_field(spec_obj, 'force_nodes', [])
        retried = self._retried_nodes(spec_obj)
        if retried:
            hosts = [h for h in hosts
                     if (h.host, h.nodename) not in retried]
        if ignore or force_hosts or force_nodes:
            hosts = self._apply_ignore_and_force(
                hosts, ignore, force_hosts, force_nodes)
            hints = utils.spec_field(spec_obj, 'scheduler_hints', {})
            if (force_hosts or force_nodes) and \
                    not hints.get(utils.CHECK_TYPE_HINT):
                if not hosts:
                    LOG.info("No hosts matched due to not matching "
                             "'force_hosts'/'force_nodes' value of "
                             "'%s'/'%s'", ','.join(force_hosts),
                             ','.join(force_nodes))
                return hosts
        if not hosts:
            return []
        return self.filter_handler.get_filtered_objects(
            self.enabled_filters, hosts, spec_obj, index)

    @staticmethod
    def _retried_nodes(spec_obj):
        retry = utils.spec_field(spec_obj, 'retry')
        if retry is None or not retry.obj_attr_is_set('hosts'):
            return set()
        return {(node.host, node.hypervisor_hostname)
                for node in retry.hosts or []}

    @staticmethod
    def _match_destination(hosts, dest):
        node = dest.node if dest.obj_attr_is_set('node') else None
        matched = [h for h in hosts if h.host == dest.host and
                   (node is None or h.nodename == node)]
        if matched:
            LOG.info('Host filter only checking host %(host)s and node '
                     '%(node)s', {'host': dest.host, 'node': node})
        else:
            LOG.info('No hosts matched due to not matching requested '
                     'destination (%(host)s, %(node)s)',
                     {'host': dest.host, 'node': node})
        return matched

    @staticmethod
    def _apply_ignore_and_force(hosts, ignore, force_hosts, force_nodes):
        ignored = {h.lower() for h in ignore}
        if ignored:
            LOG.info('Host filter ignoring hosts: %s', ', '.join(ignore))
            hosts = [h for h in hosts if h.host.lower() not in ignored]
        if force_hosts:
            forced = {h.lower() for h in force_hosts}
            hosts = [h for h in hosts if h.host.lower() in forced]
            LOG.info('Host filter forcing available hosts to %s',
                     ', '.join(force_hosts))
        if force_nodes:
            forced = {n.lower() for n in force_nodes}
            hosts = [h for h in hosts if h.nodename.lower() in forced]
            LOG.info('Host filter forcing available nodes to %s',
                     ', '.join(force_nodes))
        return hosts

    def get_weighed_hosts(self, host_states, spec_obj):
        """:returns: WeighedHost objects, best first."""
        return self.weight_handler.get_weighed_objects(
            self.weighers, host_states, spec_obj)

    def _cells(self, context, spec_obj):
        dest = utils.spec_field(spec_obj, 'requested_destination')
        if dest is not None and dest.obj_attr_is_set('cell') and dest.cell:
            return [dest.cell]
        return [cell for cell in objects.CellMappingList.get_all(context)
                if not cell.is_cell0() and not cell.disabled]

    def hosts_of_instances(self, context, instance_uuids):
        """:returns: the set of hosts running any of ``instance_uuids``,
        searched in every cell.
        """
        hosts = set()
        for cell in self._cells(context, None):
            with nova_context.target_cell(context, cell) as cctxt:
                hosts.update(inst.host for inst in
                             objects.InstanceList.get_by_filters(
                                 cctxt, {'uuid': sorted(instance_uuids),
                                         'deleted': False},
                                 expected_attrs=[]) if inst.host)
        return hosts

    def get_host_states_by_uuids(self, context, compute_uuids, spec_obj):
        """Host states of the given compute nodes, from every cell.

        :param compute_uuids: provider (compute node) uuids from
            Placement; None means every compute node.
        :returns: a list of HostState.
        """
        aggregates = objects.AggregateList.get_all(context)
        wanted = None if compute_uuids is None else set(compute_uuids)
        states = []
        for cell in self._cells(context, spec_obj):
            with nova_context.target_cell(context, cell) as cctxt:
                states.extend(self._host_states_in_cell(
                    cctxt, cell, wanted, aggregates))
        return states

    def _host_states_in_cell(self, cctxt, cell, wanted, aggregates):
        # NOTE: one reader transaction per cell for the cheap rows: a
        # (uuid, host, node, changed_at) stamp per candidate, the hosts'
        # services and the uuids of their instances. Only nodes changed
        # since this scheduler last loaded them are loaded whole.
        stamps, services, instances = host_rows.candidate_rows(
            cctxt, None if wanted is None else sorted(wanted))
        if not stamps:
            return []
        changed = [uuid for uuid, host, node, stamp in stamps
                   if self._node_stamps.get(uuid) != stamp]
        loaded = {}
        if changed:
            loaded = {node.uuid: node for node in
                      objects.ComputeNodeList.get_all_by_uuids(cctxt,
                                                               changed)}
        aggs_by_host = {}
        for agg in aggregates:
            for host in agg.hosts or []:
                aggs_by_host.setdefault(host, []).append(agg)
        states = []
        for uuid, host, nodename, stamp in stamps:
            service = services.get(host)
            if service is None:
                LOG.warning('No compute service record found for host '
                            '%(host)s', {'host': host})
                continue
            key = (host, nodename)
            state = self.host_state_map.get(key)
            node = loaded.get(uuid)
            if state is None or (node is None and state.uuid != uuid):
                if node is None:
                    # NOTE: cached stamp but no state (or a node that moved
                    # hosts): load it after all.
                    node = objects.ComputeNodeList.get_all_by_uuids(
                        cctxt, [uuid])[0]
                state = self.host_state_cls(host, nodename, cell.uuid)
                self.host_state_map[key] = state
            state.update(node, service, aggs_by_host.get(host, []),
                         _instances(state, instances[host]))
            if node is not None:
                self._node_stamps[uuid] = stamp
            states.append(state)
        return states


def _instances(state, uuids):
    """:returns: ``{uuid: Instance}`` for the instances on the state's host:
    the state's own dict when it already has exactly those, else a new one
    keeping the Instance objects it had.
    """
    current = state.instances
    if len(current) == len(uuids) and all(u in current for u in uuids):
        return current
    return {uuid: current.get(uuid) or objects.Instance(
        uuid=uuid, host=state.host) for uuid in uuids}
