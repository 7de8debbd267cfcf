"""[workarounds]: switches for known bugs in nova_clone or its dependencies."""

from oslo_config import cfg

workarounds_group = cfg.OptGroup(
    'workarounds',
    title='Workaround Options',
    help="""
Each option here turns off (or on) a behaviour that is known to misbehave
with some versions of a dependency or in some deployments. They are meant
to be temporary: each should go away once its cause is fixed.
""")

ALL_OPTS = [
    cfg.BoolOpt(
        'disable_rootwrap',
        default=False,
        help="""
Run privileged commands with plain ``sudo`` instead of rootwrap.

For hosts where rootwrap is unusable; ``sudo`` must then be configured to
allow the commands.

Related options:

* ``[DEFAULT] rootwrap_config``
"""),
    cfg.BoolOpt(
        'disable_libvirt_livesnapshot',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='19.0.0',
        deprecated_reason='The libvirt and QEMU versions that needed it are '
                          'no longer supported.',
        help="""
Take cold (paused) snapshots instead of live ones with libvirt.
"""),
    cfg.BoolOpt(
        'handle_virt_lifecycle_events',
        default=True,
        help="""
React to the hypervisor's guest lifecycle events.

The events update an instance's power state at once. Turn them off if they
arrive out of order and stop guests by mistake; the periodic power state
sync still catches up.

Related options:

* ``[DEFAULT] sync_power_state_interval``
"""),
    cfg.BoolOpt(
        'disable_group_policy_check_upcall',
        default=False,
        help="""
Skip the compute host's late re-check of server group policies.

The re-check calls up to the API database, which some cell layouts
forbid; without it, concurrent builds can break a group's policy.
"""),
    cfg.BoolOpt(
        'enable_numa_live_migration',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='20.0.0',
        deprecated_reason='NUMA-aware live migration is supported; the flag '
                          'is only for compute hosts running an old release.',
        help="""
Allow live migrating servers that have a NUMA topology from old hosts.
"""),
    cfg.BoolOpt(
        'ensure_libvirt_rbd_instance_dir_cleanup',
        default=False,
        help="""
Remove the local instance directory of an RBD-backed instance on delete
even when ``instances_path`` is shared.

Related options:

* ``[libvirt] images_type``
* ``[DEFAULT] instances_path``
"""),
    cfg.BoolOpt(
        'disable_fallback_pcpu_query',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='20.0.0',
        help="""
Do not retry a pinned-CPU request as a legacy ``VCPU`` query when
Placement finds no ``PCPU`` candidates.
"""),
    cfg.BoolOpt(
        'never_download_image_if_on_rbd',
        default=False,
        help="""
Refuse to boot an image that would have to be downloaded onto RBD storage.

When Glance and the host share a Ceph cluster, images are cloned in place;
an image stored elsewhere would be copied through the host, which is slow
and may fill the pool.

Related options:

* ``[libvirt] images_type``
"""),
    cfg.BoolOpt(
        'reserve_disk_resource_for_image_cache',
        default=False,
        help="""
Report the disk used by the image cache as reserved in Placement.

Related options:

* ``[DEFAULT] reserved_host_disk_mb``
"""),
    cfg.ListOpt(
        'wait_for_vif_plugged_event_during_hard_reboot',
        item_type=cfg.types.String(
            choices=['normal', 'direct', 'macvtap', 'baremetal',
                     'direct-physical', 'virtio-forwarder', 'smart-nic',
                     'vdpa', 'accelerator-direct',
                     'accelerator-direct-physical', 'remote-managed']),
        default=[],
        help="""
Wait for vif-plugged events during a hard reboot, for these vNIC types.

Only useful with Neutron backends that send the event on every replug.

Possible values:

* A list of vNIC types; empty means never wait.

Related options:

* ``[DEFAULT] vif_plugging_timeout``
"""),
    cfg.BoolOpt(
        'libvirt_disable_apic',
        default=False,
        help="""
Boot libvirt guests without an APIC.

For old guest kernels that crash with one.
"""),
    cfg.BoolOpt(
        'enable_qemu_monitor_announce_self',
        default=False,
        help="""
Ask QEMU to announce the guest's MAC addresses after a live migration.

Helps switches learn the new location when the network backend does not.

Related options:

* ``qemu_monitor_announce_self_count``
* ``qemu_monitor_announce_self_interval``
"""),
    cfg.IntOpt(
        'qemu_monitor_announce_self_count',
        default=3,
        min=1,
        help="""
How many announce requests are sent after a live migration.

Related options:

* ``enable_qemu_monitor_announce_self``
"""),
    cfg.IntOpt(
        'qemu_monitor_announce_self_interval',
        default=1,
        min=1,
        help="""
Seconds between two announce requests.

Related options:

* ``enable_qemu_monitor_announce_self``
"""),
    cfg.BoolOpt(
        'skip_cpu_compare_on_dest',
        default=False,
        help="""
Skip comparing the guest CPU with the destination host's before a live
migration; libvirt still checks it when the migration starts.
"""),
    cfg.BoolOpt(
        'skip_cpu_compare_at_startup',
        default=False,
        help="""
Skip checking at startup that the host CPU supports the configured CPU
models and flags.

Related options:

* ``[libvirt] cpu_models``
"""),
    cfg.BoolOpt(
        'skip_hypervisor_version_check_on_lm',
        default=False,
        help="""
Allow live migration to a host with an older hypervisor version.
"""),
    cfg.BoolOpt(
        'disable_compute_service_check_for_ffu',
        default=False,
        help="""
Skip the startup check for compute services too old to upgrade from.

Only for fast-forward upgrades where the old services are about to go.
"""),
    cfg.BoolOpt(
        'unified_limits_count_pcpu_as_vcpu',
        default=False,
        help="""
Count pinned CPUs (``PCPU``) against the ``VCPU`` unified limit.

Related options:

* ``[quota] driver``
"""),
    cfg.BoolOpt(
        'disable_deep_image_inspection',
        default=False,
        help="""
Skip the safety inspection of image files before they are used.

The inspection catches images crafted to read host files; turn it off only
if it wrongly rejects good images.
"""),
]


def register_opts(conf):
    """Register the ``[workarounds]`` group."""
    conf.register_group(workarounds_group)
    conf.register_opts(ALL_OPTS, group=workarounds_group)


def list_opts():
    """:returns: the ``[workarounds]`` group and its options."""
    return {workarounds_group: ALL_OPTS}
