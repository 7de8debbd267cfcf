"""ResourceTracker: keep ComputeNode rows and Placement in step with the host.

Every ``update_available_resource`` run asks the driver what each node
has, recomputes the node's usage from the instances on it (their flavors
plus the ``reserved_host_*`` options), writes the node's ComputeNode row
(through the conductor on a compute host) and hands the driver's provider
tree to the report client, which sends Placement only what changed.

Between runs, instance claims (builds) and usage updates (deletes) adjust
the same figures and the node's stats (:mod:`nova_clone.compute.stats`).
"""

import math

from oslo_concurrency import lockutils
from oslo_log import log as logging

from nova_clone.compute import claims
from nova_clone.compute import stats as compute_stats
from nova_clone.compute import utils as compute_utils
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: one lock serialises every change to the tracked nodes, as nova's
# COMPUTE_RESOURCE_SEMAPHORE does.
COMPUTE_RESOURCE_SEMAPHORE = 'compute_resources'

# NOTE: keys of get_available_resource() copied onto the ComputeNode.
_COPIED = ('vcpus', 'memory_mb', 'local_gb', 'hypervisor_type',
           'hypervisor_version', 'hypervisor_hostname', 'cpu_info',
           'disk_available_least', 'numa_topology')

# What update_available_resource loads with each instance.
_INSTANCE_ATTRS = ['flavor', 'system_metadata']


def _ratio(configured, initial):
    return configured if configured else initial


def _synchronized(fn):
    return lockutils.synchronized(COMPUTE_RESOURCE_SEMAPHORE, fair=True)(fn)


class ResourceTracker:
    """Tracks the nodes of one compute host."""

    def __init__(self, host, driver, reportclient):
        self.host = host
        self.driver = driver
        self.reportclient = reportclient
        self.compute_nodes = {}
        self.stats = {}
        # uuid -> nodename of each instance counted in a node's usage.
        self.tracked_instances = {}

    # ------------------------------------------------------------ helpers

    def disabled(self, nodename):
        """:returns: True until the node's first successful update."""
        return nodename not in self.compute_nodes

    def _stats(self, nodename):
        return self.stats.setdefault(nodename, compute_stats.Stats())

    @staticmethod
    def _set(node, key, value):
        # Only touch changed fields, so an unchanged node is not saved.
        if not node.obj_attr_is_set(key) or getattr(node, key) != value:
            setattr(node, key, value)

    def _driver_values(self, resources):
        values = {k: resources[k] for k in _COPIED if k in resources}
        if values.get('cpu_info') is None:
            values['cpu_info'] = ''
        values['host_ip'] = CONF.my_ip
        values['cpu_allocation_ratio'] = _ratio(
            CONF.cpu_allocation_ratio, CONF.initial_cpu_allocation_ratio)
        values['ram_allocation_ratio'] = _ratio(
            CONF.ram_allocation_ratio, CONF.initial_ram_allocation_ratio)
        values['disk_allocation_ratio'] = _ratio(
            CONF.disk_allocation_ratio, CONF.initial_disk_allocation_ratio)
        return values

    @staticmethod
    def _reserved():
        """:returns: the host's own share: (vcpus, memory_mb, disk_gb)."""
        return (CONF.reserved_host_cpus, CONF.reserved_host_memory_mb,
                int(math.ceil(CONF.reserved_host_disk_mb / 1024.0)))

    # ------------------------------------------------------- node records

    def _init_compute_node(self, context, nodename, resources, service_id):
        """:returns: the node's ComputeNode with the driver's figures set
        (created on first sight, otherwise not saved yet).
        """
        values = self._driver_values(resources)
        node = self.compute_nodes.get(nodename)
        if node is None:
            try:
                node = objects.ComputeNode.get_by_host_and_nodename(
                    context, self.host, nodename)
            except exception.ComputeHostNotFound:
                vcpus, mem, disk = self._reserved()
                node = objects.ComputeNode(
                    context, host=self.host, service_id=service_id,
                    mapped=0, stats={}, vcpus_used=vcpus,
                    memory_mb_used=mem, local_gb_used=disk,
                    free_ram_mb=values['memory_mb'] - mem,
                    free_disk_gb=values['local_gb'] - disk,
                    current_workload=0, running_vms=0, **values)
                if resources.get('uuid'):
                    node.uuid = resources['uuid']
                node.create()
                LOG.info('Compute node record created for %s:%s with '
                         'uuid %s', self.host, nodename, node.uuid)
        for key, value in values.items():
            self._set(node, key, value)
        self.compute_nodes[nodename] = node
        stats = self._stats(nodename)
        # NOTE: failed_builds is not derived from instances; it survives
        # the recount.
        failed_builds = stats.get('failed_builds', 0)
        stats.clear()
        stats['failed_builds'] = failed_builds
        stats.digest_stats(resources.get('stats'))
        return node

    def _save(self, node):
        if node.obj_what_changed():
            node.save()

    # -------------------------------------------------------------- usage

    def _update_usage(self, node, flavor, sign, volume_backed=False):
        root_gb = 0 if volume_backed else flavor.root_gb
        node.memory_mb_used += sign * flavor.memory_mb
        node.local_gb_used += sign * (
            root_gb + flavor.ephemeral_gb + int(flavor.swap / 1024))
        node.vcpus_used += sign * flavor.vcpus
        # NOTE: free figures may go negative with overcommit.
        node.free_ram_mb = node.memory_mb - node.memory_mb_used
        node.free_disk_gb = node.local_gb - node.local_gb_used

    def _update_usage_from_instance(self, context, instance, nodename,
                                    is_removed=False):
        uuid = instance.uuid
        is_new = uuid not in self.tracked_instances
        is_removed = not is_new and (
            is_removed or instance.vm_state in
            vm_states.ALLOW_RESOURCE_REMOVAL)
        node = self.compute_nodes[nodename]
        stats = self._stats(nodename)
        if is_new and instance.vm_state in vm_states.ALLOW_RESOURCE_REMOVAL:
            return
        if is_new:
            self.tracked_instances[uuid] = nodename
            sign = 1
        elif is_removed:
            self.tracked_instances.pop(uuid, None)
            sign = -1
        stats.update_stats_for_instance(instance, is_removed=is_removed)
        if is_new or is_removed:
            self._update_usage(
                node, instance.flavor, sign,
                volume_backed=compute_utils.is_volume_backed_instance(
                    instance))
        self._set(node, 'stats', stats.to_node_stats())
        self._set(node, 'current_workload', stats.calculate_workload())
        self._set(node, 'running_vms', stats.num_instances)

    def _update_usage_from_instances(self, context, instances, nodename):
        """Recount the node's usage from scratch."""
        for uuid in [u for u, n in self.tracked_instances.items()
                     if n == nodename]:
            del self.tracked_instances[uuid]
        node = self.compute_nodes[nodename]
        vcpus, mem, disk = self._reserved()
        node.vcpus_used = vcpus
        node.memory_mb_used = mem
        node.local_gb_used = disk
        node.free_ram_mb = node.memory_mb - mem
        node.free_disk_gb = node.local_gb - disk
        for instance in instances:
            if instance.vm_state not in vm_states.ALLOW_RESOURCE_REMOVAL:
                self._update_usage_from_instance(context, instance,
                                                 nodename)
        stats = self._stats(nodename)
        self._set(node, 'stats', stats.to_node_stats())
        self._set(node, 'current_workload', stats.calculate_workload())
        self._set(node, 'running_vms', stats.num_instances)

    # ------------------------------------------------------------- claims

    def _set_instance_host_and_node(self, instance, node):
        instance.host = self.host
        instance.launched_on = self.host
        instance.node = node.hypervisor_hostname
        instance.compute_id = node.id
        instance.save()

    @staticmethod
    def _unset_instance_host_and_node(instance):
        instance.host = None
        instance.node = None
        instance.compute_id = None
        instance.save()

    @_synchronized
    def instance_claim(self, context, instance, nodename, allocations,
                       limits=None):
        """Claim the instance's flavor on ``nodename`` and bind it there.

        Sets host, node, compute_id and launched_on on the instance and
        counts it in the node's usage and stats.

        :param allocations: the instance's Placement allocations (kept
            for drivers; the flavor is what is counted here).
        :param limits: the scheduler's limits for the node, as a dict.
        :returns: a claim to use as a context manager (aborted when the
            block raises).
        :raises: ComputeResourcesUnavailable when the node cannot fit it.
        """
        if self.disabled(nodename):
            # NOTE: the node was never reported (the build raced the first
            # periodic run): bind the instance and track nothing.
            LOG.warning('Node %s is not tracked yet; instance %s is built '
                        'without a claim', nodename, instance.uuid)
            instance.host = self.host
            instance.launched_on = self.host
            instance.node = nodename
            instance.save()
            return claims.NopClaim()
        node = self.compute_nodes[nodename]
        claim = claims.Claim(context, instance, nodename, self, node,
                             limits=limits)
        self._set_instance_host_and_node(instance, node)
        self._update_usage_from_instance(context, instance, nodename)
        self._save(node)
        return claim

    @_synchronized
    def abort_instance_claim(self, context, instance, nodename):
        """Undo :meth:`instance_claim` after a failed build."""
        if not self.disabled(nodename):
            self._update_usage_from_instance(context, instance, nodename,
                                             is_removed=True)
        try:
            self._unset_instance_host_and_node(instance)
        except (exception.InstanceNotFound,
                exception.UnexpectedDeletingTaskStateError):
            LOG.debug('Instance %s is gone; nothing to unbind',
                      instance.uuid)
        if not self.disabled(nodename):
            self._save(self.compute_nodes[nodename])

    @_synchronized
    def update_usage(self, context, instance, nodename):
        """Recount a tracked instance after its state changed (a delete
        removes it from the node's usage).
        """
        if self.disabled(nodename) or \
                instance.uuid not in self.tracked_instances:
            return
        self._update_usage_from_instance(context, instance, nodename)
        self._save(self.compute_nodes[nodename])

    @_synchronized
    def build_failed(self, nodename):
        """Count a failed build on ``nodename`` (BuildFailureWeigher)."""
        self._stats(nodename).build_failed()
        self._save_stats(nodename)

    @_synchronized
    def build_succeeded(self, nodename):
        """Reset the failed build count of ``nodename``."""
        self._stats(nodename).build_succeeded()
        self._save_stats(nodename)

    def _save_stats(self, nodename):
        node = self.compute_nodes.get(nodename)
        if node is None:
            return
        self._set(node, 'stats', self._stats(nodename).to_node_stats())
        try:
            self._save(node)
        except Exception:
            LOG.exception('Could not save the stats of node %s', nodename)

    # ----------------------------------------------------------- periodic

    def _sync_placement(self, context, node, nodename):
        tree = self.reportclient.get_provider_tree_and_ensure_root(
            context, node.uuid, name=nodename)
        self.driver.update_provider_tree(tree, nodename)
        traits = set(tree.data(nodename).traits or ())
        traits.add('COMPUTE_NODE')
        tree.update_traits(nodename, traits)
        self.reportclient.update_from_provider_tree(context, tree)

    @_synchronized
    def _update_node(self, context, nodename, resources, service_id):
        node = self._init_compute_node(context, nodename, resources,
                                       service_id)
        instances = objects.InstanceList.get_by_host_and_node(
            context, self.host, nodename, expected_attrs=_INSTANCE_ATTRS)
        self._update_usage_from_instances(context, instances, nodename)
        self._save(node)
        return node

    def update_available_resource(self, context, nodename, service_id=None,
                                  startup=False):
        """Refresh one node's ComputeNode row and Placement inventory.

        :returns: the node's ComputeNode, or None if the driver reported
            nothing for it.
        """
        resources = self.driver.get_available_resource(nodename)
        if not resources:
            LOG.warning('Node %s reported no resources; skipped', nodename)
            return None
        node = self._update_node(context, nodename, resources, service_id)
        try:
            self._sync_placement(context, node, nodename)
        except exception.PlacementAPIConnectFailure as e:
            # NOTE: keep the node row fresh even while Placement is away;
            # the next periodic run reports inventory again.
            LOG.error('Unable to report node %s to Placement: %s',
                      nodename, e)
        return node
