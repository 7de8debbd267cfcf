"""The libvirt connection: open, reconnect and lifecycle events.

One :class:`Host` per driver. It hands out a live ``virConnect`` (opening a
new one when libvirtd restarted), runs libvirt's default event loop on a
thread of its own, and turns domain lifecycle callbacks into
:class:`nova_clone.virt.event.LifecycleEvent` objects.
"""

import queue
import threading
from xml.etree import ElementTree as etree

import libvirt
from oslo_log import log as logging

from nova_clone import exception
from nova_clone.exception import virt as virt_exc
from nova_clone.virt import event as virtevent
from nova_clone.virt.libvirt import guest as libvirt_guest

LOG = logging.getLogger(__name__)

# libvirt's event loop is process-wide: it must be registered once, before
# the first connection is opened, and driven by exactly one thread.
_EVENT_LOOP_LOCK = threading.Lock()
_EVENT_LOOP_STARTED = False

# Lifecycle callbacks that mean the same to the compute manager as nova's
# transitions; SHUTDOWN is dropped since STOPPED always follows it.
_LIFECYCLE_MAP = {
    libvirt.VIR_DOMAIN_EVENT_STOPPED: virtevent.EVENT_LIFECYCLE_STOPPED,
    libvirt.VIR_DOMAIN_EVENT_STARTED: virtevent.EVENT_LIFECYCLE_STARTED,
    libvirt.VIR_DOMAIN_EVENT_SUSPENDED: virtevent.EVENT_LIFECYCLE_PAUSED,
    libvirt.VIR_DOMAIN_EVENT_RESUMED: virtevent.EVENT_LIFECYCLE_RESUMED,
    libvirt.VIR_DOMAIN_EVENT_PMSUSPENDED:
        virtevent.EVENT_LIFECYCLE_SUSPENDED,
}

# Error codes that mean "the connection is gone", so a reconnect may help.
_CONNECTION_LOST_CODES = (
    libvirt.VIR_ERR_SYSTEM_ERROR,
    libvirt.VIR_ERR_INTERNAL_ERROR,
    libvirt.VIR_ERR_NO_CONNECT,
    libvirt.VIR_ERR_INVALID_CONN,
    libvirt.VIR_ERR_RPC,
)


def _run_event_loop():
    while True:
        try:
            libvirt.virEventRunDefaultImpl()
        except Exception:
            LOG.exception('libvirt event loop iteration failed')


def _ignore_libvirt_error(ctx, err):
    pass


def _daemon_thread(target, name):
    # NOTE: not a nova_clone.concurrency pool: virEventRunDefaultImpl
    # blocks in C for the life of the process, and a pool worker stuck
    # there would hang every shutdown_pools(wait=True). A native daemon
    # thread dies with the process. nova-compute runs on native threads
    # (DESIGN.md section 8), so this blocks nobody else.
    thread = threading.Thread(  # noqa: N373
        target=target, name=name, daemon=True)
    thread.start()
    return thread


def start_event_loop():
    """Register libvirt's default event loop and drive it (once)."""
    global _EVENT_LOOP_STARTED
    with _EVENT_LOOP_LOCK:
        if _EVENT_LOOP_STARTED:
            return
        # libvirt prints every error to stderr besides raising it; the
        # exceptions carry the same text, so keep the logs clean.
        libvirt.registerErrorHandler(_ignore_libvirt_error, None)
        libvirt.virEventRegisterDefaultImpl()
        _daemon_thread(_run_event_loop, 'libvirt-event-loop')
        _EVENT_LOOP_STARTED = True


def lifecycle_transition(event, detail):
    """:returns: the ``EVENT_LIFECYCLE_*`` for a libvirt lifecycle event,
        or None when the manager need not hear about it.
    """
    if (event == libvirt.VIR_DOMAIN_EVENT_SUSPENDED and
            detail == libvirt.VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY):
        return virtevent.EVENT_LIFECYCLE_POSTCOPY_STARTED
    if (event == libvirt.VIR_DOMAIN_EVENT_STOPPED and
            detail == libvirt.VIR_DOMAIN_EVENT_STOPPED_SAVED):
        # A managed save is how the driver suspends; the guest is not
        # simply off, and the manager must not treat it as stopped.
        return virtevent.EVENT_LIFECYCLE_SUSPENDED
    return _LIFECYCLE_MAP.get(event)


class Host(object):
    """A reconnecting libvirt connection with lifecycle events."""

    def __init__(self, uri, lifecycle_event_handler=None,
                 conn_event_handler=None):
        """:param uri: the libvirt URI (``qemu:///system``...).
        :param lifecycle_event_handler: called with each LifecycleEvent.
        :param conn_event_handler: called with ``(enabled, reason)`` when
            the connection is lost or comes back.
        """
        self._uri = uri
        self._lifecycle_handler = lifecycle_event_handler
        self._conn_handler = conn_event_handler
        self._conn = None
        self._lock = threading.RLock()
        self._events = queue.Queue()
        self._dispatcher = None
        self._stopped = False
        self._callback_id = None
        # Set when libvirt closed the connection, so the next successful
        # open is reported as the connection coming back.
        self._lost = False

    # ------------------------------------------------------- connection

    def initialize(self):
        """Start the event machinery and open the first connection.

        :raises: HypervisorUnavailable when libvirt cannot be reached.
        """
        start_event_loop()
        if self._dispatcher is None:
            # Callbacks run on libvirt's loop thread; handing events to a
            # queue keeps manager code (which calls back into libvirt)
            # off that thread.
            self._dispatcher = _daemon_thread(self._dispatch,
                                              'libvirt-event-dispatch')
        self.get_connection()

    def _open(self):
        LOG.debug('Connecting to libvirt: %s', self._uri)
        try:
            conn = libvirt.open(self._uri)
        except libvirt.libvirtError as e:
            LOG.error('Connection to libvirt %s failed: %s', self._uri, e)
            raise virt_exc.HypervisorUnavailable(host=self._uri) from e
        self._callback_id = None
        try:
            self._callback_id = conn.domainEventRegisterAny(
                None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                self._lifecycle_callback, None)
        except libvirt.libvirtError as e:
            LOG.warning('No lifecycle events from %s: %s', self._uri, e)
        try:
            conn.registerCloseCallback(self._close_callback, None)
        except libvirt.libvirtError as e:
            LOG.debug('No close callback on %s: %s', self._uri, e)
        return conn

    def get_connection(self):
        """:returns: a live ``virConnect``, reconnecting if needed.
        :raises: HypervisorUnavailable when libvirt cannot be reached.
        """
        with self._lock:
            conn = self._conn
            if conn is not None and self._is_alive(conn):
                return conn
            reconnect = conn is not None or self._lost
            self._conn = self._open()
            self._lost = False
        if reconnect:
            LOG.info('Reconnected to libvirt at %s', self._uri)
            self._notify_connection(True, None)
        return self._conn

    @staticmethod
    def _is_alive(conn):
        try:
            return conn.isAlive() == 1
        except libvirt.libvirtError:
            return False

    def _close_callback(self, conn, reason, opaque):
        with self._lock:
            if self._conn is conn:
                self._conn = None
                self._lost = True
        LOG.warning('Connection to libvirt %s closed (reason %s)',
                    self._uri, reason)
        self._notify_connection(False, 'Connection to libvirt lost: %s'
                                % reason)

    def _notify_connection(self, enabled, reason):
        if self._conn_handler is not None:
            try:
                self._conn_handler(enabled, reason)
            except Exception:
                LOG.exception('Connection event handler failed')

    def close(self):
        """Close the connection and stop dispatching events."""
        self._stopped = True
        self._events.put(None)
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            try:
                if self._callback_id is not None:
                    conn.domainEventDeregisterAny(self._callback_id)
                conn.close()
            except libvirt.libvirtError:
                pass

    @staticmethod
    def is_connection_error(exc):
        """:returns: whether a libvirtError means the connection broke."""
        return (isinstance(exc, libvirt.libvirtError) and
                exc.get_error_code() in _CONNECTION_LOST_CODES)

    # ----------------------------------------------------------- events

    def _lifecycle_callback(self, conn, dom, event, detail, opaque):
        transition = lifecycle_transition(event, detail)
        if transition is None:
            return
        try:
            uuid = dom.UUIDString()
        except libvirt.libvirtError:
            return
        self._events.put(virtevent.LifecycleEvent(uuid, transition))

    def _dispatch(self):
        while not self._stopped:
            event = self._events.get()
            if event is None:
                return
            if self._lifecycle_handler is None:
                continue
            try:
                self._lifecycle_handler(event)
            except Exception:
                LOG.exception('Lifecycle event handler failed on %s', event)

    # ----------------------------------------------------------- guests

    def get_guest(self, instance):
        """:returns: the :class:`Guest` of ``instance`` (by uuid).
        :raises: InstanceNotFound when libvirt has no such domain.
        """
        conn = self.get_connection()
        try:
            dom = conn.lookupByUUIDString(instance.uuid)
        except libvirt.libvirtError as e:
            if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                raise exception.InstanceNotFound(
                    instance_id=instance.uuid) from e
            raise
        return libvirt_guest.Guest(dom)

    def list_guests(self):
        """:returns: a :class:`Guest` for every domain, running or not."""
        conn = self.get_connection()
        return [libvirt_guest.Guest(dom) for dom in conn.listAllDomains(0)]

    def define_guest(self, xml):
        """Define (persist) a domain; :returns: its :class:`Guest`."""
        return libvirt_guest.Guest(self.get_connection().defineXML(xml))

    # ------------------------------------------------------------- host

    def get_hostname(self):
        """:returns: the hypervisor's host name (the compute node name)."""
        return self.get_connection().getHostname()

    def get_info(self):
        """:returns: ``virConnect.getInfo()``: ``[arch, memory MiB, cpus,
            mhz, nodes, sockets, cores, threads]``.
        """
        return self.get_connection().getInfo()

    def get_capabilities(self):
        """:returns: the parsed ``<capabilities>`` Element."""
        return etree.fromstring(self.get_connection().getCapabilities())

    def get_version(self):
        """:returns: the hypervisor version as libvirt encodes it
            (major * 1,000,000 + minor * 1,000 + micro).
        """
        return self.get_connection().getVersion()

    def get_free_memory_mb(self):
        """:returns: the host's free memory in MiB."""
        return self.get_connection().getFreeMemory() // (1024 * 1024)
