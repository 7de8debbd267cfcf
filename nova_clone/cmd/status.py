"""nova-status: ``nova-status upgrade check`` readiness checks.

Exit codes (oslo.upgradecheck): 0 every check passed, 1 at least one
warning, 2 at least one failure, 255 a check crashed.
"""

import sys

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_upgradecheck import upgradecheck
from oslo_utils import versionutils
from sqlalchemy import exc as sa_exc

from nova_clone import config
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects

CONF = cfg.CONF

# NOTE: the newest Placement microversion any nova_clone service sends.
MIN_PLACEMENT_MICROVERSION = '1.39'

# NOTE: seconds to wait for a TCP connection to Placement: an absent
# service must fail the check at once, not hang the upgrade procedure.
PLACEMENT_CONNECT_TIMEOUT = 5
# NOTE: used when [placement] timeout is unset.
PLACEMENT_READ_TIMEOUT = 30

# NOTE: the oldest nova-compute service version this release can talk to.
OLDEST_SUPPORTED_SERVICE_VERSION = 1

# NOTE: as oslo.upgradecheck: not to be confused with a check's result.
EXIT_ERROR = 255

# NOTE: what a check may get from a database it cannot use: oslo.db's
# errors, ours (bad or unset URL), and SQLAlchemy's for a malformed URL.
_DB_ERRORS = (db_exc.DBError, db_exc.CantStartEngineError,
              exception.NovaException, sa_exc.SQLAlchemyError)

Code = upgradecheck.Code
Result = upgradecheck.Result


class UpgradeCommands(upgradecheck.UpgradeCommands):
    """The checks behind ``nova-status upgrade check``."""

    def _check_cellsv2(self):
        """Cell mappings exist (cell0 and at least one compute cell)."""
        if not CONF.api_database.connection:
            return Result(Code.FAILURE, _(
                'API Database connection is not configured: set '
                '[api_database]/connection in nova.conf.'))
        ctxt = nova_context.get_admin_context()
        try:
            cells = objects.CellMappingList.get_all(ctxt)
        except _DB_ERRORS as e:
            return Result(Code.FAILURE, _(
                'Unable to read cell mappings from the API database: %s')
                % e)
        if len(cells) < 2:
            if not cells:
                return Result(Code.FAILURE, _(
                    'There needs to be at least two cell mappings, one for '
                    'cell0 and one for your compute cells. Run command '
                    "'nova-manage cell_v2 simple_cell_setup' and then "
                    'retry.'))
        if not any(c.is_cell0() for c in cells):
            return Result(Code.FAILURE, _(
                "No cell0 mapping found. Run command 'nova-manage cell_v2 "
                "map_cell0' and then retry."))
        if not [c for c in cells if not c.is_cell0()]:
            return Result(Code.FAILURE, _(
                'There needs to be at least one cell mapping besides cell0. '
                "Run command 'nova-manage cell_v2 create_cell' and then "
                'retry.'))
        host_mappings = objects.HostMappingList.get_all(ctxt)
        if not host_mappings:
            nodes = 0
            for cell in cells:
                if cell.is_cell0():
                    continue
                with nova_context.target_cell(ctxt, cell) as cctxt:
                    nodes += len(objects.ComputeNodeList.get_all(cctxt))
            if nodes:
                return Result(Code.FAILURE, _(
                    "No host mappings found but there are compute nodes. "
                    "Run command 'nova-manage cell_v2 discover_hosts' and "
                    'then retry.'))
            return Result(Code.SUCCESS, _(
                'No host mappings or compute nodes were found. Remember to '
                "run command 'nova-manage cell_v2 discover_hosts' when new "
                'compute hosts are deployed.'))
        return Result(Code.SUCCESS)

    def _placement_adapter(self):
        session = ks_loading.load_session_from_conf_options(
            CONF, 'placement')
        auth = ks_loading.load_auth_from_conf_options(CONF, 'placement')
        if auth is None:
            raise ks_exc.MissingAuthPlugin()
        return ks_loading.load_adapter_from_conf_options(
            CONF, 'placement', session=session, auth=auth,
            min_version=None, max_version=None)

    def _check_placement(self):
        """Placement is reachable and new enough for nova_clone."""
        try:
            adapter = self._placement_adapter()
            # NOTE: no retries: an operator running this wants an answer now,
            # and the session's [placement] timeout bounds the wait.
            resp = adapter.get(
                '/', raise_exc=True, connect_retries=0, status_code_retries=0,
                timeout=(PLACEMENT_CONNECT_TIMEOUT,
                         adapter.session.timeout or PLACEMENT_READ_TIMEOUT))
            versions = resp.json().get('versions', [])
            max_version = versions[0]['max_version'] if versions else '1.0'
        except ks_exc.MissingAuthPlugin:
            return Result(Code.FAILURE, _(
                'No credentials specified for placement API in nova.conf.'))
        except ks_exc.Unauthorized:
            return Result(Code.FAILURE, _(
                'Placement service credentials do not work.'))
        except ks_exc.EndpointNotFound:
            return Result(Code.FAILURE, _(
                'Placement API endpoint not found.'))
        except ks_exc.DiscoveryFailure:
            return Result(Code.FAILURE, _(
                'Discovery for placement API URI failed.'))
        except ks_exc.NotFound:
            return Result(Code.FAILURE, _(
                'Placement API does not seem to be running.'))
        except (ks_exc.ConnectFailure, ks_exc.ConnectTimeout) as e:
            return Result(Code.FAILURE, _(
                'Unable to connect to the Placement API: %s') % e)
        if (versionutils.convert_version_to_tuple(max_version) <
                versionutils.convert_version_to_tuple(
                    MIN_PLACEMENT_MICROVERSION)):
            return Result(Code.FAILURE, _(
                'Placement API version %(needed)s needed, you have '
                '%(current)s.') % {'needed': MIN_PLACEMENT_MICROVERSION,
                                   'current': max_version})
        return Result(Code.SUCCESS)

    def _check_old_computes(self):
        """No nova-compute older than this release supports is running."""
        if not CONF.api_database.connection:
            return Result(Code.SUCCESS, _(
                'API database not configured; skipped.'))
        ctxt = nova_context.get_admin_context()
        try:
            cells = objects.CellMappingList.get_all(ctxt)
        except _DB_ERRORS:
            return Result(Code.SUCCESS, _('Cell mappings unreadable; '
                                          'skipped.'))
        oldest = None
        for cell in cells:
            if cell.is_cell0():
                continue
            try:
                with nova_context.target_cell(ctxt, cell) as cctxt:
                    version = objects.Service.get_minimum_version(
                        cctxt, 'nova-compute')
            except _DB_ERRORS as e:
                return Result(Code.WARNING, _(
                    'Unable to read the compute service versions of cell '
                    '%(cell)s: %(error)s') % {'cell': cell.identity,
                                              'error': e})
            if version and (oldest is None or version < oldest):
                oldest = version
        if oldest is not None and oldest < OLDEST_SUPPORTED_SERVICE_VERSION:
            return Result(Code.WARNING, _(
                'Current nova_clone version does not support computes older '
                'than service version %(oldest)d but the minimum compute '
                'service level in your system is %(current)d.')
                % {'oldest': OLDEST_SUPPORTED_SERVICE_VERSION,
                   'current': oldest})
        return Result(Code.SUCCESS)

    def _check_service_user_token(self):
        """The service user token is sent (CVE-2023-2088 hardening)."""
        if not CONF.service_user.send_service_user_token:
            return Result(Code.FAILURE, _(
                'Service user token configuration is required for all Nova '
                'services. Set [service_user] send_service_user_token = '
                'True and configure the [service_user] credentials.'))
        return Result(Code.SUCCESS)

    _upgrade_checks = (
        (_('Cells v2'), _check_cellsv2),
        (_('Placement API'), _check_placement),
        (_('Older than N-1 computes'), _check_old_computes),
        (_('Service User Token Configuration'), _check_service_user_token),
    )


def register_cli_opts(conf, command):
    """Register ``upgrade check [--json]`` on ``conf`` (idempotent).

    NOTE: CLI options can only be registered while nothing is parsed; a
    parse starts by clearing the previous one anyway, so clear first (the
    functional tests run this entry point many times in one process).
    """
    conf.clear()
    if 'command' not in conf:
        upgradecheck.register_cli_options(conf, command)


def main(argv=None):
    """Entry point of ``nova-status``; :returns: the exit code."""
    argv = list(sys.argv if argv is None else argv)
    objects.register_all()
    register_cli_opts(CONF, UpgradeCommands())
    try:
        config.parse_args(argv)
    except cfg.ConfigFilesNotFoundError as e:
        print(_('Failed to read configuration file(s): %s')
              % ', '.join(e.config_files), file=sys.stderr)
        return EXIT_ERROR
    except cfg.Error as e:
        print(_('Invalid configuration: %s') % e, file=sys.stderr)
        return EXIT_ERROR
    config.setup_logging('nova-status')
    # NOTE: upgradecheck reads --json from its module-level CONF.
    upgradecheck.CONF = CONF
    return upgradecheck.run(CONF)
