"""Exceptions of the cells layer (cell, host and instance mappings)."""

from nova_clone.exception.base import NotFound
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class CellMappingNotFound(NotFound):
    msg_fmt = _("Cell %(uuid)s has no mapping.")


class HostMappingNotFound(NotFound):
    msg_fmt = _("Host '%(name)s' is not mapped to any cell")


class HostMappingExists(NovaException):
    msg_fmt = _("Host '%(name)s' mapping already exists")
    code = 409


class InstanceMappingNotFound(NotFound):
    msg_fmt = _("Instance %(uuid)s has no mapping to a cell.")


class CellTimeout(NotFound):
    msg_fmt = _("Timeout waiting for response from cell")
