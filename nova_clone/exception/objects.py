"""Exceptions of the objects layer."""

from nova_clone.exception.base import Conflict  # noqa: F401
from nova_clone.exception.base import Invalid  # noqa: F401
from nova_clone.exception.base import NotFound  # noqa: F401
from nova_clone.exception.base import NovaException  # noqa: F401
from nova_clone.i18n import _  # noqa: F401
