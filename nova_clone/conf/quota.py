"""[quota]: default limits and how usage is counted."""

from oslo_config import cfg

quota_group = cfg.OptGroup(
    'quota',
    title='Quota Options',
    help="""
The default per-project limits, used until an admin sets others through the
quota APIs, and the quota driver that enforces them.
""")


def _limit(name, default, what, deprecated=None):
    # NOTE: every limit has the same shape: -1 for unlimited, else a count.
    return cfg.IntOpt(
        name,
        default=default,
        min=-1,
        deprecated_group='DEFAULT',
        deprecated_name=deprecated,
        help=f"""
The default limit on {what} per project.

Possible values:

* -1: unlimited.
* Zero or a positive number.
""")


quota_opts = [
    _limit('instances', 10, 'servers', 'quota_instances'),
    _limit('cores', 20, 'vCPUs across all servers', 'quota_cores'),
    _limit('ram', 50 * 1024, 'MiB of RAM across all servers',
           'quota_ram'),
    _limit('metadata_items', 128, 'metadata items of one server',
           'quota_metadata_items'),
    _limit('injected_files', 5, 'files injected into one server',
           'quota_injected_files'),
    _limit('injected_file_content_bytes', 10 * 1024,
           'bytes in one injected file', 'quota_injected_file_content_bytes'),
    _limit('injected_file_path_length', 255,
           'characters in the path of an injected file',
           'quota_injected_file_path_length'),
    _limit('key_pairs', 100, 'key pairs of one user', 'quota_key_pairs'),
    _limit('server_groups', 10, 'server groups', 'quota_server_groups'),
    _limit('server_group_members', 10, 'servers in one server group',
           'quota_server_group_members'),
    cfg.StrOpt(
        'driver',
        # NOTE: the values are nova's spellings so an existing nova.conf keeps
        # working; nova_clone.quota maps each name to its own driver class.
        default='nova.quota.DbQuotaDriver',
        choices=[
            ('nova.quota.DbQuotaDriver',
             'Limits are stored in the API database.'),
            ('nova.quota.NoopQuotaDriver',
             'No quota is enforced.'),
            ('nova.quota.UnifiedLimitsDriver',
             'Limits are read from Keystone unified limits.'),
        ],
        help="""
The quota driver.

Possible values:

* One of the driver names listed in the choices.

Related options:

* ``unified_limits_resource_strategy``
"""),
    cfg.BoolOpt(
        'recheck_quota',
        default=True,
        help="""
Check quota a second time after the resources are created.

Two concurrent requests can both pass the first check; the recheck catches
this and rolls the loser back. With it off a project may end up over
quota, but requests are a little cheaper.
"""),
    cfg.BoolOpt(
        'count_usage_from_placement',
        default=False,
        help="""
Count vCPU and RAM usage from Placement allocations.

Otherwise usage is summed across cell databases, which undercounts
servers in cells that are down. Needs the consumer types support in
Placement for accurate counting of shelved servers.
"""),
    cfg.StrOpt(
        'unified_limits_resource_strategy',
        default='require',
        choices=[
            ('require', ('Every resource class in the list must have a '
                         'registered limit; others are unlimited.')),
            ('ignore', ('Resource classes in the list are unlimited; all '
                        'others must have a registered limit.')),
        ],
        help="""
How the unified limits driver treats resources without a registered limit.

Possible values:

* ``require`` or ``ignore`` (see the choices).

Related options:

* ``unified_limits_resource_list``
"""),
    cfg.ListOpt(
        'unified_limits_resource_list',
        default=['servers'],
        help="""
The resources that ``unified_limits_resource_strategy`` applies to.

Possible values:

* Resource names such as ``servers``, ``class:VCPU``, ``class:MEMORY_MB``.

Related options:

* ``unified_limits_resource_strategy``
"""),
]


def register_opts(conf):
    """Register the ``[quota]`` group."""
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    """:returns: the ``[quota]`` group and its options."""
    return {quota_group: quota_opts}
