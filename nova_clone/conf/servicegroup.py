"""[DEFAULT] servicegroup_driver: how services prove they are alive."""

from oslo_config import cfg

SERVICEGROUP_OPTS = [
    cfg.StrOpt(
        'servicegroup_driver',
        default='db',
        choices=[
            ('db', 'Heartbeats are written to the services table.'),
            ('mc', ('Heartbeats are kept in memcached; needs the [cache] '
                    'group to point at a memcached server.')),
        ],
        help="""
Where service heartbeats are stored and read.

The choice decides how the services API and the scheduler learn whether a
service is up.

Possible values:

* ``db`` or ``mc`` (see the choices).

Related options:

* ``report_interval``
* ``service_down_time``
"""),
]

ALL_OPTS = SERVICEGROUP_OPTS


def register_opts(conf):
    """Register the servicegroup option in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the servicegroup option under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
