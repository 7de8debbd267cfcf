"""Exceptions of console tokens and the console proxies."""

from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class InvalidToken(Invalid):
    # NOTE: callers pass '***' rather than the token: a token in a log line
    # or a fault body would be a working credential.
    msg_fmt = _("The token '%(token)s' is invalid or has expired")


class ConsoleTypeInvalid(Invalid):
    msg_fmt = _("Invalid console type %(console_type)s")


class ConsoleTokenCreateFailed(NovaException):
    msg_fmt = _("Could not create a console token: %(reason)s")


class SecurityProxyNegotiationFailed(NovaException):
    msg_fmt = _("Failed to negotiate security type with server: %(reason)s")


class RFBAuthHandshakeFailed(NovaException):
    msg_fmt = _("Failed to complete RFB authentication handshake: "
                "%(reason)s")


class RFBAuthNoAvailableScheme(NovaException):
    msg_fmt = _("No matching auth scheme: allowed types: '%(allowed_types)s', "
                "desired types: '%(desired_types)s'")
