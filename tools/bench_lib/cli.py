"""tools/bench command line."""

import argparse
import statistics
import sys

from tools.bench_lib import report


# Inputs and counts, not measurements: their ratio is 1 by construction.
_SETTINGS = ('count', 'concurrency', 'n', 'processes', 'repeat', 'servers',
             'hosts')


def _cloud(openrc):
    from tools.bench_lib import cloud
    return cloud.Cloud(openrc)


def _scenario(args, openrc):
    """:returns: a list of result dicts for one cloud."""
    if args.scenario == 'schedule':
        from tools.bench_lib import schedule
        steps = tuple(int(s) for s in args.hosts.split(','))
        return schedule.run(steps=steps, repeat=args.repeat)
    target = _cloud(openrc)
    target.unlimit_quotas()
    if args.scenario == 'list':
        from tools.bench_lib import listing
        return [listing.run(target, servers=args.servers,
                            repeat=args.repeat, flavor=args.flavor,
                            image=args.image, cleanup=args.cleanup,
                            settle_timeout=args.settle_timeout)]
    from tools.bench_lib import boot
    from tools.bench_lib import daemons
    import os
    match = args.match or os.path.dirname(os.path.abspath(openrc)) + '/'
    with daemons.Watch(match) as watch:
        result = boot.run(target, count=args.count,
                          concurrency=args.concurrency, flavor=args.flavor,
                          image=args.image)
    result['daemons'] = watch.result()
    return [result]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog='tools/bench', description='Benchmark a compute endpoint.')
    parser.add_argument('scenario', choices=(
        'boot', 'list', 'schedule', 'upstream-up', 'upstream-down',
        'upstream-status'))
    parser.add_argument('--openrc', help='admin openrc of the cloud')
    parser.add_argument('--compare', nargs=2, metavar=('OPENRC_A',
                                                       'OPENRC_B'),
                        help='run against both clouds, A B A B..., and '
                             'print B/A per metric')
    parser.add_argument('--rounds', type=int, default=2,
                        help='rounds per cloud with --compare')
    parser.add_argument('--count', type=int, default=50)
    parser.add_argument('--concurrency', type=int, default=10)
    parser.add_argument('--servers', type=int, default=50,
                        help='list: servers that must exist')
    parser.add_argument('--repeat', type=int, default=20)
    parser.add_argument('--hosts', default='10,100,1000,10000',
                        help='schedule: node counts to measure at')
    parser.add_argument('--flavor')
    parser.add_argument('--image')
    parser.add_argument('--settle-timeout', type=int, default=3600,
                        help='list: seconds to wait for new servers to '
                             'become ACTIVE')
    parser.add_argument('--cleanup', action='store_true',
                        help='list: delete the servers afterwards')
    parser.add_argument('--match',
                        help='boot: substring of the daemons\' command '
                             'lines (default: the openrc\'s directory)')
    parser.add_argument('--purge', action='store_true',
                        help='upstream-down: also drop its databases, '
                             'vhost and data directory')
    args = parser.parse_args(argv)

    if args.scenario.startswith('upstream-'):
        from tools.bench_lib import upstream
        return upstream.main(args.scenario, purge=args.purge)

    if args.compare:
        a, b = args.compare
        runs = {a: [], b: []}
        for _ in range(args.rounds):
            for openrc in (a, b):
                for result in _scenario(args, openrc):
                    result['openrc'] = openrc
                    print(report.json_line(result), flush=True)
                    runs[openrc].append(result)
        print('\nratios B/A (%s / %s), median of %d rounds:'
              % (b, a, args.rounds))
        per_round = [report.ratios(ra, rb)
                     for ra, rb in zip(runs[a], runs[b])]
        keys = sorted(set().union(*per_round)) if per_round else []
        medians = {}
        for key in keys:
            if key.rsplit('.', 1)[-1] in _SETTINGS:
                continue
            medians[key] = statistics.median(
                [r[key] for r in per_round if key in r])
            print('  %-40s %8.3f' % (key, medians[key]))
        from tools.bench_lib import targets
        lines = targets.verdicts(medians, runs[a])
        if lines:
            print('\ntargets (A = ours, B = upstream):')
            print('\n'.join(lines))
        return 0

    if args.scenario != 'schedule' and not args.openrc:
        parser.error('--openrc (or --compare) is required for %s'
                     % args.scenario)
    for result in _scenario(args, args.openrc):
        print(report.table(result))
        print(report.json_line(result), flush=True)
        print()
    return 0


if __name__ == '__main__':
    sys.exit(main())
