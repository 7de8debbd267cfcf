"""[DEFAULT] general options that belong to no particular service."""

from oslo_config import cfg
from oslo_service import opts as service_opts

# NOTE: oslo.service gives services 60 seconds to stop; that is too short for
# a compute host finishing its in-flight work, so nova raises it to 180.
GRACEFUL_SHUTDOWN_TIMEOUT = 180

base_options = [
    cfg.IntOpt(
        'password_length',
        default=12,
        min=0,
        help="""
The length of admin passwords the API generates for new servers.

Possible values:

* Zero or a positive number of characters.
"""),
    cfg.StrOpt(
        'instance_usage_audit_period',
        default='month',
        regex='^(hour|month|day|year)(@([0-9]+))?$',
        help="""
The period that each instance usage audit covers.

A period may carry an offset after an ``@``, which shifts where each period
starts.

Possible values:

* ``hour``, ``day``, ``month`` or ``year``.
* A period with an offset, e.g. ``month@15`` for audits running from the
  15th of one month to the 15th of the next.

Related options:

* ``instance_usage_audit``
"""),
    cfg.BoolOpt(
        'use_rootwrap_daemon',
        default=False,
        help="""
Run privileged commands through a long-lived rootwrap daemon.

Starting ``sudo nova-rootwrap`` for each command is slow; the daemon pays
that price once. Usually turned on for compute hosts.

Related options:

* ``rootwrap_config``
"""),
    cfg.StrOpt(
        'rootwrap_config',
        default='/etc/nova/rootwrap.conf',
        help="""
The rootwrap configuration file.

Rootwrap lets the unprivileged service user run a fixed list of commands as
root; this file must be the one that the sudoers entry names.

Possible values:

* An absolute file path.
"""),
    cfg.StrOpt(
        'tempdir',
        help="""
The directory for temporary files.

Possible values:

* An absolute directory path; unset means the system default.
"""),
    cfg.IntOpt(
        'manager_shutdown_timeout',
        default=160,
        min=0,
        help="""
How long, in seconds, a manager waits for in-flight work when stopping.

During a graceful shutdown the service first lets running tasks finish for
up to this long, then goes on with the rest of the shutdown. Keep it below
the overall graceful shutdown timeout.

Possible values:

* 0: do not wait for in-flight tasks.
* A positive number of seconds.

Related options:

* ``[DEFAULT] graceful_shutdown_timeout``
"""),
]

ALL_OPTS = base_options


def register_opts(conf):
    """Register the general options and raise oslo.service's stop timeout."""
    service_opts.set_service_opts_defaults(
        conf, graceful_shutdown_timeout=GRACEFUL_SHUTDOWN_TIMEOUT)
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the general options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
