"""Exceptions raised by virt drivers and by loading them."""

from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NotFound
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class ComputeDriverNotSet(NovaException):
    msg_fmt = _("No compute driver is configured: set [DEFAULT] "
                "compute_driver to one of: %(available)s")


class ComputeDriverNotFound(NotFound):
    msg_fmt = _("Compute driver '%(name)s' was not found in the "
                "%(namespace)s namespace; available drivers: %(available)s")


class ComputeDriverLoadFailed(NovaException):
    msg_fmt = _("Compute driver '%(name)s' could not be loaded: %(reason)s")


class VirtDriverNotReady(NovaException):
    msg_fmt = _("Virt driver is not ready.")


class HypervisorUnavailable(NovaException):
    msg_fmt = _("Connection to the hypervisor is broken on host %(host)s")


class ComputeNodeNotManaged(NotFound):
    msg_fmt = _("Node %(node)s is not managed by this compute driver; "
                "managed nodes: %(nodes)s")


class InstanceSpawnFailure(NovaException):
    msg_fmt = _("Failed to spawn instance %(instance_uuid)s: %(reason)s")


class InstancePowerOnFailure(Invalid):
    msg_fmt = _("Failed to power on instance: %(reason)s")


class InstancePowerOffFailure(Invalid):
    msg_fmt = _("Failed to power off instance: %(reason)s")


class InstanceRebootFailure(Invalid):
    msg_fmt = _("Failed to reboot instance: %(reason)s")


class InstanceSuspendFailure(Invalid):
    msg_fmt = _("Failed to suspend instance: %(reason)s")


class InstanceResumeFailure(Invalid):
    msg_fmt = _("Failed to resume instance: %(reason)s")


class InstanceNotRunning(Invalid):
    msg_fmt = _("Instance %(instance_id)s is not running.")


class InstanceNotRescuable(Invalid):
    msg_fmt = _("Instance %(instance_id)s cannot be rescued: %(reason)s")


class InstanceNotInRescueMode(Invalid):
    msg_fmt = _("Instance %(instance_id)s is not in rescue mode")


class InstanceUnrescueFailure(NovaException):
    msg_fmt = _("Failed to unrescue instance: %(reason)s")


class InstanceFaultRollback(NovaException):
    def __init__(self, inner_exception=None):
        message = _("Instance rollback performed due to: %s")
        self.inner_exception = inner_exception
        super().__init__(message % inner_exception)


class ConsoleNotAvailable(NotFound):
    msg_fmt = _("Guest does not have a console available.")


class ConsoleTypeUnavailable(Invalid):
    msg_fmt = _("Unavailable console type %(console_type)s.")


class ImageNotFoundForSnapshot(NotFound):
    msg_fmt = _("Image %(image_id)s for the snapshot could not be found.")
