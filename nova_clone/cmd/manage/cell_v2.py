"""``nova-manage cell_v2``: cell, host and instance mappings (cells v2)."""

import os
import sys

from oslo_config import cfg
from oslo_utils import uuidutils
import sqlalchemy.engine.url as sa_url

from nova_clone.cmd.common import args
from nova_clone.cmd.common import mask_password
from nova_clone.cmd.common import print_table
from nova_clone.cmd.manage import host_discovery
from nova_clone import context
from nova_clone.db import migration
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = cfg.CONF

# NOTE: cell0 never receives RPC; nova gives it this placeholder URL.
CELL0_TRANSPORT_URL = 'none:///'


def cell0_connection_from(connection):
    """Derive cell0's DB URL from the main one, as nova does.

    ``mysql+pymysql://u:p@h/nova`` → ``.../nova_cell0``; for SQLite files
    ``/var/lib/nova/nova.sqlite`` → ``/var/lib/nova/nova_cell0.sqlite``.

    :raises ValueError: when ``connection`` is not a database URL.
    """
    url = sa_url.make_url(connection)
    database = url.database
    if not database:
        raise ValueError(_('no database name in %s') % mask_password(
            connection))
    if url.get_backend_name() == 'sqlite':
        base, ext = os.path.splitext(database)
        return url.set(database=base + '_cell0' + ext).render_as_string(
            hide_password=False)
    return url.set(database=database + '_cell0').render_as_string(
        hide_password=False)


class CellV2Commands:
    """Commands for cells v2 setup and mappings."""

    def _validate_transport_url(self, transport_url):
        url = transport_url or CONF.transport_url
        if not url:
            print(_('Must specify --transport-url if [DEFAULT]/transport_url '
                    'is not set in the configuration file.'))
            return None
        return url

    @args('--database_connection', metavar='<database_connection>',
          help='The database connection URL for cell0; derived from '
               '[database]/connection if not given')
    def map_cell0(self, database_connection=None):
        """Create the cell0 mapping (instances that never got a host)."""
        ctxt = context.get_admin_context()
        try:
            objects.CellMapping.get_by_uuid(ctxt,
                                            objects.CellMapping.CELL0_UUID)
            print(_('Cell0 is already setup'))
            return 0
        except exception.CellMappingNotFound:
            pass
        connection = database_connection
        if not connection:
            if not CONF.database.connection:
                print(_('Must specify --database_connection if '
                        '[database]/connection is not set in the '
                        'configuration file.'), file=sys.stderr)
                return 1
            try:
                connection = cell0_connection_from(CONF.database.connection)
            except Exception as e:
                print(_('Invalid [database]/connection: %s') % e,
                      file=sys.stderr)
                return 1
        self._map_cell0(ctxt, connection)
        return 0

    @staticmethod
    def _map_cell0(ctxt, connection):
        cell0 = objects.CellMapping(
            ctxt, uuid=objects.CellMapping.CELL0_UUID, name='cell0',
            transport_url=CELL0_TRANSPORT_URL,
            database_connection=connection, disabled=False)
        cell0.create()
        return cell0

    @args('--transport-url', metavar='<transport_url>', dest='transport_url',
          help='The transport url for the cell message queue')
    def simple_cell_setup(self, transport_url=None):
        """Set up cell0 and cell1 and map the existing compute hosts.

        Exit codes: 0 set up (or already set up), 1 no transport URL.
        """
        transport_url = self._validate_transport_url(transport_url)
        if not transport_url:
            return 1
        ctxt = context.get_admin_context()
        cells = objects.CellMappingList.get_all(ctxt)
        if [c for c in cells if not c.is_cell0()]:
            print(_('Cell setup is already complete'))
            return 0
        if not [c for c in cells if c.is_cell0()]:
            self._map_cell0(ctxt, cell0_connection_from(
                CONF.database.connection))
            migration.db_sync_url(cell0_connection_from(
                CONF.database.connection), 'main')
        cell = objects.CellMapping(
            ctxt, uuid=uuidutils.generate_uuid(), name='cell1',
            transport_url=transport_url,
            database_connection=CONF.database.connection, disabled=False)
        cell.create()
        hosts = host_discovery.discover_hosts(ctxt, cell_uuid=cell.uuid)
        if not hosts:
            print(_('No hosts found to map to cell, exiting.'))
        return 0

    @args('--name', metavar='<cell_name>', help='The name of the cell')
    @args('--transport-url', metavar='<transport_url>', dest='transport_url',
          help='The transport url for the cell message queue')
    @args('--database_connection', metavar='<database_connection>',
          dest='database_connection',
          help='The database url for the cell database')
    @args('--verbose', action='store_true',
          help='Output the cell mapping uuid for any newly mapped hosts.')
    @args('--disabled', action='store_true',
          help='To create a pre-disabled cell.')
    def create_cell(self, name=None, transport_url=None,
                    database_connection=None, verbose=False,
                    disabled=False):
        """Create a cell mapping.

        Exit codes: 0 created, 1 transport URL or database connection
        missing, 2 a cell with this transport URL and database connection
        already exists.
        """
        transport_url = self._validate_transport_url(transport_url)
        if not transport_url:
            return 1
        database_connection = database_connection or CONF.database.connection
        if not database_connection:
            print(_('Must specify --database_connection if '
                    '[database]/connection is not set in the configuration '
                    'file.'))
            return 1
        ctxt = context.get_admin_context()
        for cell in objects.CellMappingList.get_all(ctxt):
            if (cell.transport_url == transport_url and
                    cell.database_connection == database_connection):
                print(_('The specified transport_url and/or '
                        'database_connection combination already exists '
                        'for another cell with uuid %s.') % cell.uuid)
                return 2
        cell = objects.CellMapping(
            ctxt, uuid=uuidutils.generate_uuid(), name=name,
            transport_url=transport_url,
            database_connection=database_connection, disabled=disabled)
        cell.create()
        if verbose:
            print(cell.uuid)
        return 0

    @args('--verbose', action='store_true',
          help='Show sensitive details, such as passwords')
    def list_cells(self, verbose=False):
        """List all the cell mappings (passwords masked unless --verbose)."""
        ctxt = context.get_admin_context()
        cells = sorted(objects.CellMappingList.get_all(ctxt),
                       key=lambda c: (c.name or '', c.uuid))
        rows = []
        for cell in cells:
            transport = cell.transport_url
            connection = cell.database_connection
            if not verbose:
                transport = mask_password(transport)
                connection = mask_password(connection)
            rows.append([cell.name, cell.uuid, transport, connection,
                         cell.disabled])
        print_table([_('Name'), _('UUID'), _('Transport URL'),
                     _('Database Connection'), _('Disabled')], rows)
        return 0

    @args('--force', action='store_true', default=False,
          help='Delete hosts and instance_mappings that belong to the cell '
               'as well.')
    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          required=True, help='The uuid of the cell to delete.')
    def delete_cell(self, cell_uuid, force=False):
        """Delete an empty cell (or, with --force, its host mappings too).

        Exit codes: 0 deleted, 1 no such cell, 2 hosts are mapped to it
        (without --force), 3 instances are mapped to it.
        """
        ctxt = context.get_admin_context()
        try:
            cell = objects.CellMapping.get_by_uuid(ctxt, cell_uuid)
        except exception.CellMappingNotFound:
            print(_('Cell with uuid %s was not found.') % cell_uuid)
            return 1
        hosts = objects.HostMappingList.get_by_cell_id(ctxt, cell.id)
        if hosts and not force:
            print(_('There are existing hosts mapped to cell with uuid '
                    '%s.') % cell_uuid)
            return 2
        instance_mappings = objects.InstanceMappingList.get_by_cell_id(
            ctxt, cell.id)
        with context.target_cell(ctxt, cell) as cctxt:
            live = []
            for mapping in instance_mappings:
                try:
                    objects.Instance.get_by_uuid(cctxt,
                                                 mapping.instance_uuid)
                    live.append(mapping)
                except exception.InstanceNotFound:
                    pass
        if live:
            print(_('There are instances mapped to cell with uuid %s.')
                  % cell_uuid)
            return 3
        for mapping in instance_mappings:
            mapping.destroy()
        for host in hosts:
            host.destroy()
        cell.destroy()
        return 0

    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          required=True, help='The uuid of the cell to update.')
    @args('--name', metavar='<cell_name>', dest='name',
          help='Set the cell name.')
    @args('--transport-url', metavar='<transport_url>', dest='transport_url',
          help='Set the cell transport_url.')
    @args('--database_connection', metavar='<database_connection>',
          dest='db_connection', help='Set the cell database_connection.')
    @args('--disable', action='store_true', dest='disable',
          help='Disables the cell.')
    @args('--enable', action='store_true', dest='enable',
          help='Enables the cell.')
    def update_cell(self, cell_uuid, name=None, transport_url=None,
                    db_connection=None, disable=False, enable=False):
        """Update a cell mapping.

        Exit codes: 0 updated, 1 no such cell, 2 the update failed, 3
        --enable and --disable together, 4 cell0 cannot be disabled.
        """
        ctxt = context.get_admin_context()
        try:
            cell = objects.CellMapping.get_by_uuid(ctxt, cell_uuid)
        except exception.CellMappingNotFound:
            print(_('Cell with uuid %s was not found.') % cell_uuid)
            return 1
        if enable and disable:
            print(_('Cell cannot be disabled and enabled at the same time.'))
            return 3
        if disable and cell.is_cell0():
            print(_('Cell0 cannot be disabled.'))
            return 4
        if name:
            cell.name = name
        if transport_url:
            cell.transport_url = transport_url
        if db_connection:
            cell.database_connection = db_connection
        if disable:
            if cell.disabled:
                print(_('The cell with uuid %s is already disabled.')
                      % cell_uuid)
            cell.disabled = True
        if enable:
            if not cell.disabled:
                print(_('The cell with uuid %s is already enabled.')
                      % cell_uuid)
            cell.disabled = False
        try:
            cell.save()
        except Exception as e:
            print(_('Unable to update CellMapping: %s') % e)
            return 2
        return 0

    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          help='If provided only this cell will be searched for new hosts '
               'to map.')
    @args('--verbose', action='store_true',
          help='Provide detailed output when discovering hosts.')
    @args('--strict', action='store_true',
          help='Considered successful (exit code 0) only when an unmapped '
               'host is discovered. Any other outcome will be considered a '
               'failure (non-zero exit code).')
    @args('--by-service', action='store_true', default=False,
          dest='by_service',
          help='Discover hosts by service instead of compute node')
    def discover_hosts(self, cell_uuid=None, verbose=False, strict=False,
                       by_service=False):
        """Map compute hosts that are not mapped to a cell yet.

        Exit codes: 0 success, 1 no cell to search (or, with --strict, no
        new host), 2 the given cell does not exist.
        """
        ctxt = context.get_admin_context()
        cells = [c for c in objects.CellMappingList.get_all(ctxt)
                 if not c.is_cell0()]
        if not cells:
            print(_('No cells are mapped: run "nova-manage cell_v2 '
                    'create_cell" (or simple_cell_setup) first.'),
                  file=sys.stderr)
            return 1
        if cell_uuid and cell_uuid not in [c.uuid for c in cells]:
            print(_('Cell with uuid %s was not found.') % cell_uuid,
                  file=sys.stderr)
            return 2

        def status(msg):
            if verbose:
                print(msg)

        hosts = host_discovery.discover_hosts(
            ctxt, cell_uuid=cell_uuid, status_fn=status,
            by_service=by_service)
        if strict:
            return 0 if hosts else 1
        return 0

    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          help='The UUID of the cell to list hosts for.')
    def list_hosts(self, cell_uuid=None):
        """List the hosts mapped to one or all cells.

        Exit codes: 0 success, 1 no such cell.
        """
        ctxt = context.get_admin_context()
        if cell_uuid:
            try:
                cells = [objects.CellMapping.get_by_uuid(ctxt, cell_uuid)]
            except exception.CellMappingNotFound:
                print(_('Cell with uuid %s was not found.') % cell_uuid)
                return 1
        else:
            cells = objects.CellMappingList.get_all(ctxt)
        rows = []
        for cell in sorted(cells, key=lambda c: (c.name or '', c.uuid)):
            for host in sorted(
                    objects.HostMappingList.get_by_cell_id(ctxt, cell.id),
                    key=lambda h: h.host):
                rows.append([cell.name, cell.uuid, host.host])
        print_table([_('Cell Name'), _('Cell UUID'), _('Hostname')], rows)
        return 0

    @args('--uuid', metavar='<instance_uuid>', dest='uuid', required=True,
          help='UUID of the instance to be verified')
    @args('--quiet', action='store_true', dest='quiet',
          help='Do not print anything')
    def verify_instance(self, uuid, quiet=False):
        """Check that an instance is mapped to a cell.

        Exit codes: 0 mapped, 1 no instance mapping, 2 mapped to no cell,
        3 deleted instance still mapped, 4 archived instance still mapped.
        """
        def say(msg):
            if not quiet:
                print(msg)

        ctxt = context.get_admin_context()
        try:
            mapping = objects.InstanceMapping.get_by_instance_uuid(ctxt, uuid)
        except exception.InstanceMappingNotFound:
            say(_('Instance %s is not mapped to a cell.') % uuid)
            return 1
        if mapping.cell_mapping is None:
            say(_('Instance %s is not mapped to a cell.') % uuid)
            return 2
        cell = mapping.cell_mapping
        with context.target_cell(ctxt, cell) as cctxt:
            cctxt.read_deleted = 'yes'
            try:
                instance = objects.Instance.get_by_uuid(cctxt, uuid)
            except exception.InstanceNotFound:
                say(_('The instance with uuid %s has been archived.') % uuid)
                return 4
        if instance.deleted:
            say(_('The instance with uuid %s has been deleted.') % uuid)
            return 3
        say(_('Instance %(instance)s is in cell: %(name)s (%(uuid)s)')
            % {'instance': uuid, 'name': cell.name, 'uuid': cell.uuid})
        return 0
