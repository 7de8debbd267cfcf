"""tools/bench: client-side benchmarks of a compute endpoint.

The same code measures any cloud reachable through an openrc (ours or
upstream nova), so ratios between two clouds are measured alike.
"""
