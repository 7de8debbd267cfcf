"""[DEFAULT] concurrency_backend and the sizes of the worker pools."""

from oslo_config import cfg

BACKEND_CHOICES = ('auto', 'threading', 'eventlet')

concurrency_opts = [
    cfg.StrOpt(
        'concurrency_backend',
        default='auto',
        choices=[
            ('auto', ('Each binary picks its own default: native threads '
                      'for the API, scheduler, conductor and compute '
                      'services, eventlet for the console proxies and the '
                      'command-line tools.')),
            ('threading', ('Run with native threads; eventlet is never '
                           'imported or patched in.')),
            ('eventlet', ('Run with eventlet green threads and monkey '
                          'patching. Deprecated: eventlet support is going '
                          'away.')),
        ],
        help="""
How a service runs its concurrent work.

The value is read very early, before anything else is imported, because
eventlet's monkey patching must happen first or not at all. An explicit
value overrides each binary's own default for every service reading this
file. The ``OS_NOVA_DISABLE_EVENTLET_PATCHING`` environment variable, when
set, wins over this option.

Possible values:

* ``auto``, ``threading`` or ``eventlet`` (see the choices).

Related options:

* ``default_green_pool_size`` (eventlet only)
* ``default_thread_pool_size`` (threading only)
* ``cell_worker_thread_pool_size`` (threading only)
"""),
    cfg.IntOpt(
        'default_green_pool_size',
        default=1000,
        min=100,
        deprecated_for_removal=True,
        deprecated_since='32.0.0',
        deprecated_reason='Only the eventlet backend uses it; it goes away '
                          'together with that backend.',
        help="""
The size of the shared green thread pool.

Used only when the service runs on the eventlet backend.

Possible values:

* An integer of at least 100.

Related options:

* ``concurrency_backend``
"""),
    cfg.IntOpt(
        'default_thread_pool_size',
        default=10,
        min=1,
        help="""
The size of the shared native thread pool.

Background work that has no dedicated pool runs here. Used only when the
service runs on the threading backend.

Possible values:

* A positive integer.

Related options:

* ``concurrency_backend``
"""),
    cfg.IntOpt(
        'cell_worker_thread_pool_size',
        default=5,
        min=1,
        help="""
How many cells may be queried at the same time in a scatter-gather call.

Listing servers across cells asks every cell in parallel; this caps how
many of those queries run at once. Used only on the threading backend.

Possible values:

* A positive integer; the number of cells is a sensible upper bound.

Related options:

* ``concurrency_backend``
"""),
    cfg.IntOpt(
        'thread_pool_statistic_period',
        default=-1,
        min=-1,
        help="""
How often, in seconds, a pool logs its statistics when handed new work.

The statistics (tasks run, idle workers, queued work) help size the pools.

Possible values:

* -1: never log them.
* 0: log them on every submission.
* A positive number of seconds between two log lines from the same pool.

Related options:

* ``default_thread_pool_size``
* ``cell_worker_thread_pool_size``
"""),
]

ALL_OPTS = concurrency_opts


def register_opts(conf):
    """Register the concurrency options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the concurrency options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
