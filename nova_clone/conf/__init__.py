"""Configuration: every option group lives in its own module here.

``CONF`` is oslo.config's global ConfigOpts for the ``nova`` project (so the
default file is ``/etc/nova/nova.conf``); importing this package registers
every group. The list below is the single place a new group is wired in;
``nova_clone.conf.opts.list_opts`` reads the same modules for the generator.
"""

from oslo_config import cfg

from nova_clone.conf import api_database
from nova_clone.conf import database

CONF = cfg.CONF

# NOTE: order does not matter for registration, keep it alphabetical.
_MODULES = (
    api_database,
    database,
)

for _module in _MODULES:
    _module.register_opts(CONF)
