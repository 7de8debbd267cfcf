"""ResourceTracker: keep ComputeNode rows and Placement in step with the host.

Every ``update_available_resource`` run asks the driver what each node
has, writes the node's ComputeNode row (through the conductor on a compute
host) and hands the driver's provider tree to the report client, which
sends Placement only what changed.
"""

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: keys of get_available_resource() copied onto the ComputeNode.
_COPIED = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
           'local_gb_used', 'hypervisor_type', 'hypervisor_version',
           'hypervisor_hostname', 'cpu_info', 'disk_available_least',
           'numa_topology')


def _ratio(configured, initial):
    return configured if configured else initial


class ResourceTracker:
    """Tracks the nodes of one compute host."""

    def __init__(self, host, driver, reportclient):
        self.host = host
        self.driver = driver
        self.reportclient = reportclient
        self.compute_nodes = {}

    def _node_values(self, resources):
        values = {k: resources[k] for k in _COPIED if k in resources}
        if values.get('cpu_info') is None:
            values['cpu_info'] = ''
        values['free_ram_mb'] = (values['memory_mb']
                                 - values.get('memory_mb_used', 0))
        values['free_disk_gb'] = (values['local_gb']
                                  - values.get('local_gb_used', 0))
        values['current_workload'] = 0
        values['running_vms'] = 0
        values['host_ip'] = CONF.my_ip
        values['cpu_allocation_ratio'] = _ratio(
            CONF.cpu_allocation_ratio, CONF.initial_cpu_allocation_ratio)
        values['ram_allocation_ratio'] = _ratio(
            CONF.ram_allocation_ratio, CONF.initial_ram_allocation_ratio)
        values['disk_allocation_ratio'] = _ratio(
            CONF.disk_allocation_ratio, CONF.initial_disk_allocation_ratio)
        return values

    def _sync_compute_node(self, context, nodename, resources, service_id):
        values = self._node_values(resources)
        node = self.compute_nodes.get(nodename)
        if node is None:
            try:
                node = objects.ComputeNode.get_by_host_and_nodename(
                    context, self.host, nodename)
            except exception.ComputeHostNotFound:
                node = objects.ComputeNode(context, host=self.host,
                                           service_id=service_id, mapped=0,
                                           stats={}, **values)
                if resources.get('uuid'):
                    node.uuid = resources['uuid']
                node.create()
                LOG.info('Compute node record created for %s:%s with '
                         'uuid %s', self.host, nodename, node.uuid)
                self.compute_nodes[nodename] = node
                return node
        changed = False
        for key, value in values.items():
            if getattr(node, key, None) != value:
                setattr(node, key, value)
                changed = True
        if changed:
            node.save()
        self.compute_nodes[nodename] = node
        return node

    def _sync_placement(self, context, node, nodename):
        tree = self.reportclient.get_provider_tree_and_ensure_root(
            context, node.uuid, name=nodename)
        self.driver.update_provider_tree(tree, nodename)
        traits = set(tree.data(nodename).traits or ())
        traits.add('COMPUTE_NODE')
        tree.update_traits(nodename, traits)
        self.reportclient.update_from_provider_tree(context, tree)

    def update_available_resource(self, context, nodename, service_id=None,
                                  startup=False):
        """Refresh one node's ComputeNode row and Placement inventory."""
        resources = self.driver.get_available_resource(nodename)
        if not resources:
            LOG.warning('Node %s reported no resources; skipped', nodename)
            return None
        node = self._sync_compute_node(context, nodename, resources,
                                       service_id)
        try:
            self._sync_placement(context, node, nodename)
        except exception.PlacementAPIConnectFailure as e:
            # NOTE: keep the node row fresh even while Placement is away;
            # the next periodic run reports inventory again.
            LOG.error('Unable to report node %s to Placement: %s',
                      nodename, e)
        return node
