"""Base class of the service managers (the RPC endpoints of a daemon).

A manager is what a :class:`nova_clone.service.Service` exposes over RPC:
its public methods are the RPC API, and methods decorated with
``periodic_task`` run on the service's periodic-task loop.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_service import periodic_task

from nova_clone import conf as nova_conf

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

periodic_task_decorator = periodic_task.periodic_task


class Manager(periodic_task.PeriodicTasks):
    """Lifecycle hooks plus periodic tasks; subclasses add RPC methods."""

    target = messaging.Target(version='1.0')

    def __init__(self, host=None, service_name='undefined'):
        if not host:
            host = CONF.host
        self.host = host
        self.service_name = service_name
        super().__init__(CONF)

    def periodic_tasks(self, context, raise_on_error=False):
        """Run the periodic tasks that are due.

        :returns: seconds until the next task is due.
        """
        return self.run_periodic_tasks(context, raise_on_error=raise_on_error)

    def init_host(self, service_ref=None):
        """Prepare the host before the RPC server starts (no RPC yet)."""

    def cleanup_host(self):
        """Release host resources when the service stops."""

    def pre_start_hook(self, service_ref=None):
        """Run after init_host and the service record, before RPC starts."""

    def post_start_hook(self):
        """Run once the RPC server accepts messages."""

    def reset(self):
        """Drop cached state on SIGHUP (config reloaded)."""
