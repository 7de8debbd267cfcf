"""SchedulerManager: the RPC endpoint of nova-scheduler (topic
``scheduler``).

The manager only wires things together: the HostManager (host states,
filters, weighers), the Placement report client and the selection
algorithm in :mod:`nova_clone.scheduler.selection`. It also runs the
optional host discovery periodic task.
"""

import gc

from oslo_log import log as logging
import oslo_messaging as messaging

from nova_clone.cmd.manage import host_discovery
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import manager
from nova_clone import objects
from nova_clone.scheduler.client import report
from nova_clone.scheduler import host_manager
from nova_clone.scheduler import selection

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

HOST_MAPPING_EXISTS_WARNING = False
_HEAP_FROZEN = False


def freeze_heap():
    """Move every object alive now out of the garbage collector's reach
    (``gc.freeze``), once per process.

    What a started scheduler holds (modules, config, plugins, RPC and
    database machinery) lives as long as the process; a full collection
    would walk all of it again whenever a request's host states, Placement
    answer and objects push it over its threshold. Measured at 1,000
    hosts: decoding Placement's answer took 141 ms per request with the
    collections it set off, 9 ms with the heap frozen.
    """
    global _HEAP_FROZEN
    if not _HEAP_FROZEN:
        _HEAP_FROZEN = True
        gc.collect()
        gc.freeze()


class SchedulerManager(manager.Manager):
    """Chooses hosts for instances (select_destinations)."""

    target = messaging.Target(version='1.0')

    def __init__(self, host=None, service_name='scheduler'):
        super().__init__(host=host, service_name=service_name)
        self.host_manager = host_manager.HostManager()
        self.placement_client = report.SchedulerReportClient()
        self.selector = selection.DestinationSelector(
            self.host_manager, self.placement_client)

    @manager.periodic_task_decorator(
        spacing=CONF.scheduler.discover_hosts_in_cells_interval,
        run_immediately=True)
    def _discover_hosts_in_cells(self, context):
        """Map new compute hosts to their cells (``[scheduler]
        discover_hosts_in_cells_interval``); only the scheduler with the
        smallest host name does it, so they do not collide.
        """
        global HOST_MAPPING_EXISTS_WARNING
        services = objects.ServiceList.get_by_binary(context,
                                                     'nova-scheduler')
        leader = min([svc.host for svc in services] or [self.host])
        if self.host != leader:
            LOG.debug('Current leader is %s, skipping discover hosts',
                      leader)
            return
        try:
            hosts = host_discovery.discover_hosts(context)
        except exception.HostMappingExists as e:
            msg = ('This periodic task should only be enabled on a single '
                   'scheduler to prevent collisions between multiple '
                   'schedulers: %s' % e)
            if not HOST_MAPPING_EXISTS_WARNING:
                LOG.warning(msg)
                HOST_MAPPING_EXISTS_WARNING = True
            else:
                LOG.debug(msg)
            return
        if hosts:
            LOG.info('Discovered %(count)i new hosts: %(hosts)s',
                     {'count': len(hosts), 'hosts': ','.join(hosts)})

    @messaging.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, ctxt, spec_obj, instance_uuids,
                            return_objects=True, return_alternates=True):
        """Pick (and claim in Placement) a host for each instance.

        :param spec_obj: the RequestSpec.
        :param instance_uuids: the instances to place (their Placement
            consumers).
        :param return_objects: False returns the legacy list of host
            dicts instead of Selection objects.
        :param return_alternates: add up to ``[scheduler] max_attempts -
            1`` unclaimed alternates from the chosen host's cell.
        :returns: one list of Selection objects per instance.
        :raises: NoValidHost
        """
        LOG.debug('Starting to schedule for instances: %s', instance_uuids)
        return self.selector.select_destinations(
            ctxt, spec_obj, instance_uuids, return_objects=return_objects,
            return_alternates=return_alternates)

    def post_start_hook(self):
        """Once serving: freeze the start-up heap (see :func:`freeze_heap`).
        """
        freeze_heap()

    def reset(self):
        """On SIGHUP: reload the filters and weighers from config."""
        self.host_manager.load_plugins()
