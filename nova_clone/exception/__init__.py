"""Domain exceptions; callers write ``exception.InstanceNotFound``.

Each area keeps its exceptions in a sibling module; this package re-exports
all of them so the familiar ``nova_clone.exception.X`` spelling works.
"""

from nova_clone.exception.base import *  # noqa: F401,F403
from nova_clone.exception.api import *  # noqa: F401,F403
from nova_clone.exception.db import *  # noqa: F401,F403
from nova_clone.exception.build import *  # noqa: F401,F403
from nova_clone.exception.cells import *  # noqa: F401,F403
from nova_clone.exception.compute import *  # noqa: F401,F403
from nova_clone.exception.console import *  # noqa: F401,F403
from nova_clone.exception.objects import *  # noqa: F401,F403
from nova_clone.exception.scheduler import *  # noqa: F401,F403
from nova_clone.exception.virt import *  # noqa: F401,F403
