"""[conductor]: the nova-conductor service."""

from oslo_config import cfg

conductor_group = cfg.OptGroup(
    'conductor',
    title='Conductor options',
    help="""
nova-conductor runs the long orchestration flows (build, migrate, rebuild,
unshelve) and is the only path from compute hosts to the database.
""")

ALL_OPTS = [
    cfg.IntOpt(
        'workers',
        min=1,
        help="""
How many worker processes nova-conductor starts.

Possible values:

* A positive integer; unset means one per CPU.
"""),
]


def register_opts(conf):
    """Register the ``[conductor]`` group."""
    conf.register_group(conductor_group)
    conf.register_opts(ALL_OPTS, group=conductor_group)


def list_opts():
    """:returns: the ``[conductor]`` group and its options."""
    return {conductor_group: ALL_OPTS}
