"""[database]: the cell (main) database, through oslo.db's options."""

from oslo_config import cfg
from oslo_db import options as oslo_db_options

database_group = cfg.OptGroup(
    'database',
    title='Main (cell) database options',
    help="""
The *cell* database: instances, compute nodes, services, migrations and the
other per-cell tables. Each cell has its own; the one named here is the
database of the cell this service belongs to (cell0's URL is derived from it
by ``nova-manage cell_v2 map_cell0`` unless given).

nova-compute must not have this option: it reaches the database through
nova-conductor only.
""")


def register_opts(conf):
    """Register the oslo.db options under ``[database]``."""
    oslo_db_options.set_defaults(conf)
    conf.register_group(database_group)


def list_opts():
    """:returns: the [database] group and its options for the generator."""
    return {database_group: oslo_db_options.database_opts}
