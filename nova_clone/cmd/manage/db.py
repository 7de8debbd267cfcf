"""``nova-manage db``: cell schema, archiving, purging, data migrations."""

import sys

from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_log import log as logging

from nova_clone.cmd.common import args
from nova_clone.cmd.common import parse_date
from nova_clone.cmd.common import print_table
from nova_clone.cmd.manage import api_cleanup
from nova_clone.cmd.manage import online_migrations
from nova_clone import concurrency
from nova_clone import context
from nova_clone.db.main.api import archive
from nova_clone.db import migration
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class DbCommands:
    """Class for managing the main database."""

    @args('version', nargs='?', default=None,
          help='Database version (alembic revision) to sync to')
    @args('--local_cell', action='store_true', default=False,
          help='Only sync db in the local cell: do not attempt to fan-out '
               'to all cells')
    def sync(self, version=None, local_cell=False):
        """Sync the cell database schema (and cell0's unless --local_cell)."""
        if not local_cell:
            ctxt = context.get_admin_context()
            try:
                cell0 = objects.CellMapping.get_by_uuid(
                    ctxt, objects.CellMapping.CELL0_UUID)
                with context.target_cell(ctxt, cell0) as cctxt:
                    migration.db_sync(version, context=cctxt)
            except exception.CellMappingNotFound:
                print(_('WARNING: cell0 mapping not found - not syncing '
                        'cell0.'))
            except Exception as e:
                print(_('ERROR: Could not access cell0.\nHas the nova_api '
                        'database been created?\nHas the nova_cell0 '
                        'database been created?\nHas "nova-manage api_db '
                        'sync" been run?\nHas "nova-manage cell_v2 '
                        'map_cell0" been run?\nIs [api_database]/connection '
                        'set in nova.conf?\nIs the cell0 database connection '
                        'URL correct?\nError: %s') % e, file=sys.stderr)
                return 1
        migration.db_sync(version)
        return 0

    def version(self):
        """Print the current cell database version."""
        print(migration.db_version())
        return 0

    @args('--max_rows', type=int, dest='max_rows', default=1000,
          help='Maximum number of deleted rows to archive per table '
               '(default: 1000)')
    @args('--verbose', action='store_true', default=False,
          help='Print how many rows were archived per table')
    @args('--until-complete', action='store_true', dest='until_complete',
          default=False,
          help='Run continuously until all deleted rows are archived. Use '
               'max_rows as a batch size for each iteration.')
    @args('--before', metavar='<date>', default=None,
          help='Archive only rows deleted before this date')
    @args('--all-cells', action='store_true', dest='all_cells',
          default=False, help='Run command across all cells.')
    @args('--task-log', action='store_true', dest='task_log', default=False,
          help='Also archive task_log records')
    @args('--sleep', type=int, default=0,
          help='Seconds to wait between batches with --until-complete')
    @args('--purge', action='store_true', default=False,
          help='Purge all data from shadow tables after archive completes')
    def archive_deleted_rows(self, max_rows=1000, verbose=False,
                             until_complete=False, before=None,
                             all_cells=False, task_log=False, sleep=0,
                             purge=False):
        """Move soft-deleted rows from production tables to shadow tables.

        Exit codes: 0 nothing archived, 1 rows archived, 2 invalid
        --max_rows, 3 the API database is unreachable, 4 invalid --before,
        255 unexpected error.
        """
        if max_rows is None or max_rows < 1 or max_rows > sys.maxsize:
            print(_('Must supply a positive value for max_rows'),
                  file=sys.stderr)
            return 2
        before_date = None
        if before is not None:
            try:
                before_date = parse_date(before)
            except ValueError as e:
                print(_('Invalid value for --before: %s') % e,
                      file=sys.stderr)
                return 4
        ctxt = context.get_admin_context()
        try:
            # NOTE: archiving also removes API-DB records of archived
            # instances, so the API database must be reachable first.
            cells = objects.CellMappingList.get_all(ctxt)
        except (db_exc.DBError, exception.NovaException) as e:
            print(_('Failed to connect to API DB so aborting this archival '
                    'attempt. Please check your config file to make sure '
                    'that [api_database]/connection is set and run this '
                    'command again. Error: %s') % e, file=sys.stderr)
            return 3
        targets = (list(cells) if all_cells else [None])

        totals = {}
        for cell in targets:
            label = cell.name if cell is not None else None
            if cell is not None:
                with context.target_cell(ctxt, cell) as cctxt:
                    counts = self._archive_cell(
                        cctxt, max_rows, until_complete, before_date,
                        task_log, sleep, verbose)
            else:
                counts = self._archive_cell(
                    ctxt, max_rows, until_complete, before_date, task_log,
                    sleep, verbose)
            for table, count in counts.items():
                key = '%s.%s' % (label, table) if label else table
                totals[key] = totals.get(key, 0) + count

        if verbose:
            if totals:
                print_table([_('Table'), _('Number of Rows Archived')],
                            sorted(totals.items()))
            else:
                print(_('Nothing was archived.'))
        archived_any = sum(totals.values()) > 0
        if purge:
            self._purge_all(ctxt, targets, verbose)
        return 1 if archived_any else 0

    def _archive_cell(self, ctxt, max_rows, until_complete, before_date,
                      task_log, sleep, verbose):
        counts = {}
        while True:
            per_table, uuids, total = archive.archive_deleted_rows(
                ctxt, max_rows=max_rows, before=before_date,
                task_log=task_log)
            for table, count in per_table.items():
                counts[table] = counts.get(table, 0) + count
            if uuids:
                for table, count in api_cleanup.remove_instance_records(
                        ctxt, uuids).items():
                    key = 'API_DB.' + table
                    counts[key] = counts.get(key, 0) + count
            if until_complete and verbose and total:
                sys.stdout.write('.')
                sys.stdout.flush()
            if not until_complete or total == 0:
                break
            if sleep:
                concurrency.sleep(sleep)
        if until_complete and verbose and counts:
            print()
            print(_('Archiving.....complete'))
        return counts

    def _purge_all(self, ctxt, targets, verbose):
        for cell in targets:
            if cell is not None:
                with context.target_cell(ctxt, cell) as cctxt:
                    archive.purge_shadow_tables(
                        cctxt, None, status_fn=self._status(cell, verbose))
            else:
                archive.purge_shadow_tables(
                    ctxt, None, status_fn=self._status(None, verbose))

    @staticmethod
    def _status(cell, verbose):
        identity = cell.identity if cell is not None else _('local cell')

        def status(msg):
            if verbose:
                print('%s: %s' % (identity, msg))
        return status

    @args('--before', metavar='<before>', default=None,
          help='Purge shadow-table rows older than this date')
    @args('--all', dest='purge_all', action='store_true', default=False,
          help='Purge all rows in the shadow tables')
    @args('--verbose', action='store_true', default=False,
          help='Print information about purged records')
    @args('--all-cells', dest='all_cells', action='store_true',
          default=False, help='Run against all cell databases')
    def purge(self, before=None, purge_all=False, verbose=False,
              all_cells=False):
        """Delete rows from the shadow tables.

        Exit codes: 0 rows deleted, 1 neither --before nor --all, 2 invalid
        --before, 3 nothing deleted, 4 the API database is unreachable
        (with --all-cells).
        """
        if before is None and not purge_all:
            print(_('Either --before or --all is required'),
                  file=sys.stderr)
            return 1
        before_date = None
        if before is not None:
            try:
                before_date = parse_date(before)
            except ValueError as e:
                print(_('Invalid value for --before: %s') % e,
                      file=sys.stderr)
                return 2
        ctxt = context.get_admin_context()
        deleted = 0
        if all_cells:
            try:
                cells = objects.CellMappingList.get_all(ctxt)
            except (db_exc.DBError, exception.NovaException) as e:
                print(_('Unable to get cell list from API DB. Is it '
                        'configured? Error: %s') % e, file=sys.stderr)
                return 4
            for cell in cells:
                with context.target_cell(ctxt, cell) as cctxt:
                    deleted += archive.purge_shadow_tables(
                        cctxt, before_date,
                        status_fn=self._status(cell, verbose))
        else:
            deleted = archive.purge_shadow_tables(
                ctxt, before_date, status_fn=self._status(None, verbose))
        if deleted:
            return 0
        if verbose:
            print(_('No rows were deleted'))
        return 3

    @args('--max-count', type=int, dest='max_count', default=None,
          help='Maximum number of objects to consider')
    def online_data_migrations(self, max_count=None):
        """Run the online data migrations in batches.

        Exit codes: 0 everything migrated, 1 more remains (run again),
        2 a migration failed, 127 invalid --max-count.
        """
        return online_migrations.run(
            context.get_admin_context(), max_count)
