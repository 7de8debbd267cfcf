"""[scheduler], [filter_scheduler] and [metrics]: how hosts are chosen."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup(
    'scheduler',
    title='Scheduler configuration',
    help="""
How nova-scheduler runs: its workers, retries, cell discovery and the
Placement pre-filters applied before any host filter.
""")

scheduler_opts = [
    cfg.IntOpt(
        'max_attempts',
        default=3,
        min=1,
        help="""
How many hosts a build may try before it fails.

The scheduler returns the chosen host plus ``max_attempts - 1`` alternates;
when a build fails on one host, the conductor moves on to the next
alternate, so no second scheduling round is needed.

Possible values:

* A positive integer; 1 means no reschedule.
"""),
    cfg.IntOpt(
        'discover_hosts_in_cells_interval',
        default=-1,
        min=-1,
        help="""
Seconds between automatic runs of host discovery (mapping new compute
hosts to their cells).

The same work is done by ``nova-manage cell_v2 discover_hosts``. Enable it
on one scheduler only, since the discovery is not free.

Possible values:

* -1: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'max_placement_results',
        default=1000,
        min=1,
        help="""
The most allocation candidates asked of Placement per request.

A small number makes large clouds faster to schedule but may miss the
best hosts; combine a small value with ``shuffle_best_same_weighed_hosts``
only knowingly.

Possible values:

* A positive integer.
"""),
    cfg.IntOpt(
        'workers',
        min=0,
        help="""
How many worker processes nova-scheduler starts.

Possible values:

* A positive integer; unset means one per CPU.
"""),
    cfg.BoolOpt(
        'query_placement_for_routed_network_aggregates',
        default=False,
        help="""
Keep servers on routed provider networks to hosts in the segment's
aggregate, by asking Placement for it.
"""),
    cfg.BoolOpt(
        'limit_tenants_to_placement_aggregate',
        default=False,
        help="""
Restrict projects to host aggregates tagged for them.

Aggregates with ``filter_tenant_id`` metadata are turned into a Placement
``member_of`` query, so a tagged project only lands on its aggregates.

Related options:

* ``placement_aggregate_required_for_tenants``
"""),
    cfg.BoolOpt(
        'placement_aggregate_required_for_tenants',
        default=False,
        help="""
Refuse to schedule projects that have no tagged aggregate.

Only used with ``limit_tenants_to_placement_aggregate``; with it off,
untagged projects may go anywhere.

Related options:

* ``limit_tenants_to_placement_aggregate``
"""),
    cfg.BoolOpt(
        'query_placement_for_image_type_support',
        default=False,
        help="""
Only consider hosts whose driver supports the image's disk format.

Hosts report ``COMPUTE_IMAGE_TYPE_*`` traits; this asks Placement for the
one matching the image.

Related options:

* ``[compute] image_type_exclude_list``
"""),
    cfg.BoolOpt(
        'enable_isolated_aggregate_filtering',
        default=False,
        help="""
Keep servers off aggregates that require traits the server did not ask for.

Aggregates with ``trait:<NAME>=required`` metadata then only take servers
whose flavor or image asks for those traits.
"""),
    cfg.BoolOpt(
        'image_metadata_prefilter',
        default=False,
        help="""
Turn image properties (e.g. disk bus, video model) into required traits in
the Placement query, so unsuitable hosts are excluded early.
"""),
    cfg.BoolOpt(
        'query_placement_for_availability_zone',
        default=True,
        deprecated_for_removal=True,
        deprecated_since='24.0.0',
        deprecated_reason='The pre-filter is now always the way zones are '
                          'enforced.',
        help="""
Enforce the requested availability zone through a Placement aggregate
query.

The zone's host aggregate must be mirrored in Placement (``nova-manage
placement sync_aggregates``).
"""),
]

filter_scheduler_group = cfg.OptGroup(
    'filter_scheduler',
    title='Filter scheduler options',
    help="""
The filters and weighers applied to the hosts Placement returned, and the
knobs of each of them.
""")

filter_scheduler_opts = [
    cfg.IntOpt(
        'host_subset_size',
        default=1,
        min=1,
        help="""
Pick the host at random among this many best-weighed hosts.

Values above 1 lower the chance that concurrent requests race for the same
host.

Possible values:

* A positive integer.

Related options:

* ``shuffle_best_same_weighed_hosts``
"""),
    cfg.IntOpt(
        'max_io_ops_per_host',
        default=8,
        min=0,
        help="""
The most I/O-heavy operations (builds, resizes, snapshots, migrations...)
a host may have in progress and still pass ``IoOpsFilter``.

Possible values:

* Zero or a positive number.

Related options:

* ``enabled_filters``
"""),
    cfg.IntOpt(
        'max_instances_per_host',
        default=50,
        min=1,
        help="""
The most instances a host may run and still pass ``NumInstancesFilter``.

Possible values:

* A positive number.

Related options:

* ``enabled_filters``
"""),
    cfg.BoolOpt(
        'track_instance_changes',
        default=True,
        help="""
Let compute hosts tell the scheduler about their instances.

Filters that look at a host's instances (affinity, ``DifferentHostFilter``)
need it; with it off, the scheduler reads them from the database instead.

Related options:

* ``[DEFAULT] scheduler_instance_sync_interval``
"""),
    cfg.MultiStrOpt(
        'available_filters',
        default=['nova_clone.scheduler.filters.all_filters'],
        help="""
The filter classes the scheduler may load.

``enabled_filters`` chooses among them. The default loads every filter
shipped with nova_clone; add an entry per custom filter.

Possible values:

* Import paths of filter classes, or of a function returning them.

Related options:

* ``enabled_filters``
"""),
    cfg.ListOpt(
        'enabled_filters',
        default=[
            'ComputeFilter',
            'ComputeCapabilitiesFilter',
            'ImagePropertiesFilter',
            'ServerGroupAntiAffinityFilter',
            'ServerGroupAffinityFilter',
        ],
        help="""
The filters applied, in this order, to every scheduling request.

Cheap, strict filters first make scheduling faster.

Possible values:

* Class names found among ``available_filters``.

Related options:

* ``available_filters``
"""),
    cfg.ListOpt(
        'weight_classes',
        default=['nova_clone.scheduler.weights.all_weighers'],
        help="""
The weighers used to rank the hosts that passed the filters.

Possible values:

* Import paths of weigher classes, or of a function returning them.

Related options:

* the ``*_weight_multiplier`` options
"""),
    cfg.FloatOpt(
        'ram_weight_multiplier',
        default=1.0,
        help="""
How much free RAM counts when weighing hosts.

Positive values spread instances over hosts with more free memory,
negative values stack them. An aggregate's ``ram_weight_multiplier``
metadata overrides it for its hosts.

Possible values:

* A float; 0.0 ignores RAM.
"""),
    cfg.FloatOpt(
        'cpu_weight_multiplier',
        default=1.0,
        help="""
How much free vCPU counts when weighing hosts.

Positive values spread, negative values stack. An aggregate's metadata can
override it.

Possible values:

* A float; 0.0 ignores CPU.
"""),
    cfg.FloatOpt(
        'disk_weight_multiplier',
        default=1.0,
        help="""
How much free disk counts when weighing hosts.

Positive values spread, negative values stack.

Possible values:

* A float; 0.0 ignores disk.
"""),
    cfg.FloatOpt(
        'hypervisor_version_weight_multiplier',
        default=1.0,
        help="""
How much the hypervisor version counts when weighing hosts.

Positive values prefer newer hypervisors, negative values older ones.

Possible values:

* A float; 0.0 ignores the version.
"""),
    cfg.FloatOpt(
        'num_instances_weight_multiplier',
        default=0.0,
        help="""
How much the number of instances on a host counts when weighing hosts.

Positive values prefer busy hosts, negative values quiet ones.

Possible values:

* A float; 0.0 (the default) ignores it.
"""),
    cfg.FloatOpt(
        'io_ops_weight_multiplier',
        default=-1.0,
        help="""
How much a host's in-progress I/O-heavy operations count when weighing.

The default, negative, prefers hosts with less going on.

Possible values:

* A float; 0.0 ignores it.
"""),
    cfg.FloatOpt(
        'image_props_weight_multiplier',
        default=0.0,
        help="""
How much matching image properties of instances already on a host count.

Positive values pack instances of similar images together.

Possible values:

* A float; 0.0 (the default) ignores it.

Related options:

* ``image_props_weight_setting``
"""),
    cfg.ListOpt(
        'image_props_weight_setting',
        default=[],
        help="""
Per-property weights for the image properties weigher.

Possible values:

* ``<property>=<weight>`` entries, e.g. ``os_distro=1,hw_machine_type=0``;
  empty weighs all properties equally.

Related options:

* ``image_props_weight_multiplier``
"""),
    cfg.FloatOpt(
        'pci_weight_multiplier',
        default=1.0,
        min=0.0,
        help="""
How much a host's PCI devices count when weighing.

Hosts without PCI devices are preferred for requests that need none,
keeping PCI hosts free for those that do.

Possible values:

* A non-negative float.
"""),
    cfg.FloatOpt(
        'soft_affinity_weight_multiplier',
        default=1.0,
        min=0.0,
        help="""
How strongly a soft-affinity server group pulls its members together.

Possible values:

* A non-negative float.

Related options:

* ``soft_anti_affinity_weight_multiplier``
"""),
    cfg.FloatOpt(
        'soft_anti_affinity_weight_multiplier',
        default=1.0,
        min=0.0,
        help="""
How strongly a soft-anti-affinity server group pushes its members apart.

Possible values:

* A non-negative float.

Related options:

* ``soft_affinity_weight_multiplier``
"""),
    cfg.FloatOpt(
        'build_failure_weight_multiplier',
        default=1000000.0,
        help="""
How much a host's recent build failures count against it.

The large default makes hosts that just failed the last resort.

Possible values:

* A float; 0.0 ignores failures.

Related options:

* ``[compute] consecutive_build_service_disable_threshold``
"""),
    cfg.FloatOpt(
        'cross_cell_move_weight_multiplier',
        default=1000000.0,
        help="""
How much being in the instance's current cell counts during a move.

The large positive default keeps moves within the cell when possible.

Possible values:

* A float; negative values prefer other cells.
"""),
    cfg.BoolOpt(
        'shuffle_best_same_weighed_hosts',
        default=False,
        help="""
Shuffle hosts that tie for the best weight.

Helps spread instances when many identical hosts are empty, e.g. on
Ironic.

Related options:

* ``host_subset_size``
"""),
    cfg.StrOpt(
        'image_properties_default_architecture',
        choices=['alpha', 'armv6', 'armv7l', 'armv7b', 'aarch64', 'cris',
                 'i686', 'ia64', 'lm32', 'm68k', 'microblaze',
                 'microblazeel', 'mips', 'mipsel', 'mips64', 'mips64el',
                 'openrisc', 'parisc', 'parisc64', 'ppc', 'ppcle', 'ppc64',
                 'ppc64le', 'ppcemb', 's390', 's390x', 'sh4', 'sh4eb',
                 'sparc', 'sparc64', 'unicore32', 'x86_64', 'xtensa',
                 'xtensaeb'],
        help="""
The architecture assumed for images without ``hw_architecture``.

Used by ``ImagePropertiesFilter``.

Possible values:

* A CPU architecture name.
"""),
    cfg.ListOpt(
        'isolated_images',
        default=[],
        help="""
Image UUIDs that may run only on the isolated hosts.

Used by ``IsolatedHostsFilter``.

Related options:

* ``isolated_hosts``
* ``restrict_isolated_hosts_to_isolated_images``
"""),
    cfg.ListOpt(
        'isolated_hosts',
        default=[],
        help="""
Host names reserved for the isolated images.

Related options:

* ``isolated_images``
* ``restrict_isolated_hosts_to_isolated_images``
"""),
    cfg.BoolOpt(
        'restrict_isolated_hosts_to_isolated_images',
        default=True,
        help="""
Keep every other image off the isolated hosts.

Related options:

* ``isolated_images``
* ``isolated_hosts``
"""),
    cfg.StrOpt(
        'aggregate_image_properties_isolation_namespace',
        help="""
Only aggregate metadata keys in this namespace are compared with image
properties by ``AggregateImagePropertiesIsolation``.

Related options:

* ``aggregate_image_properties_isolation_separator``
"""),
    cfg.StrOpt(
        'aggregate_image_properties_isolation_separator',
        default='.',
        help="""
The separator between the namespace and the key in aggregate metadata.

Related options:

* ``aggregate_image_properties_isolation_namespace``
"""),
    cfg.BoolOpt(
        'pci_in_placement',
        default=False,
        help="""
Schedule PCI device requests through Placement inventories.

Turn it on only after every compute host reports its PCI devices to
Placement (``[pci] report_in_placement``).
"""),
]

metrics_group = cfg.OptGroup(
    'metrics',
    title='Metrics parameters',
    help="""
The metrics weigher: which host metrics (from ``compute_monitors``) count
and how much.
""")

metrics_weight_opts = [
    cfg.FloatOpt(
        'weight_multiplier',
        default=1.0,
        help="""
How much the combined metrics count when weighing hosts.

Possible values:

* A float; positive prefers high metric values, 0.0 ignores metrics.

Related options:

* ``weight_setting``
"""),
    cfg.ListOpt(
        'weight_setting',
        default=[],
        help="""
The metrics to weigh and their ratios.

Possible values:

* ``<metric>=<ratio>`` entries, e.g. ``cpu.user.percent=-1.0``.

Related options:

* ``weight_multiplier``
* ``[DEFAULT] compute_monitors``
"""),
    cfg.BoolOpt(
        'required',
        default=True,
        help="""
Fail weighing when a host lacks one of the metrics.

With it off, the missing metric gets ``weight_of_unavailable``.

Related options:

* ``weight_of_unavailable``
"""),
    cfg.FloatOpt(
        'weight_of_unavailable',
        default=(-10000.0),
        help="""
The weight given to a host missing a metric, when ``required`` is off.

Related options:

* ``required``
"""),
]


def register_opts(conf):
    """Register ``[scheduler]``, ``[filter_scheduler]`` and ``[metrics]``."""
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)
    conf.register_group(filter_scheduler_group)
    conf.register_opts(filter_scheduler_opts, group=filter_scheduler_group)
    conf.register_group(metrics_group)
    conf.register_opts(metrics_weight_opts, group=metrics_group)


def list_opts():
    """:returns: the three scheduling groups and their options."""
    return {scheduler_group: scheduler_opts,
            filter_scheduler_group: filter_scheduler_opts,
            metrics_group: metrics_weight_opts}
