"""Configuration: every option group lives in its own module here.

``CONF`` is oslo.config's global ConfigOpts for the ``nova`` project (so the
default file is ``/etc/nova/nova.conf``); importing this package registers
every group. The list below is the single place a new group is wired in;
``nova_clone.conf.opts.list_opts`` reads the same modules for the generator.
Options owned by libraries (oslo.messaging's ``transport_url`` and
``[oslo_messaging_*]``, keystonemiddleware's ``[keystone_authtoken]``,
oslo.log, oslo.policy...) are registered by those libraries and listed
through their own generator namespaces, never redefined here.
"""

from oslo_config import cfg

from nova_clone.conf import (
    api,
    api_database,
    availability_zone,
    base,
    cinder,
    compute,
    concurrency,
    conductor,
    configdrive,
    console,
    consoleauth,
    database,
    glance,
    image_cache,
    keystone,
    libvirt,
    netconf,
    neutron,
    notifications,
    novnc,
    paths,
    placement,
    quota,
    rpc,
    scheduler,
    serial_console,
    service,
    service_user,
    servicegroup,
    spice,
    upgrade_levels,
    vnc,
    workarounds,
    wsgi,
)

CONF = cfg.CONF

# NOTE: order does not matter for registration, keep it alphabetical.
_MODULES = (
    api,
    api_database,
    availability_zone,
    base,
    cinder,
    compute,
    concurrency,
    conductor,
    configdrive,
    console,
    consoleauth,
    database,
    glance,
    image_cache,
    keystone,
    libvirt,
    netconf,
    neutron,
    notifications,
    novnc,
    paths,
    placement,
    quota,
    rpc,
    scheduler,
    serial_console,
    service,
    service_user,
    servicegroup,
    spice,
    upgrade_levels,
    vnc,
    workarounds,
    wsgi,
)

for _module in _MODULES:
    _module.register_opts(CONF)
