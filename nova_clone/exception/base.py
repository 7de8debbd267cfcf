"""The NovaException base class and the generic HTTP-flavoured families."""

from oslo_log import log as logging

from nova_clone.i18n import _

LOG = logging.getLogger(__name__)


class NovaException(Exception):
    """Base exception: subclasses set ``msg_fmt`` and, where it maps, ``code``.

    ``msg_fmt`` is formatted with the keyword arguments given to the
    constructor; a formatting mistake is logged and the bare format string is
    used instead, so a bug in an error path never hides the original error.
    """

    msg_fmt = _("An unknown exception occurred.")
    code = 500
    headers = {}
    safe = False

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if 'code' not in self.kwargs:
            self.kwargs['code'] = self.code
        if not message:
            try:
                message = self.msg_fmt % kwargs
            except Exception:
                LOG.exception('Exception in string format operation, '
                              'kwargs: %s', kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def format_message(self):
        """:returns: the user-facing message of this exception."""
        return self.args[0] if self.args else self.message


class Invalid(NovaException):
    msg_fmt = _("Bad Request - Invalid Parameters")
    code = 400


class Forbidden(NovaException):
    msg_fmt = _("Forbidden")
    code = 403


class NotFound(NovaException):
    msg_fmt = _("Resource could not be found.")
    code = 404


class Conflict(NovaException):
    msg_fmt = _("Conflict")
    code = 409


class InvalidInput(Invalid):
    msg_fmt = _("Invalid input received: %(reason)s")


class ValidationError(Invalid):
    msg_fmt = "%(detail)s"


class ConfigFileNotFound(NovaException):
    msg_fmt = _("Could not find config at %(path)s")


class InvalidSortKey(Invalid):
    msg_fmt = _("Sort key supplied is invalid: %(sort_key)s")


class MarkerNotFound(NotFound):
    msg_fmt = _("Marker %(marker)s could not be found.")


class ServiceTooOld(Invalid):
    msg_fmt = _("This service is older (v%(thisver)i) than the minimum "
                "(v%(minver)i) version of the rest of the deployment. "
                "Unable to continue.")


class TooOldComputeService(Invalid):
    msg_fmt = _("Current Nova version does not support computes older than "
                "%(oldest_supported_version)s but the minimum compute service "
                "level in your %(scope)s is %(min_service_level)d and the "
                "oldest supported service level is "
                "%(oldest_supported_service)d.")
