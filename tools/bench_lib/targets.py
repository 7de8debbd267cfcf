"""Issue 8's targets, judged from the B/A ratios of a ``--compare`` run.

A is our cloud and B upstream nova, so each target is a bound on B/A:
throughput ≥ 10× upstream's means active_per_s B/A ≤ 0.1; POST p50 ≤
1/10 of upstream's means post.p50 B/A ≥ 10; and so on. Targets whose
metric the scenario does not have are not printed.
"""

# (metric, comparison, bound, what it means)
TARGETS = (
    ('active_per_s', '<=', 0.1, 'boot throughput >= 10x upstream'),
    ('post.p50', '>=', 10.0, 'POST /servers p50 <= 1/10 of upstream'),
    ('servers_detail.p50', '>=', 3.0,
     'GET /servers/detail p50 <= 1/3 of upstream'),
    ('daemons.nova-api.rss_mb', '>=', 1.0, 'nova-api RSS <= upstream'),
    ('daemons.nova-conductor.rss_mb', '>=', 1.0,
     'nova-conductor RSS <= upstream'),
    ('daemons.nova-scheduler.rss_mb', '>=', 1.0,
     'nova-scheduler RSS <= upstream'),
    ('daemons.nova-compute.rss_mb', '>=', 1.0,
     'nova-compute RSS <= upstream'),
)


def verdicts(ratios, a_results):
    """:param ratios: {metric: median B/A}.
    :param a_results: our (A's) result dicts, for the absolute targets.
    :returns: lines ``met/MISSED  what  (B/A = x)``.
    """
    lines = []
    for metric, op, bound, what in TARGETS:
        if metric not in ratios:
            continue
        value = ratios[metric]
        met = value <= bound if op == '<=' else value >= bound
        lines.append('  %-6s %-42s B/A = %.3f (needs %s %s)' % (
            'met' if met else 'MISSED', what, value, op, bound))
    lost = [r.get('errors') for r in a_results if 'errors' in r]
    if lost:
        lines.append('  %-6s %-42s errors per round: %s' % (
            'met' if not any(lost) else 'MISSED', 'no build lost (ours)',
            lost))
    return lines
