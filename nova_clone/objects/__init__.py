"""Versioned objects; ``register_all()`` makes ``objects.<Name>`` available.

Call it once at process start (every ``nova_clone.cmd`` entry point does)
before using ``from nova_clone import objects; objects.Instance``.
"""

import importlib

# One module per object family; importing one registers its classes and
# the registry hook publishes each class on this package.
_MODULES = (
    'aggregate',
    'block_device',
    'build_request',
    'cell_mapping',
    'compute_node',
    'console_auth_token',
    'external_event',
    'flavor',
    'image_meta',
    'host_mapping',
    'instance',
    'instance_action',
    'instance_fault',
    'instance_group',
    'instance_info_cache',
    'instance_mapping',
    'keypair',
    'migration',
    'quotas',
    'request_spec',
    'selection',
    'service',
    'tag',
    'task_log',
)


def register_all():
    """Import every object module so each class registers itself."""
    # NOTE: imported here, not at module level, so importing the package is
    # cheap and free of import cycles.
    for name in _MODULES:
        importlib.import_module('nova_clone.objects.' + name)
