"""Exceptions raised while talking to Placement (the report client)."""

from nova_clone.exception.base import Invalid
from nova_clone.exception.base import NotFound
from nova_clone.exception.base import NovaException
from nova_clone.i18n import _


class PlacementAPIConnectFailure(NovaException):
    msg_fmt = _("Unable to communicate with the Placement API at "
                "%(endpoint)s: %(reason)s")
    code = 503


class PlacementAPIError(NovaException):
    msg_fmt = _("Placement API call %(method)s %(url)s failed with HTTP "
                "%(status)s: %(error)s")


class PlacementAPIConflict(NovaException):
    msg_fmt = _("A conflict was encountered attempting to invoke the "
                "placement API at URL %(url)s: %(error)s")
    code = 409


class ResourceProviderNotFound(NotFound):
    msg_fmt = _("No such resource provider %(name_or_uuid)s.")


class ResourceProviderCreationFailed(NovaException):
    msg_fmt = _("Failed to create resource provider %(name)s: %(error)s")


class ResourceProviderRetrievalFailed(NovaException):
    msg_fmt = _("Failed to get resource provider with UUID %(uuid)s")


class ResourceProviderUpdateFailed(NovaException):
    msg_fmt = _("Failed to update resource provider via URL %(url)s: "
                "%(error)s")


class ResourceProviderUpdateConflict(PlacementAPIConflict):
    msg_fmt = _("A conflict was encountered attempting to update resource "
                "provider %(uuid)s (generation %(generation)s): %(error)s")


class ResourceProviderInUse(NovaException):
    msg_fmt = _("Resource provider %(uuid)s has allocations or child "
                "providers and cannot be deleted: %(error)s")
    code = 409


class ResourceProviderDeletionFailed(NovaException):
    msg_fmt = _("Failed to delete resource provider %(uuid)s: %(error)s")


class InventoryInUse(Invalid):
    msg_fmt = _("Resource provider %(uuid)s has allocations exceeding the "
                "new inventory, so it cannot be changed: %(error)s")
    code = 409


class InvalidResourceClass(Invalid):
    msg_fmt = _("Resource class '%(resource_class)s' invalid.")


class ResourceClassCreationFailed(NovaException):
    msg_fmt = _("Failed to create resource class %(resource_class)s: "
                "%(error)s")


class TraitRetrievalFailed(NovaException):
    msg_fmt = _("Failed to get traits for resource provider %(uuid)s: "
                "%(error)s")


class TraitCreationFailed(NovaException):
    msg_fmt = _("Failed to create trait %(name)s: %(error)s")


class ResourceProviderAggregateRetrievalFailed(NovaException):
    msg_fmt = _("Failed to get aggregates for resource provider %(uuid)s: "
                "%(error)s")


class ConsumerAllocationRetrievalFailed(NovaException):
    msg_fmt = _("Failed to retrieve allocations for consumer "
                "%(consumer_uuid)s: %(error)s")


class AllocationUpdateFailed(NovaException):
    msg_fmt = _("Failed to update allocations for consumer %(consumer_uuid)s."
                " Error: %(error)s")


class AllocationDeleteFailed(NovaException):
    msg_fmt = _("Failed to delete allocations for consumer "
                "%(consumer_uuid)s. Error: %(error)s")


class AllocationMoveFailed(NovaException):
    msg_fmt = _("Failed to move allocations from consumer %(source_consumer)s "
                "to consumer %(target_consumer)s. Error: %(error)s")
