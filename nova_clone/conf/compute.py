"""[DEFAULT] compute host options and the [compute] group."""

from oslo_config import cfg, types

from nova_clone.conf import paths

compute_group = cfg.OptGroup(
    'compute',
    title='Compute Manager Options',
    help="""
Options for nova-compute that are not tied to one virt driver: CPU sets,
resource provider refresh, build failure handling and disk limits.
""")

# ---------------------------------------------------------------- [DEFAULT]

compute_opts = [
    cfg.StrOpt(
        'compute_driver',
        help="""
The virt driver nova-compute uses to manage guests on this host.

The value names an entry point in the ``nova_clone.virt.drivers``
namespace. nova-compute refuses to start without it.

Possible values:

* ``libvirt.LibvirtDriver``: KVM, QEMU, LXC or Parallels through libvirt.
* ``fake.FakeDriver``: an in-memory driver for tests.
* ``fake.MediumFakeDriver`` and the other fakes, for tests only.

Related options:

* ``[libvirt] virt_type``
"""),
    cfg.BoolOpt(
        'allow_resize_to_same_host',
        default=False,
        help="""
Let the scheduler choose the current host as a resize target.

Useful for single-host test clouds. The option must be set where
nova-api and nova-scheduler read it; on compute hosts it has no effect.
"""),
    cfg.ListOpt(
        'non_inheritable_image_properties',
        default=['cache_in_nova', 'bittorrent'],
        help="""
Image properties that a snapshot does not copy from its source image.

Properties describing how the original image was stored or cached rarely
make sense on a snapshot. Some properties (signatures, encryption keys)
are never copied whatever this list says.

Possible values:

* A comma-separated list of image property names.
"""),
    cfg.IntOpt(
        'max_local_block_devices',
        default=3,
        help="""
The most local block devices (images, ephemeral and swap) a server may have.

A request asking for more is rejected by the API. Volumes do not count.

Possible values:

* A negative number: no limit.
* 0: boot from volume only.
* A positive number.
"""),
    cfg.ListOpt(
        'compute_monitors',
        default=[],
        help="""
Monitors that collect host metrics for the scheduler's metrics weigher.

Possible values:

* Entry point names in the ``nova_clone.compute.monitors.cpu`` namespace,
  e.g. ``cpu.virt_driver``; an empty list disables monitoring.

Related options:

* ``[metrics] weight_setting``
"""),
    cfg.StrOpt(
        'default_ephemeral_format',
        help="""
The file system put on ephemeral disks when the request names none.

Possible values:

* ``ext2``, ``ext3``, ``ext4``, ``xfs`` or ``ntfs`` (Windows guests);
  unset means the driver's default.

Related options:

* ``virt_mkfs``
"""),
    cfg.BoolOpt(
        'vif_plugging_is_fatal',
        default=True,
        help="""
Fail a boot when Neutron does not confirm its ports were plugged in time.

Turning it off lets guests start without working networking when the
Neutron agent is slow or broken.

Related options:

* ``vif_plugging_timeout``
"""),
    cfg.IntOpt(
        'vif_plugging_timeout',
        default=300,
        min=0,
        help="""
Seconds to wait for Neutron's network-vif-plugged events before a boot
continues or, with ``vif_plugging_is_fatal``, fails.

Possible values:

* 0 to not wait at all, or a number of seconds.

Related options:

* ``vif_plugging_is_fatal``
"""),
    cfg.IntOpt(
        'arq_binding_timeout',
        default=300,
        min=1,
        help="""
Seconds to wait for Cyborg to bind accelerator requests before a boot fails.

Possible values:

* A positive number of seconds.
"""),
    cfg.StrOpt(
        'injected_network_template',
        default=paths.basedir_def('nova_clone/virt/interfaces.template'),
        help="""
The template used to write a guest's network configuration when it is
injected into the image or put on a config drive.

Possible values:

* The path to a Jinja2 template file.

Related options:

* ``flat_injected``
"""),
    cfg.StrOpt(
        'preallocate_images',
        default='none',
        choices=[
            ('none', 'Allocate disk space lazily as the guest writes.'),
            ('space', 'Reserve the whole virtual disk size up front.'),
        ],
        help="""
Whether instance disk files reserve all their space when created.

Reserving space up front avoids surprises on an over-full host and may
reduce fragmentation, at the cost of real disk use.

Possible values:

* ``none`` or ``space`` (see the choices).

Related options:

* ``use_cow_images``
"""),
    cfg.BoolOpt(
        'use_cow_images',
        default=True,
        help="""
Give each instance a copy-on-write overlay on a shared base image.

With it off, every instance gets a full copy of its image.

Related options:

* ``preallocate_images``
* ``force_raw_images``
"""),
    cfg.BoolOpt(
        'force_raw_images',
        default=True,
        help="""
Convert downloaded images to raw before using them as base images.

Raw base images cost disk space but no CPU to read; turn it off on hosts
with slow disks and fast CPUs.

Related options:

* ``use_cow_images``
* ``[libvirt] images_type``
"""),
    cfg.MultiStrOpt(
        'virt_mkfs',
        default=[],
        help="""
Commands used to create file systems on ephemeral disks, per guest OS.

Possible values:

* Entries of the form ``<os_type>=<mkfs command>``; the command may use
  ``%(fs_label)s`` and ``%(target)s``. ``default`` covers every other OS.

Related options:

* ``default_ephemeral_format``
"""),
    cfg.BoolOpt(
        'resize_fs_using_block_device',
        default=False,
        help="""
Grow an image's file system through a block device mount.

Needed for images that cannot resize their own file system on first boot;
it requires nbd or a loop device on the host.
"""),
    cfg.IntOpt(
        'timeout_nbd',
        default=10,
        min=0,
        help="""
Seconds to wait for an nbd device to appear.

Possible values:

* A number of seconds.
"""),
    cfg.StrOpt(
        'pointer_model',
        default='usbtablet',
        choices=[
            (None, 'Let the driver decide; usually a PS/2 mouse.'),
            ('ps2mouse', 'A PS/2 mouse.'),
            ('usbtablet', ('A USB tablet, which keeps the cursor in step '
                           'over VNC and SPICE.')),
        ],
        help="""
The pointer device attached to guests that have a graphical console.

An image's ``hw_pointer_model`` property takes precedence.

Possible values:

* Unset, ``ps2mouse`` or ``usbtablet`` (see the choices).

Related options:

* ``[vnc] enabled``
* ``[spice] enabled``
"""),
    cfg.IntOpt(
        'reserved_host_disk_mb',
        min=0,
        default=0,
        help="""
Disk space, in MiB, kept back for the host and not offered to instances.

Possible values:

* Zero or a positive number of MiB.

Related options:

* ``disk_allocation_ratio``
"""),
    cfg.IntOpt(
        'reserved_host_memory_mb',
        default=512,
        min=0,
        help="""
Memory, in MiB, kept back for the host and not offered to instances.

Possible values:

* Zero or a positive number of MiB.

Related options:

* ``ram_allocation_ratio``
* ``reserved_huge_pages``
"""),
    cfg.IntOpt(
        'reserved_host_cpus',
        default=0,
        min=0,
        help="""
Host CPUs kept back for the host and not offered to instances.

Reported to Placement as the ``reserved`` amount of ``VCPU``.

Possible values:

* Zero or a positive number of CPUs.

Related options:

* ``cpu_allocation_ratio``
* ``[compute] cpu_shared_set``
"""),
    cfg.MultiOpt(
        'reserved_huge_pages',
        item_type=types.Dict(),
        help="""
Huge pages kept back per NUMA node for the host.

Possible values:

* One entry per node and page size, e.g.
  ``node:0,size:2048,count:64``; ``size`` is in KiB and may carry a
  ``KB``, ``MB`` or ``GB`` suffix.

Related options:

* ``reserved_host_memory_mb``
"""),
    cfg.FloatOpt(
        'cpu_allocation_ratio',
        default=None,
        min=0.0,
        help="""
The ratio of virtual to physical CPUs reported to Placement for ``VCPU``.

When set it overrides whatever is in Placement on every periodic update.
When unset, the compute node's first report uses
``initial_cpu_allocation_ratio`` and later changes made in Placement
directly are kept.

Possible values:

* A float greater than 0.0, or unset.

Related options:

* ``initial_cpu_allocation_ratio``
"""),
    cfg.FloatOpt(
        'ram_allocation_ratio',
        default=None,
        min=0.0,
        help="""
The ratio of virtual to physical memory reported to Placement for
``MEMORY_MB``.

When set it overrides whatever is in Placement; when unset the first
report uses ``initial_ram_allocation_ratio``.

Possible values:

* A float greater than 0.0, or unset.

Related options:

* ``initial_ram_allocation_ratio``
"""),
    cfg.FloatOpt(
        'disk_allocation_ratio',
        default=None,
        min=0.0,
        help="""
The ratio of virtual to physical disk reported to Placement for
``DISK_GB``.

Values above 1.0 only make sense with thin (sparse or copy-on-write)
disks. When unset the first report uses ``initial_disk_allocation_ratio``.

Possible values:

* A float greater than 0.0, or unset.

Related options:

* ``initial_disk_allocation_ratio``
"""),
    cfg.FloatOpt(
        'initial_cpu_allocation_ratio',
        default=4.0,
        min=0.0,
        help="""
The ``VCPU`` allocation ratio a new compute node reports the first time.

Possible values:

* A float greater than 0.0.

Related options:

* ``cpu_allocation_ratio``
"""),
    cfg.FloatOpt(
        'initial_ram_allocation_ratio',
        default=1.0,
        min=0.0,
        help="""
The ``MEMORY_MB`` allocation ratio a new compute node reports the first
time.

Possible values:

* A float greater than 0.0.

Related options:

* ``ram_allocation_ratio``
"""),
    cfg.FloatOpt(
        'initial_disk_allocation_ratio',
        default=1.0,
        min=0.0,
        help="""
The ``DISK_GB`` allocation ratio a new compute node reports the first
time.

Possible values:

* A float greater than 0.0.

Related options:

* ``disk_allocation_ratio``
"""),
    cfg.StrOpt(
        'instances_path',
        default=paths.state_path_def('instances'),
        sample_default='$state_path/instances',
        help="""
Where instance disks, console logs and other per-instance files live.

Possible values:

* An absolute directory path, writable by the service user.

Related options:

* ``state_path``
"""),
    cfg.BoolOpt(
        'instance_usage_audit',
        default=False,
        help="""
Emit ``compute.instance.exists`` usage notifications every audit period.

Related options:

* ``instance_usage_audit_period``
* ``[notifications] notify_on_state_change``
"""),
    cfg.IntOpt(
        'live_migration_retry_count',
        default=30,
        min=0,
        help="""
How many times to retry the network setup on the destination of a live
migration, one second apart, before giving up.

Possible values:

* Zero or a positive number of attempts.
"""),
    cfg.BoolOpt(
        'resume_guests_state_on_host_boot',
        default=False,
        help="""
Start the guests that were running when the host went down.

When nova-compute starts it restores each instance's previous power state.
"""),
    cfg.IntOpt(
        'network_allocate_retries',
        default=0,
        min=0,
        help="""
How many times to retry the network allocation of a new instance.

Possible values:

* Zero or a positive number of retries.
"""),
    cfg.IntOpt(
        'max_concurrent_builds',
        default=10,
        min=0,
        help="""
How many builds one compute host runs at the same time.

Further build requests wait in a queue.

Possible values:

* 0: no limit.
* A positive number of builds.
"""),
    cfg.IntOpt(
        'max_concurrent_snapshots',
        default=5,
        min=0,
        help="""
How many snapshots one compute host takes at the same time.

Possible values:

* 0: no limit.
* A positive number of snapshots.
"""),
    cfg.IntOpt(
        'max_concurrent_live_migrations',
        default=1,
        min=0,
        help="""
How many outgoing live migrations one compute host runs at the same time.

Possible values:

* 0: no limit (not recommended, the network saturates).
* A positive number of migrations.
"""),
    cfg.IntOpt(
        'block_device_allocate_retries',
        default=60,
        min=0,
        help="""
How many times to check whether a volume created for a new instance is
ready, before failing the build.

Possible values:

* 0: check once only.
* A positive number of retries.

Related options:

* ``block_device_allocate_retries_interval``
"""),
    cfg.IntOpt(
        'sync_power_state_pool_size',
        default=1000,
        help="""
How many instances the power state sync checks at the same time.

Lower it if the hypervisor struggles with many concurrent queries.

Possible values:

* A positive integer.

Related options:

* ``sync_power_state_interval``
"""),
]

compute_manager_opts = [
    cfg.StrOpt(
        'instance_name_template',
        default='instance-%08x',
        help="""
The template for the name of an instance on the hypervisor.

Possible values:

* A ``%``-format string using the instance's integer id (``%d``, ``%x``)
  or a dict of its fields such as ``%(uuid)s``.
"""),
    cfg.BoolOpt(
        'enable_new_services',
        default=True,
        help="""
Whether a newly registered nova-compute service starts enabled.

With it off, an operator must enable each new host before the scheduler
uses it, which gives time to check the host first. Other services are
always registered enabled.
"""),
]

interval_opts = [
    cfg.IntOpt(
        'sync_power_state_interval',
        default=600,
        help="""
Seconds between power state syncs between the hypervisor and the database.

Possible values:

* A negative number disables the sync.
* A positive number of seconds.

Related options:

* ``sync_power_state_pool_size``
* ``handle_virt_lifecycle_events`` in ``[workarounds]``
"""),
    cfg.IntOpt(
        'heal_instance_info_cache_interval',
        default=-1,
        help="""
Seconds between refreshes of one instance's network info cache from
Neutron.

Neutron already pushes ``network-changed`` events, so the periodic heal
is only a safety net.

Possible values:

* 0 or a negative number: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'reclaim_instance_interval',
        default=0,
        help="""
Seconds a deleted server stays soft-deleted (restorable) before it is
really deleted.

Possible values:

* 0 or less: delete at once (soft delete is off).
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'volume_usage_poll_interval',
        default=0,
        help="""
Seconds between volume usage collections.

Possible values:

* 0: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'shelved_poll_interval',
        default=3600,
        help="""
Seconds between checks for shelved servers to offload.

Possible values:

* 0 or less: disabled.
* A positive number of seconds.

Related options:

* ``shelved_offload_time``
"""),
    cfg.IntOpt(
        'shelved_offload_time',
        default=0,
        min=-1,
        help="""
Seconds a shelved server keeps its host resources before it is offloaded.

Possible values:

* -1: never offload automatically.
* 0: offload at once.
* A positive number of seconds.

Related options:

* ``shelved_poll_interval``
"""),
    cfg.IntOpt(
        'instance_delete_interval',
        default=300,
        help="""
Seconds between retries of instance file clean-ups that failed.

Possible values:

* 0: disabled.
* A positive number of seconds.

Related options:

* ``[workarounds] ensure_libvirt_rbd_instance_dir_cleanup``
"""),
    cfg.IntOpt(
        'block_device_allocate_retries_interval',
        default=3,
        min=0,
        help="""
Seconds between two checks of a new volume's status.

Possible values:

* Zero or a positive number of seconds.

Related options:

* ``block_device_allocate_retries``
"""),
    cfg.IntOpt(
        'scheduler_instance_sync_interval',
        default=120,
        help="""
Seconds between the compute host's reports of its instance list to the
scheduler.

Possible values:

* A positive number of seconds; 0 or less disables it.

Related options:

* ``[filter_scheduler] track_instance_changes``
"""),
    cfg.IntOpt(
        'update_resources_interval',
        default=0,
        help="""
Seconds between resource updates sent to Placement.

Possible values:

* 0: every periodic cycle (the default).
* A negative number: never (not recommended).
* A positive number of seconds.
"""),
]

timeout_opts = [
    cfg.IntOpt(
        'reboot_timeout',
        default=0,
        min=0,
        help="""
Seconds after which a server stuck rebooting is hard-rebooted.

Possible values:

* 0: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'instance_build_timeout',
        default=0,
        min=0,
        help="""
Seconds after which a build still in progress is set to ERROR.

Possible values:

* 0: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'rescue_timeout',
        default=0,
        min=0,
        help="""
Seconds after which a server left in rescue mode is unrescued.

Possible values:

* 0: disabled.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'resize_confirm_window',
        default=0,
        min=0,
        help="""
Seconds after which a finished resize or migration is confirmed
automatically.

Possible values:

* 0: disabled; the user must confirm.
* A positive number of seconds.
"""),
    cfg.IntOpt(
        'shutdown_timeout',
        default=60,
        min=0,
        help="""
Seconds a guest is given to shut down cleanly before it is powered off.

An image's ``os_shutdown_timeout`` property overrides it.

Possible values:

* 0: power off at once.
* A positive number of seconds.
"""),
]

running_deleted_opts = [
    cfg.StrOpt(
        'running_deleted_instance_action',
        default='reap',
        choices=[
            ('reap', 'Power the guest off and clean it up.'),
            ('log', 'Only log a warning.'),
            ('shutdown', 'Power the guest off but leave its files.'),
            ('noop', 'Do nothing.'),
        ],
        help="""
What to do about guests that still run on the hypervisor although their
instance was deleted.

Possible values:

* ``reap``, ``log``, ``shutdown`` or ``noop`` (see the choices).

Related options:

* ``running_deleted_instance_poll_interval``
* ``running_deleted_instance_timeout``
"""),
    cfg.IntOpt(
        'running_deleted_instance_poll_interval',
        default=1800,
        help="""
Seconds between checks for guests of deleted instances.

Possible values:

* 0 or less: disabled.
* A positive number of seconds.

Related options:

* ``running_deleted_instance_action``
"""),
    cfg.IntOpt(
        'running_deleted_instance_timeout',
        default=0,
        help="""
Seconds an instance must have been deleted before its guest is acted on.

Possible values:

* Zero or a positive number of seconds.

Related options:

* ``running_deleted_instance_action``
"""),
]

ALL_DEFAULT_OPTS = (compute_opts + compute_manager_opts + interval_opts +
                    timeout_opts + running_deleted_opts)

# ---------------------------------------------------------------- [compute]

compute_group_opts = [
    cfg.IntOpt(
        'consecutive_build_service_disable_threshold',
        default=10,
        help="""
Consecutive failed builds after which a compute service disables itself.

A broken host otherwise attracts every build, since it looks the least
loaded. A successful build resets the count; an operator re-enables the
service.

Possible values:

* 0: never disable.
* A positive number of failures.

Related options:

* ``[filter_scheduler] build_failure_weight_multiplier``
"""),
    cfg.IntOpt(
        'shutdown_retry_interval',
        default=10,
        min=1,
        help="""
Seconds between shutdown requests sent to a guest that ignores them.

Possible values:

* A positive number of seconds.

Related options:

* ``shutdown_timeout``
"""),
    cfg.IntOpt(
        'sharing_providers_max_uuids_per_request',
        default=200,
        min=1,
        help="""
The most aggregate UUIDs put in one Placement query for sharing providers.

Long query strings can exceed a web server's limit; bigger lists are split.

Possible values:

* A positive integer.
"""),
    cfg.IntOpt(
        'resource_provider_association_refresh',
        default=300,
        min=0,
        mutable=True,
        help="""
Seconds between refreshes of the cached aggregates, traits and sharing
providers of this host's resource providers.

Possible values:

* 0: never refresh (a SIGHUP or restart refreshes it).
* A positive number of seconds.
"""),
    cfg.StrOpt(
        'cpu_shared_set',
        help="""
Host CPUs used for the shared (floating) vCPUs of instances.

They are reported to Placement as ``VCPU`` inventory. Emulator threads
may also be placed here.

Possible values:

* A CPU range list such as ``4-12,^8,15``.

Related options:

* ``[compute] cpu_dedicated_set``
* ``reserved_host_cpus``
"""),
    cfg.StrOpt(
        'cpu_dedicated_set',
        help="""
Host CPUs used for the pinned (dedicated) vCPUs of instances.

They are reported to Placement as ``PCPU`` inventory and must not overlap
``cpu_shared_set``.

Possible values:

* A CPU range list such as ``4-12,^8,15``.

Related options:

* ``[compute] cpu_shared_set``
"""),
    cfg.BoolOpt(
        'live_migration_wait_for_vif_plug',
        default=True,
        help="""
Wait for Neutron's vif-plugged events on the destination before starting a
live migration.

Related options:

* ``vif_plugging_timeout``
"""),
    cfg.IntOpt(
        'max_concurrent_disk_ops',
        default=0,
        min=0,
        help="""
How many disk-heavy operations (image conversion, snapshots) run at once.

Possible values:

* 0: no limit.
* A positive number.
"""),
    cfg.IntOpt(
        'max_disk_devices_to_attach',
        default=-1,
        min=-1,
        help="""
The most disk devices (local and volumes) one instance may have.

Possible values:

* -1: no limit beyond the hypervisor's own.
* 0: no disks at all, so every boot fails.
* A positive number of devices.
"""),
    cfg.StrOpt(
        'provider_config_location',
        default='/etc/nova/provider_config/',
        help="""
The directory holding provider config YAML files, which add inventory and
traits to this host's resource providers.

Possible values:

* An absolute directory path.
"""),
    cfg.ListOpt(
        'image_type_exclude_list',
        default=[],
        help="""
Image disk formats this host will not accept even though its driver can.

They are left out of the traits reported to Placement.

Possible values:

* A list of disk formats such as ``iso``, ``qcow2``, ``raw``.
"""),
    cfg.ListOpt(
        'vmdk_allowed_types',
        default=['streamOptimized', 'monolithicSparse'],
        help="""
The VMDK subformats the host accepts.

Other subformats can point at files on the host and are refused.

Possible values:

* A list of VMDK create types; an empty list refuses all VMDK images.
"""),
    cfg.BoolOpt(
        'packing_host_numa_cells_allocation_strategy',
        default=False,
        help="""
Fill the host's most used NUMA cells first when placing an instance.

The default spreads instances over the least used cells.
"""),
]

ALL_OPTS = ALL_DEFAULT_OPTS + compute_group_opts


def register_opts(conf):
    """Register the ``[DEFAULT]`` compute options and ``[compute]``."""
    conf.register_opts(ALL_DEFAULT_OPTS)
    conf.register_group(compute_group)
    conf.register_opts(compute_group_opts, group=compute_group)


def list_opts():
    """:returns: the compute options under ``DEFAULT`` and ``[compute]``."""
    return {'DEFAULT': ALL_DEFAULT_OPTS, compute_group: compute_group_opts}
