"""Exceptions of the database layer."""

from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class DBNotConfigured(NovaException):
    msg_fmt = _("The [%(group)s] connection option is not set: "
                "%(reason)s")


class DBConnectionFailed(NovaException):
    msg_fmt = _("Unable to connect to the database %(url)s: %(reason)s")


class InvalidDBConnection(Invalid):
    msg_fmt = _("Invalid database connection URL %(url)s: %(reason)s")
