"""Percentiles and the one-line summaries scenarios report."""

import math


def percentile(values, pct):
    """:returns: the ``pct`` percentile (nearest rank) or None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


def summary(values):
    """:returns: {p50, p95, max, n} of ``values`` (seconds)."""
    return {'p50': percentile(values, 50), 'p95': percentile(values, 95),
            'max': max(values) if values else None, 'n': len(values)}
