"""[DEFAULT] availability zone names for services and new instances."""

from oslo_config import cfg

availability_zone_opts = [
    cfg.StrOpt(
        'internal_service_availability_zone',
        default='internal',
        help="""
The availability zone shown for services other than nova-compute.

Users never boot into it; it only labels the scheduler, conductor and the
like in the zone listings.

Possible values:

* A zone name different from every real compute zone.

Related options:

* ``default_availability_zone``
"""),
    cfg.StrOpt(
        'default_availability_zone',
        default='nova',
        help="""
The availability zone of a compute host that belongs to no zoned aggregate.

Possible values:

* A zone name; it must not be ``internal_service_availability_zone``.

Related options:

* ``internal_service_availability_zone``
* ``default_schedule_zone``
"""),
    cfg.StrOpt(
        'default_schedule_zone',
        help="""
The availability zone given to a new server whose request names none.

Unset lets the scheduler pick a host in any zone, after which the server
stays pinned to that host's zone.

Possible values:

* An existing zone name, or unset.

Related options:

* ``default_availability_zone``
"""),
]

ALL_OPTS = availability_zone_opts


def register_opts(conf):
    """Register the availability zone options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the availability zone options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
