"""Exceptions raised by the REST API layer (versions, policy, input)."""

from nova_clone.exception.base import Forbidden
from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class InvalidAPIVersionString(Invalid):
    msg_fmt = _("API Version String %(version)s is of invalid format. Must "
                "be of format MajorNum.MinorNum.")


class VersionNotFoundForAPIMethod(Invalid):
    msg_fmt = _("API version %(version)s is not supported on this method.")


class InvalidGlobalAPIVersion(Invalid):
    msg_fmt = _("Version %(req_ver)s is not supported by the API. Minimum "
                "is %(min_ver)s and maximum is %(max_ver)s.")
    code = 406


class InvalidContentType(Invalid):
    msg_fmt = _("Invalid content type %(content_type)s.")


class MalformedRequestBody(Invalid):
    msg_fmt = _("Malformed message body: %(reason)s")


class PolicyNotAuthorized(Forbidden):
    msg_fmt = _("Policy doesn't allow %(action)s to be performed.")


class Unauthorized(NovaException):
    msg_fmt = _("Not authorized.")
    code = 401


class InvalidKeypair(Invalid):
    msg_fmt = _("Keypair data is invalid: %(reason)s")


class KeypairLimitExceeded(Forbidden):
    msg_fmt = _("Quota exceeded, too many key pairs.")


class OverQuota(NovaException):
    msg_fmt = _("Quota exceeded for resources: %(overs)s")
    code = 403


class FlavorCreateFailed(NovaException):
    msg_fmt = _("Unable to create flavor")



class TooManyInstances(OverQuota):
    msg_fmt = _("Quota exceeded for %(overs)s: Requested %(req)s, but "
                "already used %(used)s of %(allowed)s %(overs)s")


class MetadataLimitExceeded(Forbidden):
    msg_fmt = _("Maximum number of metadata items exceeds %(allowed)d")
