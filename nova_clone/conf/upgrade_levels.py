"""[upgrade_levels]: RPC version caps for a rolling upgrade."""

from oslo_config import cfg

upgrade_group = cfg.OptGroup(
    'upgrade_levels',
    title='RPC upgrade levels',
    help="""
Caps on the RPC API versions each client sends, so that upgraded services
keep talking to older ones during a rolling upgrade. Each option takes a
release name (e.g. ``2026.1``), an exact version (``6.2``) or ``auto``,
which works out the cap from the oldest service version registered.
""")


def _level(name, what):
    return cfg.StrOpt(
        name,
        help=f"""
The highest RPC API version the {what} client may send.

Set it on every service that sends to {what} while some of them still
run the older release.

Possible values:

* ``auto``: derive the cap from the services' recorded versions.
* A release name or an explicit version number.
* Unset: no cap, use the newest version.
""")


upgrade_levels_opts = [
    _level('baseapi', 'base (ping/version)'),
    _level('compute', 'nova-compute'),
    cfg.StrOpt(
        'cert',
        deprecated_for_removal=True,
        deprecated_since='18.0.0',
        deprecated_reason='The nova-cert service is gone.',
        help="""
The highest RPC API version the old nova-cert client may send.

Possible values:

* A release name or version; ignored.
"""),
    _level('scheduler', 'nova-scheduler'),
    _level('conductor', 'nova-conductor'),
]

ALL_OPTS = upgrade_levels_opts


def register_opts(conf):
    """Register the ``[upgrade_levels]`` group."""
    conf.register_group(upgrade_group)
    conf.register_opts(ALL_OPTS, group=upgrade_group)


def list_opts():
    """:returns: the ``[upgrade_levels]`` group and its options."""
    return {upgrade_group: ALL_OPTS}
