"""[DEFAULT] long_rpc_timeout for the RPC calls known to be slow."""

from oslo_config import cfg

rpc_opts = [
    cfg.IntOpt(
        'long_rpc_timeout',
        default=1800,
        help="""
The timeout, in seconds, for RPC calls that are expected to take long.

A few calls (for example the pre-checks of a live migration, or the
scheduler's ``select_destinations``) may legitimately outlast
``rpc_response_timeout``; they use this value instead. A heartbeat keeps the
caller informed that the other side is still working.

Possible values:

* A positive number of seconds.

Related options:

* ``rpc_response_timeout`` (oslo.messaging)
"""),
]

ALL_OPTS = rpc_opts


def register_opts(conf):
    """Register the RPC options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the RPC options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
