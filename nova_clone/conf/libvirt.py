"""[libvirt]: the libvirt virt driver (KVM, QEMU, LXC, Parallels)."""

from oslo_config import cfg, types

from nova_clone.conf import paths

libvirt_group = cfg.OptGroup(
    'libvirt',
    title='Libvirt Options',
    help="""
Options for the libvirt driver (``compute_driver = libvirt.LibvirtDriver``):
the hypervisor type and connection, guest CPU models, image backends,
file injection, live migration and device tuning.
""")

libvirt_general_opts = [
    cfg.StrOpt(
        'rescue_image_id',
        help="""
The image booted in rescue mode when the request names none.

Possible values:

* An image UUID; unset uses the instance's own image.

Related options:

* ``rescue_kernel_id``, ``rescue_ramdisk_id``
"""),
    cfg.StrOpt(
        'rescue_kernel_id',
        help="""
The kernel image used in rescue mode.

Related options:

* ``rescue_image_id``
"""),
    cfg.StrOpt(
        'rescue_ramdisk_id',
        help="""
The ramdisk image used in rescue mode.

Related options:

* ``rescue_image_id``
"""),
    cfg.StrOpt(
        'virt_type',
        default='kvm',
        choices=('kvm', 'lxc', 'qemu', 'parallels'),
        help="""
The kind of guest libvirt runs.

Possible values:

* ``kvm``: hardware-accelerated virtual machines (needs ``/dev/kvm``).
* ``qemu``: emulated virtual machines, slower, for hosts without KVM.
* ``lxc``: system containers.
* ``parallels``: Virtuozzo/Parallels containers and VMs.

Related options:

* ``connection_uri``
* ``[DEFAULT] compute_driver``
"""),
    cfg.StrOpt(
        'connection_uri',
        default='',
        help="""
The libvirt connection URI.

Possible values:

* A libvirt URI such as ``qemu:///system``; empty derives it from
  ``virt_type``.

Related options:

* ``virt_type``
"""),
    cfg.BoolOpt(
        'inject_password',
        default=False,
        help="""
Write the admin password into the guest's disk image at boot.

Needs libguestfs, and ``inject_partition`` other than -2.

Related options:

* ``inject_partition``
* ``[api] enable_instance_password``
"""),
    cfg.BoolOpt(
        'inject_key',
        default=False,
        help="""
Write the SSH key into the guest's disk image at boot.

Needs libguestfs, and ``inject_partition`` other than -2. Metadata and
config drive are the better way to deliver keys.

Related options:

* ``inject_partition``
"""),
    cfg.IntOpt(
        'inject_partition',
        default=-2,
        min=-2,
        help="""
Which partition of the image file injection writes into.

Possible values:

* -2: no injection at all.
* -1: find the root partition automatically.
* 0: the image has no partition table; use the whole disk.
* A positive partition number.

Related options:

* ``inject_key``, ``inject_password``
* ``[DEFAULT] flat_injected``
"""),
    cfg.StrOpt(
        'snapshot_image_format',
        choices=[
            ('raw', 'Raw disk image.'),
            ('qcow2', 'QEMU copy-on-write image.'),
            ('vmdk', 'VMware disk image.'),
            ('vdi', 'VirtualBox disk image.'),
            ('ploop', 'Virtuozzo ploop image.'),
        ],
        help="""
The disk format of snapshots uploaded to Glance.

Possible values:

* One of the choices; unset keeps the source disk's format.

Related options:

* ``snapshot_compression``
"""),
    cfg.BoolOpt(
        'snapshot_compression',
        default=False,
        help="""
Compress qcow2 snapshots before upload.

Related options:

* ``snapshot_image_format``
"""),
    cfg.StrOpt(
        'snapshots_directory',
        default='$instances_path/snapshots',
        help="""
Where snapshots are staged before upload.

Related options:

* ``[DEFAULT] instances_path``
"""),
    cfg.StrOpt(
        'disk_prefix',
        help="""
Overrides the device name prefix of guest disks (``vd``, ``sd``...).

Possible values:

* A prefix such as ``sd``; unset derives it from the bus.
"""),
    cfg.IntOpt(
        'wait_soft_reboot_seconds',
        default=120,
        help="""
Seconds to wait for a guest to restart on a soft reboot before doing a
hard reboot.
"""),
    cfg.StrOpt(
        'cpu_mode',
        choices=[
            ('host-model', ('A named CPU model close to the host CPU, with '
                            'its flags; keeps live migration possible '
                            'between similar hosts.')),
            ('host-passthrough', ('Exactly the host CPU; fastest, but live '
                                  'migration needs identical hosts.')),
            ('custom', 'The models listed in ``cpu_models``.'),
            ('none', 'No CPU model; the hypervisor default.'),
        ],
        help="""
The CPU model presented to guests.

Possible values:

* One of the choices; unset means ``host-model`` for ``kvm`` and ``qemu``
  and ``none`` otherwise.

Related options:

* ``cpu_models``, ``cpu_model_extra_flags``
"""),
    cfg.ListOpt(
        'cpu_models',
        deprecated_name='cpu_model',
        default=[],
        help="""
The named CPU models guests may get, when ``cpu_mode`` is ``custom``.

List them from oldest to newest; a flavor or image asking for CPU traits
gets the first model that has them.

Possible values:

* Models known to libvirt, e.g. ``Skylake-Server-IBRS``.

Related options:

* ``cpu_mode``, ``cpu_model_extra_flags``
"""),
    cfg.ListOpt(
        'cpu_model_extra_flags',
        item_type=types.String(ignore_case=True),
        default=[],
        help="""
CPU flags added to (``+flag`` or bare) or removed from (``-flag``) the
guest CPU model.

Possible values:

* A list of flags, e.g. ``pcid, +ssbd, -mpx``.

Related options:

* ``cpu_mode``, ``cpu_models``
"""),
    cfg.BoolOpt(
        'use_virtio_for_bridges',
        default=True,
        help="""
Use virtio network interfaces for bridged networking.
"""),
    cfg.ListOpt(
        'disk_cachemodes',
        default=[],
        help="""
The host cache mode of guest disks, per backing type.

Possible values:

* ``<source>=<mode>`` entries; source is ``file``, ``block``,
  ``network`` or ``mount``, mode is ``default``, ``none``,
  ``writethrough``, ``writeback``, ``directsync`` or ``unsafe``.
"""),
    cfg.StrOpt(
        'rng_dev_path',
        default='/dev/urandom',
        help="""
The host device that feeds guests' virtio RNG devices.
"""),
    cfg.ListOpt(
        'hw_machine_type',
        help="""
The default machine type per guest architecture.

An image's ``hw_machine_type`` takes precedence.

Possible values:

* ``<arch>=<machine type>`` entries, e.g. ``x86_64=q35``.
"""),
    cfg.StrOpt(
        'sysinfo_serial',
        default='unique',
        choices=[
            ('none', 'No serial number.'),
            ('os', "The host's /etc/machine-id."),
            ('hardware', "The host's hardware UUID."),
            ('auto', '``os`` when available, else ``hardware``.'),
            ('unique', "The instance's UUID."),
        ],
        help="""
The serial number shown in guests' SMBIOS.

Possible values:

* One of the choices.
"""),
    cfg.IntOpt(
        'mem_stats_period_seconds',
        default=10,
        help="""
Seconds between guest memory balloon statistics updates.

Possible values:

* 0 or less: disabled.
* A positive number of seconds.
"""),
    cfg.ListOpt(
        'uid_maps',
        default=[],
        help="""
User namespace UID mappings for LXC guests.

Possible values:

* ``<guest>:<host>:<count>`` entries, e.g. ``0:10000:2000``.
"""),
    cfg.ListOpt(
        'gid_maps',
        default=[],
        help="""
User namespace GID mappings for LXC guests.

Possible values:

* ``<guest>:<host>:<count>`` entries.
"""),
    cfg.IntOpt(
        'realtime_scheduler_priority',
        default=1,
        help="""
The scheduling priority of realtime guest vCPUs.
"""),
    cfg.ListOpt(
        'enabled_perf_events',
        default=[],
        help="""
Performance monitoring events libvirt collects for guests.

Possible values:

* Event names supported by the host, e.g. ``cpu_clock``.
"""),
    cfg.IntOpt(
        'num_pcie_ports',
        default=0,
        min=0,
        max=28,
        help="""
How many PCIe root ports q35 and aarch64 guests get, for hot-plug.

Possible values:

* 0: libvirt's default.
* Up to 28 ports.
"""),
    cfg.IntOpt(
        'file_backed_memory',
        default=0,
        min=0,
        help="""
MiB of disk-backed memory reported as the host's memory capacity.

Guests' memory is then backed by files under libvirt's memory directory.

Possible values:

* 0: disabled.
* A positive number of MiB.

Related options:

* ``[DEFAULT] ram_allocation_ratio`` must be 1.0.
"""),
    cfg.IntOpt(
        'num_memory_encrypted_guests',
        default=None,
        min=0,
        help="""
How many SEV memory-encrypted guests the host may run.

Possible values:

* Unset: detect the limit from the host.
* Zero or a positive number.
"""),
    cfg.IntOpt(
        'device_detach_attempts',
        default=8,
        min=1,
        help="""
How many times to ask a guest to release a device before giving up.

Related options:

* ``device_detach_timeout``
"""),
    cfg.IntOpt(
        'device_detach_timeout',
        default=20,
        min=1,
        help="""
Seconds to wait for the guest to release a device on each attempt.

Related options:

* ``device_detach_attempts``
"""),
    cfg.IntOpt(
        'tb_cache_size',
        min=0,
        help="""
The size, in MiB, of QEMU's translation block cache for ``qemu`` guests.

Possible values:

* Unset: QEMU's default.
* A number of MiB.

Related options:

* ``virt_type``
"""),
    cfg.IntOpt(
        'rx_queue_size',
        choices=(256, 512, 1024),
        help="""
The receive queue size of virtio-net interfaces.

Possible values:

* 256, 512 or 1024; unset for the hypervisor default.

Related options:

* ``tx_queue_size``
"""),
    cfg.IntOpt(
        'tx_queue_size',
        choices=(256, 512, 1024),
        help="""
The transmit queue size of virtio-net interfaces (vhost-user only).

Possible values:

* 256, 512 or 1024; unset for the hypervisor default.

Related options:

* ``rx_queue_size``
"""),
    cfg.IntOpt(
        'max_queues',
        default=None,
        min=1,
        help="""
The most multiqueue virtio-net queues a guest interface may have.

Possible values:

* Unset: derived from the guest's vCPUs and the kernel.
* A positive number.
"""),
    cfg.IntOpt(
        'num_volume_scan_tries',
        default=5,
        help="""
How many times to rescan for a newly attached volume's device.
"""),
    cfg.BoolOpt(
        'volume_use_multipath',
        default=False,
        deprecated_name='iscsi_use_multipath',
        help="""
Attach volumes through multipath when the backend offers it.
"""),
    cfg.StrOpt(
        'nfs_mount_point_base',
        default=paths.state_path_def('mnt'),
        help="""
Where NFS volumes are mounted on the compute host.
"""),
    cfg.StrOpt(
        'nfs_mount_options',
        help="""
Extra mount options for NFS volumes.

Possible values:

* Options as ``mount -o`` takes them.
"""),
    cfg.StrOpt(
        'remote_filesystem_transport',
        default='ssh',
        choices=('ssh', 'rsync'),
        help="""
How instance files are copied between hosts during cold migration and
resize.
"""),
    cfg.StrOpt(
        'hw_disk_discard',
        choices=('ignore', 'unmap'),
        help="""
Whether guests' discard (TRIM) requests reach the host storage.

Possible values:

* ``unmap`` passes them on; ``ignore`` or unset drops them.
"""),
    cfg.BoolOpt(
        'swtpm_enabled',
        default=False,
        help="""
Offer emulated TPM devices (swtpm) to guests.

Related options:

* ``swtpm_user``, ``swtpm_group``
"""),
    cfg.StrOpt(
        'swtpm_user',
        default='tss',
        help="""
The user that owns swtpm's state files.

Related options:

* ``swtpm_enabled``
"""),
    cfg.StrOpt(
        'swtpm_group',
        default='tss',
        help="""
The group that owns swtpm's state files.

Related options:

* ``swtpm_enabled``
"""),
    cfg.BoolOpt(
        'cpu_power_management',
        default=False,
        help="""
Power down dedicated host CPUs that no guest uses.

Related options:

* ``cpu_power_management_strategy``
* ``[compute] cpu_dedicated_set``
"""),
    cfg.StrOpt(
        'cpu_power_management_strategy',
        default='cpu_state',
        choices=[
            ('cpu_state', 'Take unused CPUs offline.'),
            ('governor', 'Switch unused CPUs to a low-power governor.'),
        ],
        help="""
How unused dedicated CPUs are powered down.

Related options:

* ``cpu_power_governor_low``, ``cpu_power_governor_high``
"""),
    cfg.StrOpt(
        'cpu_power_governor_low',
        default='powersave',
        help="""
The governor for unused dedicated CPUs with the ``governor`` strategy.
"""),
    cfg.StrOpt(
        'cpu_power_governor_high',
        default='performance',
        help="""
The governor for dedicated CPUs in use with the ``governor`` strategy.
"""),
    cfg.ListOpt(
        'pmem_namespaces',
        item_type=cfg.types.String(),
        default=[],
        help="""
Persistent memory namespaces offered to guests, grouped by label.

Possible values:

* ``<label>:<namespace>[|<namespace>...]`` entries.
"""),
]

libvirt_imagebackend_opts = [
    cfg.StrOpt(
        'images_type',
        default='default',
        choices=('raw', 'flat', 'qcow2', 'lvm', 'rbd', 'ploop', 'default'),
        help="""
How instance disks are stored on the host.

Possible values:

* ``default``: ``qcow2`` when ``use_cow_images`` is on, else ``flat``.
* ``raw``/``flat``: plain files.
* ``qcow2``: copy-on-write overlays on cached base images.
* ``lvm``: logical volumes in ``images_volume_group``.
* ``rbd``: Ceph RBD images in ``images_rbd_pool``.
* ``ploop``: Virtuozzo ploop images.

Related options:

* ``[DEFAULT] use_cow_images``
* ``images_volume_group``, ``images_rbd_pool``
"""),
    cfg.StrOpt(
        'images_volume_group',
        help="""
The LVM volume group for instance disks with ``images_type = lvm``.
"""),
    cfg.BoolOpt(
        'sparse_logical_volumes',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='18.0.0',
        deprecated_reason='Sparse logical volumes are not tested and may '
                          'run the host out of space.',
        help="""
Create thin (sparse) logical volumes with ``images_type = lvm``.
"""),
    cfg.StrOpt(
        'images_rbd_pool',
        default='rbd',
        help="""
The Ceph pool for instance disks with ``images_type = rbd``.
"""),
    cfg.StrOpt(
        'images_rbd_ceph_conf',
        default='',
        help="""
The Ceph configuration file for RBD-backed instance disks.
"""),
    cfg.StrOpt(
        'images_rbd_glance_store_name',
        default='',
        help="""
The Glance store that shares this host's Ceph cluster.

Images elsewhere are copied into it first, so they can be cloned.

Related options:

* ``images_rbd_glance_copy_poll_interval``,
  ``images_rbd_glance_copy_timeout``
"""),
    cfg.IntOpt(
        'images_rbd_glance_copy_poll_interval',
        default=15,
        help="""
Seconds between checks whether Glance finished copying an image.
"""),
    cfg.IntOpt(
        'images_rbd_glance_copy_timeout',
        default=600,
        help="""
Seconds to wait for Glance to copy an image into the local store.
"""),
    cfg.StrOpt(
        'rbd_user',
        help="""
The Ceph user for RBD disks and volumes.
"""),
    cfg.StrOpt(
        'rbd_secret_uuid',
        help="""
The UUID of the libvirt secret holding the ``rbd_user`` key.
"""),
    cfg.IntOpt(
        'rbd_connect_timeout',
        default=5,
        help="""
Seconds to wait for the Ceph cluster to answer a connection.
"""),
    cfg.IntOpt(
        'rbd_destroy_volume_retry_interval',
        default=5,
        min=0,
        help="""
Seconds between retries of an RBD image deletion.

Related options:

* ``rbd_destroy_volume_retries``
"""),
    cfg.IntOpt(
        'rbd_destroy_volume_retries',
        default=12,
        min=0,
        help="""
How many times an RBD image deletion is retried.

Related options:

* ``rbd_destroy_volume_retry_interval``
"""),
    cfg.StrOpt(
        'volume_clear',
        default='zero',
        choices=[
            ('zero', 'Overwrite with zeroes.'),
            ('shred', 'Overwrite repeatedly with random data.'),
            ('none', 'Do not wipe.'),
        ],
        help="""
How deleted LVM instance disks are wiped.

Related options:

* ``volume_clear_size``
"""),
    cfg.IntOpt(
        'volume_clear_size',
        default=0,
        min=0,
        help="""
MiB at the start of a deleted LVM disk to wipe; 0 wipes it all.

Related options:

* ``volume_clear``
"""),
]

libvirt_migration_opts = [
    cfg.HostDomainOpt(
        'live_migration_inbound_addr',
        help="""
The address other hosts use to send live migration traffic here.

Possible values:

* An IP address or host name; unset means this host's ``[DEFAULT] host``.

Related options:

* ``live_migration_scheme``
"""),
    cfg.StrOpt(
        'live_migration_scheme',
        help="""
The URI scheme used to reach the destination's libvirt.

Possible values:

* ``tcp``, ``ssh`` or ``tls``; unset means libvirt's default (``tcp``
  for kvm and qemu).

Related options:

* ``live_migration_inbound_addr``
"""),
    cfg.BoolOpt(
        'live_migration_tunnelled',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='23.0.0',
        deprecated_reason='Use live_migration_with_native_tls for encrypted '
                          'migration instead.',
        help="""
Send migration data through libvirtd's connection instead of directly.
"""),
    cfg.IntOpt(
        'live_migration_bandwidth',
        default=0,
        help="""
The most bandwidth, in MiB/s, a live migration may use.

Possible values:

* 0: no limit.
* A number of MiB/s.
"""),
    cfg.IntOpt(
        'live_migration_downtime',
        default=500,
        min=100,
        help="""
The longest pause, in milliseconds, allowed at the end of a live migration.

The allowed pause grows in steps up to this value.

Related options:

* ``live_migration_downtime_steps``, ``live_migration_downtime_delay``
"""),
    cfg.IntOpt(
        'live_migration_downtime_steps',
        default=10,
        min=3,
        help="""
In how many steps the allowed pause grows to its maximum.

Related options:

* ``live_migration_downtime``
"""),
    cfg.IntOpt(
        'live_migration_downtime_delay',
        default=75,
        min=3,
        help="""
Seconds per GiB of guest RAM between two growth steps of the pause.

Related options:

* ``live_migration_downtime``
"""),
    cfg.IntOpt(
        'live_migration_completion_timeout',
        default=800,
        min=0,
        mutable=True,
        help="""
Seconds per GiB of data to transfer after which a migration is treated as
stuck.

Possible values:

* 0: no timeout.
* A number of seconds per GiB.

Related options:

* ``live_migration_timeout_action``
"""),
    cfg.StrOpt(
        'live_migration_timeout_action',
        default='abort',
        choices=('abort', 'force_complete'),
        mutable=True,
        help="""
What to do with a live migration that exceeds its completion timeout.

Possible values:

* ``abort``: cancel it.
* ``force_complete``: switch to post-copy if allowed, else pause the guest
  until it finishes.

Related options:

* ``live_migration_completion_timeout``
* ``live_migration_permit_post_copy``
"""),
    cfg.BoolOpt(
        'live_migration_permit_post_copy',
        default=False,
        help="""
Let live migrations switch to post-copy mode to finish.

Related options:

* ``live_migration_permit_auto_converge``
"""),
    cfg.BoolOpt(
        'live_migration_permit_auto_converge',
        default=False,
        help="""
Let libvirt slow the guest's CPUs to help a migration converge.

Post-copy is preferred when both are allowed.

Related options:

* ``live_migration_permit_post_copy``
"""),
    cfg.BoolOpt(
        'live_migration_with_native_tls',
        default=False,
        help="""
Encrypt migration streams (memory and disks) with QEMU's native TLS.

Every compute host needs the TLS certificates configured in libvirt.
"""),
    cfg.IntOpt(
        'live_migration_parallel_connections',
        default=1,
        min=1,
        help="""
How many parallel connections carry one live migration's memory.

More connections can migrate busy guests faster on fast networks.
"""),
    cfg.StrOpt(
        'migration_inbound_addr',
        default='$my_ip',
        help="""
The address other hosts use to copy files here during cold migration and
resize.

Related options:

* ``[DEFAULT] my_ip``
"""),
]

ALL_OPTS = (libvirt_general_opts + libvirt_imagebackend_opts +
            libvirt_migration_opts)


def register_opts(conf):
    """Register the ``[libvirt]`` group."""
    conf.register_group(libvirt_group)
    conf.register_opts(ALL_OPTS, group=libvirt_group)


def list_opts():
    """:returns: the ``[libvirt]`` group and its options."""
    return {libvirt_group: ALL_OPTS}
