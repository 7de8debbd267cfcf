"""Command-line and config-file parsing shared by every binary."""

from oslo_log import log
import oslo_messaging

from nova_clone import conf as nova_conf
from nova_clone import version

CONF = nova_conf.CONF

# NOTE: the log levels nova quiets by default; our libraries are chatty at
# DEBUG and an operator debugging nova_clone rarely wants their traffic.
_EXTRA_DEFAULT_LOG_LEVELS = [
    'glanceclient=WARN',
    'oslo.privsep.daemon=INFO',
    'stevedore=INFO',
    'alembic=WARN',
]


def register_messaging_opts(conf):
    """Register oslo.messaging's [DEFAULT] options (``transport_url``...).

    oslo.messaging only registers them when a transport is created, but
    tools like nova-manage read ``transport_url`` without creating one.
    """
    # NOTE: the very Opt objects oslo.messaging registers itself (not the
    # copies its list_opts() hands out), with nova's exchange as default,
    # so a later get_rpc_transport(conf) finds them already registered
    # instead of failing with DuplicateOptError.
    from oslo_messaging import transport as messaging_transport
    oslo_messaging.set_transport_defaults(control_exchange='nova')
    conf.register_opts(messaging_transport._transport_opts)


def parse_args(argv, default_config_files=None, configure_db=True):
    """Parse ``argv`` and config files into CONF and set up logging.

    :param argv: the full argv (``argv[0]`` is the program name).
    :param default_config_files: files to read when no ``--config-file`` is
        given; oslo.config's default (``/etc/nova/nova.conf`` and friends)
        when ``None``.
    :param configure_db: apply ``[database]``/``[api_database]`` to the
        enginefacades (services with no DB access pass False).
    """
    log.register_options(CONF)
    register_messaging_opts(CONF)
    log.set_defaults(default_log_levels=(
        log.get_default_log_levels() + _EXTRA_DEFAULT_LOG_LEVELS))
    CONF(argv[1:],
         project='nova',
         version=version.version_string_with_package(),
         default_config_files=default_config_files)
    if configure_db:
        # NOTE: imported late so programs without DB access never load it.
        from nova_clone.db.api import api as api_db_api
        from nova_clone.db.main import api as main_db_api
        api_db_api.configure(CONF)
        main_db_api.configure(CONF)


def setup_logging(binary):
    """Set up oslo.log for ``binary`` the same way in every program."""
    log.setup(CONF, binary, version=version.version_string_with_package())
