"""Service: runs one manager behind an RPC server, with heartbeats and timers.

This is the process-level shell of nova-scheduler, nova-conductor and
nova-compute: it registers the service row (with its version), starts the
oslo.messaging RPC server on ``topic`` (server = host), reports liveness
through the servicegroup API, runs the manager's periodic tasks, and stops
gracefully on SIGTERM (the RPC server finishes in-flight requests) and
reloads mutable configuration on SIGHUP.
"""

import random
import signal
import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import importutils

from nova_clone import concurrency
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.objects import base as objects_base
from nova_clone.objects import service as service_obj
from nova_clone import rpc
from nova_clone import servicegroup

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

SERVICE_MANAGERS = {
    'nova-compute': 'nova_clone.compute.manager.ComputeManager',
    'nova-conductor': 'nova_clone.conductor.manager.ConductorManager',
    'nova-scheduler': 'nova_clone.scheduler.manager.SchedulerManager',
}


class Service:
    """One daemon: a manager, its RPC server, heartbeat and periodic tasks.

    :param host: the host name (``[DEFAULT] host``); also the RPC server.
    :param binary: e.g. ``nova-compute``.
    :param topic: the RPC topic (``compute``, ``conductor``, ``scheduler``).
    :param manager: a Manager instance, or a dotted class path.
    """

    def __init__(self, host, binary, topic, manager, report_interval=None,
                 periodic_enable=None, periodic_fuzzy_delay=None,
                 periodic_interval_max=None):
        self.host = host
        self.binary = binary
        self.topic = topic
        if isinstance(manager, str):
            manager = importutils.import_class(manager)(
                host=host, service_name=binary.rpartition('nova-')[2])
        self.manager = manager
        self.servicegroup_api = servicegroup.API()
        self.report_interval = report_interval
        self.periodic_enable = periodic_enable
        self.periodic_fuzzy_delay = periodic_fuzzy_delay
        self.periodic_interval_max = periodic_interval_max
        self.service_ref = None
        self.rpcserver = None
        self.model_disconnected = False
        self._stop = threading.Event()
        self._periodic = None

    @classmethod
    def create(cls, host=None, binary=None, topic=None, manager=None,
               report_interval=None, periodic_enable=None,
               periodic_fuzzy_delay=None, periodic_interval_max=None):
        """Build a Service with nova's defaults from CONF."""
        host = host or CONF.host
        topic = topic or binary.rpartition('nova-')[2]
        manager = manager or SERVICE_MANAGERS[binary]
        return cls(host, binary, topic, manager,
                   report_interval=(CONF.report_interval
                                    if report_interval is None
                                    else report_interval),
                   periodic_enable=(CONF.periodic_enable
                                    if periodic_enable is None
                                    else periodic_enable),
                   periodic_fuzzy_delay=(CONF.periodic_fuzzy_delay
                                         if periodic_fuzzy_delay is None
                                         else periodic_fuzzy_delay),
                   periodic_interval_max=periodic_interval_max)

    def _ensure_service_record(self, ctxt):
        ref = objects.Service.get_by_host_and_binary(ctxt, self.host,
                                                     self.binary)
        if ref is None:
            ref = objects.Service(ctxt, host=self.host, binary=self.binary,
                                  topic=self.topic, report_count=0,
                                  disabled=not CONF.enable_new_services,
                                  forced_down=False)
            try:
                ref.create()
            except (exception.ServiceBinaryExists,
                    exception.ServiceTopicExists):
                # NOTE: another process of this service won the race.
                ref = objects.Service.get_by_host_and_binary(
                    ctxt, self.host, self.binary)
        elif ref.version != service_obj.SERVICE_VERSION:
            ref.version = service_obj.SERVICE_VERSION
            ref.save()
        return ref

    def start(self):
        """Register, start RPC, heartbeat and periodic tasks."""
        ctxt = nova_context.get_admin_context()
        LOG.info('Starting %(binary)s on %(host)s (version %(v)s)',
                 {'binary': self.binary, 'host': self.host,
                  'v': service_obj.SERVICE_VERSION})
        self.manager.init_host(None)
        self.service_ref = self._ensure_service_record(ctxt)
        self.manager.pre_start_hook(self.service_ref)
        target = messaging.Target(topic=self.topic, server=self.host)
        endpoints = [self.manager]
        endpoints.extend(getattr(self.manager, 'additional_endpoints', []))
        self.rpcserver = rpc.get_server(
            target, endpoints, objects_base.NovaObjectSerializer())
        self.rpcserver.start()
        self.manager.post_start_hook()
        self.servicegroup_api.join(self.host, self.topic, self)
        if self.periodic_enable:
            self._stop.clear()
            self._periodic = concurrency.spawn(self._periodic_loop)

    def _periodic_loop(self):
        ctxt = nova_context.get_admin_context()
        if self.periodic_fuzzy_delay:
            # NOTE: spread the first run so many services restarted at once
            # do not hit the database or Placement in the same second.
            if self._stop.wait(random.randint(0, self.periodic_fuzzy_delay)):
                return
        while not self._stop.is_set():
            try:
                idle = self.manager.periodic_tasks(ctxt)
            except Exception:
                LOG.exception('Error running periodic tasks')
                idle = 1
            if self.periodic_interval_max:
                idle = min(idle or 1, self.periodic_interval_max)
            self._stop.wait(idle if idle and idle > 0 else 1)

    def stop(self, graceful=True):
        """Stop taking RPC work, finish what is in flight, stop timers."""
        LOG.info('Stopping %s on %s', self.binary, self.host)
        if self.rpcserver is not None:
            try:
                self.rpcserver.stop()
                if graceful:
                    self.rpcserver.wait()
            except Exception:
                LOG.exception('Error stopping the RPC server')
        self._stop.set()
        if self._periodic is not None:
            self._periodic.result()
            self._periodic = None
        self.servicegroup_api.leave(self)
        try:
            self.manager.cleanup_host()
        except Exception:
            LOG.exception('Error cleaning up the host')

    def reset(self):
        """SIGHUP: reload mutable options and let the manager drop caches."""
        CONF.mutate_config_files()
        self.manager.reset()


def run(service):
    """Run ``service`` until SIGTERM/SIGINT; SIGHUP reloads config."""
    done = threading.Event()

    def _terminate(signum, frame):
        LOG.info('Caught signal %s, stopping', signum)
        done.set()

    def _hup(signum, frame):
        LOG.info('Caught SIGHUP, reloading mutable configuration')
        service.reset()

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    signal.signal(signal.SIGHUP, _hup)
    service.start()
    while not done.wait(1):
        pass
    service.stop(graceful=True)
