"""Versioned objects; ``register_all()`` makes ``objects.<Name>`` available.

Call it once at process start (every ``nova_clone.cmd`` entry point does)
before using ``from nova_clone import objects; objects.Instance``.
"""


def register_all():
    """Import every object module so each class registers itself."""
    # NOTE: imported here, not at module level, so importing the package is
    # cheap and free of import cycles.
    __import__('nova_clone.objects.cell_mapping')
    __import__('nova_clone.objects.compute_node')
    __import__('nova_clone.objects.flavor')
    __import__('nova_clone.objects.host_mapping')
    __import__('nova_clone.objects.instance')
    __import__('nova_clone.objects.instance_fault')
    __import__('nova_clone.objects.instance_mapping')
    __import__('nova_clone.objects.service')
