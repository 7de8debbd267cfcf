"""One libvirt domain, with the operations the driver performs on it."""

import libvirt
from oslo_log import log as logging

from nova_clone.compute import power_state
from nova_clone.virt.libvirt import config as vconfig

LOG = logging.getLogger(__name__)

# libvirt domain states as nova's power states; BLOCKED is a running
# guest waiting on I/O, PMSUSPENDED one the guest itself suspended.
_POWER_STATES = {
    libvirt.VIR_DOMAIN_NOSTATE: power_state.NOSTATE,
    libvirt.VIR_DOMAIN_RUNNING: power_state.RUNNING,
    libvirt.VIR_DOMAIN_BLOCKED: power_state.RUNNING,
    libvirt.VIR_DOMAIN_PAUSED: power_state.PAUSED,
    libvirt.VIR_DOMAIN_SHUTDOWN: power_state.RUNNING,
    libvirt.VIR_DOMAIN_SHUTOFF: power_state.SHUTDOWN,
    libvirt.VIR_DOMAIN_CRASHED: power_state.CRASHED,
    libvirt.VIR_DOMAIN_PMSUSPENDED: power_state.SUSPENDED,
}


def power_state_of(libvirt_state):
    """:returns: nova's power state for a ``VIR_DOMAIN_*`` state."""
    return _POWER_STATES.get(libvirt_state, power_state.NOSTATE)


class Guest(object):
    """A thin wrapper of ``virDomain`` that speaks nova's terms."""

    def __init__(self, domain):
        self._domain = domain

    @property
    def domain(self):
        """:returns: the wrapped ``virDomain`` (for statistics)."""
        return self._domain

    @property
    def uuid(self):
        """:returns: the domain uuid (the instance uuid)."""
        return self._domain.UUIDString()

    @property
    def name(self):
        """:returns: the domain name (``instance-0000000a``...)."""
        return self._domain.name()

    @property
    def id(self):
        """:returns: the hypervisor id, -1 when the guest is off."""
        return self._domain.ID()

    def get_power_state(self):
        """:returns: the guest's nova power state.

        A shut-off guest with a managed-save image is SUSPENDED: that is
        how ``suspend`` leaves it.
        """
        state = power_state_of(self._domain.state()[0])
        if state == power_state.SHUTDOWN and self.has_managed_save():
            return power_state.SUSPENDED
        return state

    def get_info(self):
        """:returns: ``(power state, max KiB, KiB, vcpus, cpu time ns)``."""
        state, max_mem, mem, vcpus, cpu_time = self._domain.info()
        power = power_state_of(state)
        if power == power_state.SHUTDOWN and self.has_managed_save():
            power = power_state.SUSPENDED
        return power, max_mem, mem, vcpus, cpu_time

    def is_active(self):
        """:returns: whether the guest runs (or is paused)."""
        return bool(self._domain.isActive())

    def has_managed_save(self):
        """:returns: whether ``suspend`` left a saved memory image."""
        try:
            return bool(self._domain.hasManagedSaveImage(0))
        except libvirt.libvirtError:
            return False

    def get_xml_desc(self, inactive=False):
        """:returns: the domain XML (the live one unless ``inactive``)."""
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE if inactive else 0
        return self._domain.XMLDesc(flags)

    def get_graphics(self, kind):
        """:returns: a :class:`config.GraphicsInfo` for ``kind`` or None."""
        return vconfig.read_graphics(self.get_xml_desc(), kind)

    def get_disk_paths(self):
        """:returns: the files backing the guest's disks."""
        return vconfig.read_disk_paths(self.get_xml_desc())

    # ------------------------------------------------------------- power

    def launch(self, pause=False):
        """Start the defined guest (restoring a managed save, if any)."""
        if not pause:
            self._domain.createWithFlags(0)
            return
        try:
            self._domain.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
        except libvirt.libvirtError as e:
            # Hypervisors without START_PAUSED (libvirt's test driver)
            # start and pause at once instead.
            if e.get_error_code() not in (libvirt.VIR_ERR_INVALID_ARG,
                                          libvirt.VIR_ERR_NO_SUPPORT):
                raise
            self._domain.createWithFlags(0)
            self._domain.suspend()

    def shutdown(self):
        """Ask the guest OS to power off (ACPI); returns at once."""
        self._domain.shutdown()

    def poweroff(self):
        """Pull the plug; a guest that is already off is fine."""
        try:
            self._domain.destroy()
        except libvirt.libvirtError as e:
            if e.get_error_code() != libvirt.VIR_ERR_OPERATION_INVALID:
                raise
            LOG.debug('Guest %s was not running', self.uuid)

    def reboot(self):
        """Ask the guest OS to reboot (ACPI)."""
        self._domain.reboot(0)

    def pause(self):
        """Freeze the guest's vCPUs."""
        self._domain.suspend()

    def resume(self):
        """Let a paused guest run again."""
        self._domain.resume()

    def managed_save(self):
        """Save memory to libvirt's managed-save file and stop the guest."""
        self._domain.managedSave(0)

    def remove_managed_save(self):
        """Drop a managed-save image so the next start boots cold."""
        self._domain.managedSaveRemove(0)

    def undefine(self):
        """Forget the domain definition, with its saved state and
        snapshot metadata.
        """
        flags = (libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                 libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
        try:
            self._domain.undefineFlags(flags)
        except libvirt.libvirtError as e:
            if e.get_error_code() != libvirt.VIR_ERR_NO_DOMAIN:
                raise
