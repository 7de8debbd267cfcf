"""``nova-manage cell_v2``: cell, host and instance mappings (cells v2)."""

import os
import sys

from oslo_config import cfg
import oslo_messaging as messaging
from oslo_utils import uuidutils
import sqlalchemy.engine.url as sa_url

from nova_clone.cmd.common import args
from nova_clone.cmd.common import mask_password
from nova_clone.cmd.common import print_table
from nova_clone.cmd.manage import host_discovery
from nova_clone.cmd.manage import instance_mapping
from nova_clone import context
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


def _invalid_database_connection(connection):
    """:returns: why ``connection`` is not a database URL, or None."""
    try:
        url = sa_url.make_url(connection)
    except Exception as e:  # ArgumentError, ValueError...
        return str(e)
    if not url.drivername:
        return _('no database driver')
    return None


class CellV2Commands:
    """Commands for cells v2 setup and mappings."""

    @staticmethod
    def _validate_transport_url(transport_url):
        """:returns: the URL to use, or None (after saying why)."""
        url = transport_url or CONF.transport_url
        if not url:
            print(_('Must specify --transport-url if [DEFAULT]/transport_url '
                    'is not set in the configuration file.'))
            return None
        try:
            # NOTE: a private ConfigOpts: parsing only checks the syntax,
            # and must not (re-)register transport options on CONF.
            messaging.TransportURL.parse(cfg.ConfigOpts(), url)
        except (messaging.InvalidTransportURL, ValueError) as e:
            print(_('Invalid transport URL: %s') % e)
            return None
        return url

    @staticmethod
    def _validate_database_connection(connection):
        """:returns: the URL to use, or None (after saying why)."""
        connection = connection or CONF.database.connection
        if not connection:
            print(_('Must specify --database_connection if '
                    '[database]/connection is not set in the configuration '
                    'file.'))
            return None
        reason = _invalid_database_connection(connection)
        if reason:
            print(_('Invalid database connection %(url)s: %(reason)s')
                  % {'url': mask_password(connection), 'reason': reason})
            return None
        return connection

    @staticmethod
    def _cell0_connection(database_connection):
        """:returns: cell0's URL (given or derived), or None after an error."""
        if database_connection:
            reason = _invalid_database_connection(database_connection)
            if reason:
                print(_('Invalid database connection %(url)s: %(reason)s')
                      % {'url': mask_password(database_connection),
                         'reason': reason}, file=sys.stderr)
                return None
            return database_connection
        if not CONF.database.connection:
            print(_('Must specify --database_connection if '
                    '[database]/connection is not set in the '
                    'configuration file.'), file=sys.stderr)
            return None
        try:
            return cell0_connection_from(CONF.database.connection)
        except Exception as e:
            print(_('Invalid [database]/connection: %s') % e,
                  file=sys.stderr)
            return None

    @args('--database_connection', metavar='<database_connection>',
          help='The database connection URL for cell0; derived from '
               '[database]/connection if not given')
    def map_cell0(self, database_connection=None):
        """Create the cell0 mapping (instances that never got a host).

        Exit codes: 0 created or already there, 1 no usable database URL.
        """
        ctxt = context.get_admin_context()
        if self._get_cell0(ctxt) is not None:
            print(_('Cell0 is already setup'))
            return 0
        connection = self._cell0_connection(database_connection)
        if connection is None:
            return 1
        self._map_cell0(ctxt, connection)
        return 0

    @staticmethod
    def _get_cell0(ctxt):
        try:
            return objects.CellMapping.get_by_uuid(
                ctxt, objects.CellMapping.CELL0_UUID)
        except exception.CellMappingNotFound:
            return None

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

        Exit codes: 0 set up (or already set up), 1 no host could be
        mapped, or the transport URL or database connection is missing or
        invalid.
        """
        transport_url = self._validate_transport_url(transport_url)
        if not transport_url:
            return 1
        connection = self._validate_database_connection(None)
        if not connection:
            return 1
        ctxt = context.get_admin_context()
        cells = objects.CellMappingList.get_all(ctxt)
        if [c for c in cells if not c.is_cell0()]:
            print(_('Cell setup is already complete'))
            return 0
        if not [c for c in cells if c.is_cell0()]:
            cell0_connection = self._cell0_connection(None)
            if cell0_connection is None:
                return 1
            self._map_cell0(ctxt, cell0_connection)
        cell = objects.CellMapping(
            ctxt, uuid=uuidutils.generate_uuid(), name='cell1',
            transport_url=transport_url, database_connection=connection,
            disabled=False)
        cell.create()
        hosts = host_discovery.discover_hosts(ctxt, cell_uuid=cell.uuid)
        if not hosts:
            print(_('No hosts found to map to cell, exiting.'))
            return 1
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
        missing or invalid, 2 a cell with this transport URL and database
        connection already exists.
        """
        transport_url = self._validate_transport_url(transport_url)
        if not transport_url:
            return 1
        database_connection = self._validate_database_connection(
            database_connection)
        if not database_connection:
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
        if instance_mappings:
            with context.target_cell(ctxt, cell) as cctxt:
                live = [m for m in instance_mappings
                        if self._instance_exists(cctxt, m.instance_uuid)]
            if live:
                print(_('There are instances mapped to cell with uuid %s.')
                      % cell_uuid)
                return 3
            if not force:
                print(_('There are instance mappings to cell with uuid %s, '
                        'but all instances have been deleted in the cell.')
                      % cell_uuid)
                print(_('So execute \'nova-manage db archive_deleted_rows\' '
                        'to delete the instance mappings.'))
                return 4
        for mapping in instance_mappings:
            mapping.destroy()
        for host in hosts:
            host.destroy()
        cell.destroy()
        return 0

    @staticmethod
    def _instance_exists(cctxt, instance_uuid):
        try:
            objects.Instance.get_by_uuid(cctxt, instance_uuid)
        except exception.InstanceNotFound:
            return False
        return True

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
        another cell already uses this transport URL and database
        connection, 4 --enable and --disable together, 5 --enable or
        --disable on cell0.
        """
        ctxt = context.get_admin_context()
        try:
            cell = objects.CellMapping.get_by_uuid(ctxt, cell_uuid)
        except exception.CellMappingNotFound:
            print(_('Cell with uuid %s was not found.') % cell_uuid)
            return 1
        if enable and disable:
            print(_('Cell cannot be disabled and enabled at the same time.'))
            return 4
        if (enable or disable) and cell.is_cell0():
            print(_('Cell0 cannot be disabled.') if disable else
                  _('Cell0 cannot be enabled.'))
            return 5
        if transport_url and not self._validate_transport_url(
                transport_url):
            return 2
        if db_connection and not self._validate_database_connection(
                db_connection):
            return 2
        new_transport = transport_url or cell.transport_url
        new_connection = db_connection or cell.database_connection
        if transport_url or db_connection:
            for other in objects.CellMappingList.get_all(ctxt):
                if other.uuid == cell.uuid:
                    continue
                if (other.transport_url == new_transport and
                        other.database_connection == new_connection):
                    print(_('The specified transport_url and/or '
                            'database_connection combination already '
                            'exists for another cell with uuid %s.')
                          % other.uuid)
                    return 3
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

        Exit codes: 0 success (or nothing to map), 1 nothing mapped with
        --strict, no cell to search or the cell does not exist, 2 another
        discovery mapped the same host at the same time (safe to retry).
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
            return 1

        def status(msg):
            if verbose:
                print(msg)

        try:
            hosts = host_discovery.discover_hosts(
                ctxt, cell_uuid=cell_uuid, status_fn=status,
                by_service=by_service)
        except exception.HostMappingExists as exp:
            print(_('ERROR: Duplicate host mapping was encountered. This '
                    'command should be run once after all compute hosts '
                    'have been deployed and should not be run in parallel. '
                    'When run in parallel, the commands will collide with '
                    'each other trying to map the same hosts in the '
                    'database at the same time. Error: %s') % exp,
                  file=sys.stderr)
            return 2
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

    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          required=True, help='Unmigrated instances will be mapped to the '
                              'cell with the uuid provided.')
    @args('--max-count', metavar='<max_count>', dest='max_count', type=int,
          help='Maximum number of instances to map. If not set, all '
               'instances in the cell will be mapped in batches of 50.')
    @args('--reset', action='store_true', dest='reset_marker',
          help='Start from the oldest instance again (kept for nova '
               'compatibility: every run looks for unmapped instances).')
    def map_instances(self, cell_uuid, max_count=None, reset_marker=False):
        """Map the instances of a cell's database to that cell.

        Exit codes: 0 every instance is mapped, 1 more remain (run again),
        127 invalid --max-count.
        """
        if max_count is not None and max_count < 1:
            print(_('Must supply a positive value for max-count'))
            return 127
        ctxt = context.get_admin_context()
        try:
            cell = objects.CellMapping.get_by_uuid(ctxt, cell_uuid)
        except exception.CellMappingNotFound:
            print(_('Cell with uuid %s was not found.') % cell_uuid)
            return 1
        mapped, remaining = instance_mapping.map_instances(
            ctxt, cell, max_count)
        if mapped:
            print(_('%d instance(s) mapped to cell %s.') % (mapped, cell_uuid))
        return 1 if remaining else 0

    @args('--cell_uuid', metavar='<cell_uuid>', dest='cell_uuid',
          required=True, help='The uuid of the cell.')
    @args('--host', metavar='<host>', dest='host', required=True,
          help='The host to delete.')
    def delete_host(self, cell_uuid, host):
        """Delete an empty host's mapping from a cell.

        Exit codes: 0 deleted, 1 no such cell, 2 no such host mapping, 3
        the host is mapped to another cell, 4 the host has instances.
        """
        ctxt = context.get_admin_context()
        try:
            cell = objects.CellMapping.get_by_uuid(ctxt, cell_uuid)
        except exception.CellMappingNotFound:
            print(_('Cell with uuid %s was not found.') % cell_uuid)
            return 1
        try:
            mapping = objects.HostMapping.get_by_host(ctxt, host)
        except exception.HostMappingNotFound:
            print(_('The host %s was not found.') % host)
            return 2
        if mapping.cell_mapping.uuid != cell.uuid:
            print(_('The host %(host)s was not found in the cell '
                    '%(cell_uuid)s.') % {'host': host,
                                         'cell_uuid': cell_uuid})
            return 3
        with context.target_cell(ctxt, cell) as cctxt:
            if objects.InstanceList.get_uuids_by_host(cctxt, host):
                print(_('There are instances on the host %s.') % host)
                return 4
            # NOTE: let a later discover_hosts map the nodes again.
            try:
                nodes = objects.ComputeNodeList.get_all_by_host(cctxt, host)
            except exception.ComputeHostNotFound:
                nodes = []
            for node in nodes:
                node.mapped = 0
                node.save()
        mapping.destroy()
        return 0
