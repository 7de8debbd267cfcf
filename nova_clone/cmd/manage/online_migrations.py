"""The ``db online_data_migrations`` runner and its (growing) list.

A migration is a function ``(context, max_count) -> (found, done)``: it
looks at up to ``max_count`` records needing the change and returns how
many it found and how many it fixed. Append new ones to
``ONLINE_MIGRATIONS``; the runner calls them in batches until none finds
work.
"""

from oslo_log import log as logging

from nova_clone.cmd.common import print_table
from nova_clone.i18n import _

LOG = logging.getLogger(__name__)

# NOTE: empty for now: the schema started clean in this release.
ONLINE_MIGRATIONS = ()

DEFAULT_BATCH = 50


def _run_batch(ctxt, migrations, count, summary):
    ran = 0
    errored = False
    for migration_fn in migrations:
        name = migration_fn.__name__
        try:
            found, done = migration_fn(ctxt, count)
        except Exception:
            LOG.exception('Error attempting to run %s', name)
            found = done = 0
            errored = True
        row = summary.setdefault(name, [0, 0])
        row[0] += found
        row[1] += done
        if found:
            print(_('%(total)i rows matched query %(meth)s, %(done)i '
                    'migrated') % {'total': found, 'meth': name,
                                   'done': done})
        ran += done
        if ran >= count:
            break
    return ran, errored


def run(ctxt, max_count=None, migrations=None):
    """Run the migrations; :returns: the exit code (0, 1, 2 or 127)."""
    migrations = ONLINE_MIGRATIONS if migrations is None else migrations
    if max_count is not None and max_count < 1:
        print(_('Must supply a positive value for max_count'))
        return 127
    summary = {}
    errored = False
    if max_count is None:
        print(_('Running batches of %i until complete') % DEFAULT_BATCH)
        while True:
            ran, batch_errored = _run_batch(ctxt, migrations, DEFAULT_BATCH,
                                            summary)
            errored = errored or batch_errored
            if not ran or batch_errored:
                break
        more = False
    else:
        ran, errored = _run_batch(ctxt, migrations, max_count, summary)
        more = ran >= max_count

    print_table([_('Migration'), _('Total Needed'), _('Completed')],
                [[name, found, done]
                 for name, (found, done) in sorted(summary.items())])
    if errored:
        print(_('Some migrations failed unexpectedly. Check log for '
                'details.'))
        return 2
    return 1 if more else 0
