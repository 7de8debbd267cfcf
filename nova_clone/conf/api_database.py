"""[api_database]: the global API database (oslo.db option set)."""

import copy

from oslo_config import cfg
from oslo_db import options as oslo_db_options

api_db_group = cfg.OptGroup(
    'api_database',
    title='API database options',
    help="""
The *API* database holds what is global to a deployment: cell, host and
instance mappings, flavors, key pairs, aggregates, server groups, quotas,
request specs and build requests. Only nova-api, nova-scheduler and the
super-conductor need it.
""")


def _api_db_opts():
    # NOTE: the options are oslo.db's own, copied so the two groups do not
    # share Opt objects (a default set on one must not leak into the other).
    opts = copy.deepcopy(oslo_db_options.database_opts)
    for opt in opts:
        if opt.name == 'connection':
            opt.help = ('The SQLAlchemy connection string to use to connect '
                        'to the API database.')
    return opts


API_DB_OPTS = _api_db_opts()


def register_opts(conf):
    """Register the oslo.db option set under ``[api_database]``."""
    conf.register_opts(API_DB_OPTS, group=api_db_group)


def list_opts():
    """:returns: the [api_database] group and its options."""
    return {api_db_group: API_DB_OPTS}
