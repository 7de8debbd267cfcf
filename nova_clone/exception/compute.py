"""Exceptions of the compute layer (instances, services, nodes, moves)."""

from nova_clone.exception.base import Forbidden
from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NotFound
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class InstanceNotFound(NotFound):
    msg_fmt = _("Instance %(instance_id)s could not be found.")


class InstanceInfoCacheNotFound(NotFound):
    msg_fmt = _("Info cache for instance %(instance_uuid)s could not be "
                "found.")


class InstanceExists(NovaException):
    msg_fmt = _("Instance %(name)s already exists.")
    code = 409


class UnexpectedTaskStateError(NovaException):
    msg_fmt = _("Unexpected task state: expecting %(expected)s but "
                "the actual state is %(actual)s")
    code = 409


class UnexpectedDeletingTaskStateError(UnexpectedTaskStateError):
    pass


class UnexpectedVMStateError(NovaException):
    msg_fmt = _("Unexpected VM state: expecting %(expected)s but "
                "the actual state is %(actual)s")
    code = 409


class InstanceActionNotFound(NotFound):
    msg_fmt = _("Action for request_id %(request_id)s on instance"
                " %(instance_uuid)s not found")


class InstanceActionEventNotFound(NotFound):
    msg_fmt = _("Event %(event)s not found for action id %(action_id)s")


class InstanceTagNotFound(NotFound):
    msg_fmt = _("Instance %(instance_id)s has no tag '%(tag)s'")


class TooManyInstanceTags(Invalid):
    msg_fmt = _("Instance %(instance_id)s has too many tags (max %(max)s)")


class ServiceNotFound(NotFound):
    msg_fmt = _("Service %(service_id)s could not be found.")


class HostBinaryNotFound(NotFound):
    msg_fmt = _("Could not find binary %(binary)s on host %(host)s.")


class ServiceBinaryExists(NovaException):
    msg_fmt = _("Service with host %(host)s binary %(binary)s exists.")
    code = 409


class ServiceTopicExists(NovaException):
    msg_fmt = _("Service with host %(host)s topic %(topic)s exists.")
    code = 409


class ComputeHostNotFound(NotFound):
    msg_fmt = _("Compute host %(host)s could not be found.")


class ComputeHostNotCreated(NotFound):
    msg_fmt = _("Compute host %(name)s needs to be created first"
                " before updating.")


class ComputeHostMetricNotFound(NotFound):
    msg_fmt = _("Compute host %(host)s has no metric %(name)s.")


class MigrationNotFound(NotFound):
    msg_fmt = _("Migration %(migration_id)s could not be found.")


class MigrationNotFoundByStatus(MigrationNotFound):
    msg_fmt = _("Migration not found for instance %(instance_id)s "
                "with status %(status)s.")


class MigrationNotFoundForInstance(MigrationNotFound):
    msg_fmt = _("Migration %(migration_id)s not found for instance "
                "%(instance_id)s")


class VolumeBDMNotFound(NotFound):
    msg_fmt = _("No volume Block Device Mapping with id %(volume_id)s.")


class VolumeBDMIsMultiAttach(Invalid):
    msg_fmt = _("Block Device Mapping %(volume_id)s is a multi-attach "
                "volume and is not valid for this operation.")


class BDMNotFound(NotFound):
    msg_fmt = _("No Block Device Mapping with id %(id)s.")


class InvalidBDM(Invalid):
    msg_fmt = _("Block Device Mapping is Invalid.")


class InstanceEventTimeout(NovaException):
    msg_fmt = _("Timed out after %(timeout)s seconds waiting for event "
                "%(event)s of instance %(instance_uuid)s.")


class InstanceEventFailed(NovaException):
    msg_fmt = _("Event %(event)s of instance %(instance_uuid)s arrived "
                "with status failed.")


class TaskAlreadyRunning(NovaException):
    msg_fmt = _("Task %(task_name)s is already running on host %(host)s")


class TaskNotRunning(NovaException):
    msg_fmt = _("Task %(task_name)s is not running on host %(host)s")


class InstanceIsLocked(Invalid):
    msg_fmt = _("Instance %(instance_uuid)s is locked")
    code = 409


class InstanceInvalidState(Invalid):
    msg_fmt = _("Cannot '%(method)s' instance %(instance_uuid)s while it is "
                "in %(attr)s %(state)s")
    code = 409


class InstanceNotReady(Invalid):
    msg_fmt = _("Instance %(instance_id)s is not ready")
    code = 409


class InstancePasswordSetFailed(NovaException):
    msg_fmt = _("Failed to set admin password on %(instance)s "
                "because %(reason)s")
    code = 409


class InstanceNotSoftDeleted(Invalid):
    msg_fmt = _("Instance %(instance_uuid)s is not soft-deleted")
    code = 409


class ImageNotFound(NotFound):
    msg_fmt = _("Image %(image_id)s could not be found.")


class ImageNotAuthorized(Forbidden):
    msg_fmt = _("Not authorized for image %(image_id)s.")


class ImageBadRequest(Invalid):
    msg_fmt = _("Request of image %(image_id)s got a BadRequest response: "
                "%(response)s")


class GlanceConnectionFailed(NovaException):
    msg_fmt = _("Connection to glance failed: %(reason)s")
    code = 503


class UnshelveHostNotInAZ(Invalid):
    msg_fmt = _("Host '%(host)s' is not in availability zone "
                "'%(availability_zone)s'.")


class UnshelveException(NovaException):
    msg_fmt = _("Error during unshelve instance %(instance_id)s: %(reason)s")
