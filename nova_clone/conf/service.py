"""[DEFAULT] service heartbeat, periodic tasks and the API listeners."""

from oslo_config import cfg

service_opts = [
    cfg.IntOpt(
        'report_interval',
        default=10,
        help="""
Seconds between two heartbeats of a service.

Each heartbeat updates the service's record so others can tell it is
alive. It must be shorter than ``service_down_time``, or services will
flap between up and down.

Possible values:

* A positive number of seconds; 0 or less disables the heartbeat.

Related options:

* ``service_down_time``
"""),
    cfg.IntOpt(
        'service_down_time',
        default=60,
        help="""
Seconds without a heartbeat after which a service is considered down.

The scheduler ignores compute hosts whose service is down, and the
services API reports them as down.

Possible values:

* A number of seconds larger than ``report_interval``.

Related options:

* ``report_interval``
"""),
    cfg.BoolOpt(
        'periodic_enable',
        default=True,
        help="""
Run this service's periodic tasks.

Turn it off only on extra workers of a service whose periodic work is
already done elsewhere.

Related options:

* ``periodic_fuzzy_delay``
"""),
    cfg.IntOpt(
        'periodic_fuzzy_delay',
        default=60,
        min=0,
        help="""
The longest random delay, in seconds, before periodic tasks first run.

Spreading the first run keeps many services started together from hitting
the database and message bus at the same moment.

Possible values:

* 0 to start at once, or a positive number of seconds.

Related options:

* ``periodic_enable``
"""),
    cfg.ListOpt(
        'enabled_apis',
        item_type=cfg.types.String(choices=['osapi_compute', 'metadata']),
        default=['osapi_compute', 'metadata'],
        help="""
The APIs that the ``nova-api`` daemon serves.

Possible values:

* Any of ``osapi_compute`` and ``metadata``.

Related options:

* ``osapi_compute_listen``, ``metadata_listen``
"""),
    cfg.ListOpt(
        'enabled_ssl_apis',
        default=[],
        help="""
The APIs, among ``enabled_apis``, that ``nova-api`` serves over TLS.

Possible values:

* A subset of ``enabled_apis``.

Related options:

* ``[wsgi] ssl_cert_file``, ``[wsgi] ssl_key_file``
"""),
    cfg.StrOpt(
        'osapi_compute_listen',
        default='0.0.0.0',
        help="""
The address the compute API listens on.

Possible values:

* An IP address; ``0.0.0.0`` listens on all IPv4 interfaces.

Related options:

* ``osapi_compute_listen_port``
"""),
    cfg.PortOpt(
        'osapi_compute_listen_port',
        default=8774,
        help="""
The TCP port the compute API listens on.

Possible values:

* A port number.

Related options:

* ``osapi_compute_listen``
"""),
    cfg.IntOpt(
        'osapi_compute_workers',
        min=1,
        help="""
How many worker processes serve the compute API.

Possible values:

* A positive integer; unset means one per CPU.
"""),
    cfg.StrOpt(
        'metadata_listen',
        default='0.0.0.0',
        help="""
The address the metadata API listens on.

Possible values:

* An IP address; ``0.0.0.0`` listens on all IPv4 interfaces.

Related options:

* ``metadata_listen_port``
"""),
    cfg.PortOpt(
        'metadata_listen_port',
        default=8775,
        help="""
The TCP port the metadata API listens on.

Possible values:

* A port number.

Related options:

* ``metadata_listen``
"""),
    cfg.IntOpt(
        'metadata_workers',
        min=1,
        help="""
How many worker processes serve the metadata API.

Possible values:

* A positive integer; unset means one per CPU.
"""),
]

ALL_OPTS = service_opts


def register_opts(conf):
    """Register the service options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the service options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
