"""Exceptions of the boot path: scheduling, claims and builds."""

from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class NoValidHost(NovaException):
    msg_fmt = _("No valid host was found. %(reason)s")


class MaxRetriesExceeded(NoValidHost):
    msg_fmt = _("Exceeded maximum number of retries. %(reason)s")


class RequestFilterFailed(NovaException):
    msg_fmt = _("Scheduling failed: %(reason)s")


class SchedulerHostFilterNotFound(NovaException):
    msg_fmt = _("Scheduler Host Filter %(filter_name)s could not be found.")


class SchedulerWeigherNotFound(NovaException):
    msg_fmt = _("Scheduler weigher %(weigher_name)s could not be found.")


class ComputeResourcesUnavailable(NovaException):
    msg_fmt = _("Insufficient compute resources: %(reason)s.")


class RescheduledException(NovaException):
    msg_fmt = _("Build of instance %(instance_uuid)s was re-scheduled: "
                "%(reason)s")


class BuildAbortException(NovaException):
    msg_fmt = _("Build of instance %(instance_uuid)s aborted: %(reason)s")


class InstanceBuildTimeout(NovaException):
    msg_fmt = _("Build of instance %(instance_uuid)s timed out after "
                "%(timeout)s seconds.")
