"""ComputeManager: the RPC endpoint of nova-compute (one per hypervisor).

This release carries the host-level duties: loading the virt driver,
keeping ComputeNode rows and Placement inventory current, and the service
heartbeat. The instance flows (build, delete, power actions...) arrive in
their own modules and are wired in here as RPC methods.
"""

from oslo_log import log as logging
import oslo_messaging as messaging

from nova_clone.compute import resource_tracker
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone import manager
from nova_clone.scheduler.client import report
from nova_clone.virt import driver as virt_driver
from nova_clone.virt import virtapi

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


class ComputeVirtAPI(virtapi.VirtAPI):
    """What a driver may ask of the compute manager."""

    def __init__(self, compute):
        super().__init__()
        self._compute = compute


class ComputeManager(manager.Manager):
    """Manages the hypervisor of one host."""

    target = messaging.Target(version='1.0')

    def __init__(self, host=None, service_name='compute',
                 compute_driver=None):
        super().__init__(host=host, service_name=service_name)
        self.virtapi = ComputeVirtAPI(self)
        self.driver = virt_driver.load_compute_driver(self.virtapi,
                                                      compute_driver)
        self.reportclient = report.SchedulerReportClient()
        self.rt = resource_tracker.ResourceTracker(self.host, self.driver,
                                                   self.reportclient)
        self._service_id = None

    def init_host(self, service_ref=None):
        self.driver.init_host(host=self.host)

    def pre_start_hook(self, service_ref=None):
        """Report the nodes before RPC starts, so the host is schedulable."""
        if service_ref is not None:
            self._service_id = service_ref.id
        self.update_available_resource(nova_context.get_admin_context(),
                                       startup=True)

    def cleanup_host(self):
        self.driver.cleanup_host(host=self.host)

    @manager.periodic_task_decorator(
        spacing=CONF.update_resources_interval, run_immediately=False)
    def update_available_resource(self, context, startup=False):
        """Refresh every node's row and inventory (periodic)."""
        for nodename in self.driver.get_available_nodes(refresh=True):
            try:
                self.rt.update_available_resource(
                    context, nodename, service_id=self._service_id,
                    startup=startup)
            except Exception:
                LOG.exception('Error updating resources for node %s',
                              nodename)

