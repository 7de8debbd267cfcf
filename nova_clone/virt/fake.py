"""An in-memory virt driver for tests and for running without a hypervisor."""

import collections
import math
import threading
import uuid as uuid_lib

import fixtures
from oslo_log import log as logging

from nova_clone.compute import power_state
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.exception import virt as virt_exc
from nova_clone.image import glance
from nova_clone.virt import driver
from nova_clone.virt import event as virtevent

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: more than three lines: clients (Tempest) check that an unlimited
# console log is longer than a limited one.
CONSOLE_OUTPUT = ('FAKE CONSOLE OUTPUT\nBOOTING FAKE KERNEL\nSTARTING INIT\n'
                  'ANOTHER\nLAST LINE')
HOST_UPTIME = (' 08:32:11 up 93 days, 18:25, 12 users,  load average:'
               ' 0.20, 0.12, 0.14')

# Node uuids are derived from node names, so they survive a service restart
# (the compute node record keeps its uuid) and every process agrees on them.
NODE_UUID_NAMESPACE = uuid_lib.UUID('6f0e2f5c-3d8a-4e8b-9a55-5b0c1f7d2a10')

# The lifecycle event a guest changing to a power state looks like.
_STATE_EVENTS = {
    power_state.RUNNING: virtevent.EVENT_LIFECYCLE_STARTED,
    power_state.SHUTDOWN: virtevent.EVENT_LIFECYCLE_STOPPED,
    power_state.CRASHED: virtevent.EVENT_LIFECYCLE_STOPPED,
    power_state.PAUSED: virtevent.EVENT_LIFECYCLE_PAUSED,
    power_state.SUSPENDED: virtevent.EVENT_LIFECYCLE_SUSPENDED,
}


def node_uuid(nodename):
    """:returns: the stable compute node uuid of a fake node."""
    return str(uuid_lib.uuid5(NODE_UUID_NAMESPACE, nodename))


# Task states the snapshot progress callback reports; the values are the
# ones the compute layer stores on the instance.
IMAGE_PENDING_UPLOAD = 'image_pending_upload'
IMAGE_UPLOADING = 'image_uploading'

# Operations that failure injection can break.
INJECTABLE_OPS = ('spawn', 'destroy', 'reboot', 'power_off', 'power_on',
                  'pause', 'unpause', 'suspend', 'resume', 'rescue',
                  'unrescue', 'snapshot', 'soft_delete', 'restore')


def _field(instance, name, default=None):
    # Accept Instance objects and plain dicts: unit tests and tools pass
    # either.
    if isinstance(instance, collections.abc.Mapping):
        return instance.get(name, default)
    return getattr(instance, name, default)


class FakeInstance(object):
    """The driver's record of one guest."""

    def __init__(self, uuid, name, node, state):
        self.uuid = uuid
        self.name = name
        self.node = node
        self.state = state
        self.rescued = False
        self.volumes = {}
        self.admin_password = None

    def __repr__(self):
        return 'FakeInstance(%s, %s, node=%s, state=%s)' % (
            self.uuid, self.name, self.node,
            power_state.name(self.state))


class _Failure(object):
    """One injected failure rule."""

    def __init__(self, op, times, hosts, instance_uuids, exc):
        self.op = op
        # None means "until cleared".
        self.remaining = times
        self.hosts = set(hosts) if hosts else None
        self.instance_uuids = set(instance_uuids) if instance_uuids else None
        self.exc = exc

    def matches(self, op, host, node, uuid):
        if op != self.op:
            return False
        if self.hosts is not None and not ({host, node} & self.hosts):
            return False
        if self.instance_uuids is not None and uuid not in self.instance_uuids:
            return False
        return True

    def build_exception(self, uuid):
        if self.exc is None:
            reason = 'injected %s failure' % self.op
            if self.op == 'spawn':
                return virt_exc.InstanceSpawnFailure(instance_uuid=uuid,
                                                     reason=reason)
            return exception.NovaException(
                'Instance %s: %s' % (uuid, reason))
        if isinstance(self.exc, type):
            return self.exc('injected %s failure' % self.op)
        return self.exc


class FakeDriver(driver.ComputeDriver):
    """Keeps guests in a dict; every operation just changes a record.

    Class-level settings (nodes, node resources, injected failures) apply
    to drivers created afterwards or, for failures, to every driver, since
    tests usually cannot reach the driver a compute service builds.
    """

    capabilities = dict(driver.ComputeDriver.capabilities,
                        has_imagecache=True,
                        supports_evacuate=True,
                        supports_migrate_to_same_host=False,
                        supports_attach_interface=True,
                        supports_device_tagging=True,
                        supports_tagged_attach_interface=True,
                        supports_tagged_attach_volume=True,
                        supports_extend_volume=True,
                        supports_multiattach=True,
                        supports_trusted_certs=True,
                        supports_pcpus=False,
                        supports_accelerators=True,
                        supports_bfv_rescue=True,
                        supports_image_type_raw=True,
                        supports_image_type_qcow2=True,
                        supports_image_type_iso=True)

    # Per-node capacity; big so placement never runs out in tests.
    vcpus = 1000
    memory_mb = 800000
    local_gb = 600000

    _class_lock = threading.RLock()
    _fake_nodes = None
    _node_resources = {}
    _failures = []

    def __init__(self, virtapi, read_only=False):
        super().__init__(virtapi)
        self._lock = threading.RLock()
        self.instances = {}
        self._host = CONF.host
        with FakeDriver._class_lock:
            # Nodes are fixed at construction, so a test can give each
            # compute service its own set with set_nodes/restore_nodes.
            nodes = FakeDriver._fake_nodes
        self._nodes = list(nodes) if nodes else [self._host]

    # ------------------------------------------------ class-level knobs

    @classmethod
    def set_nodes(cls, nodes):
        """Make drivers created from now on manage ``nodes``.

        :param nodes: a non-empty list of node names.
        :raises: ValueError on an empty list.
        """
        if not nodes:
            raise ValueError('FakeDriver needs at least one node')
        with FakeDriver._class_lock:
            FakeDriver._fake_nodes = list(nodes)

    @classmethod
    def restore_nodes(cls):
        """Go back to one node named after ``CONF.host``."""
        with FakeDriver._class_lock:
            FakeDriver._fake_nodes = None

    @classmethod
    def set_node_resources(cls, nodename, vcpus=None, memory_mb=None,
                           local_gb=None):
        """Override one node's capacity (None keeps the class default)."""
        with FakeDriver._class_lock:
            FakeDriver._node_resources[nodename] = {
                k: v for k, v in (('vcpus', vcpus), ('memory_mb', memory_mb),
                                  ('local_gb', local_gb)) if v is not None}

    @classmethod
    def inject_failure(cls, op, times=1, hosts=None, instance_uuids=None,
                       exc=None):
        """Make the next ``times`` calls of ``op`` raise.

        :param op: one of :data:`INJECTABLE_OPS`.
        :param times: how many calls fail; None fails until cleared.
        :param hosts: only fail on these service hosts or node names.
        :param instance_uuids: only fail for these instances.
        :param exc: an exception instance or class to raise; a driver
            failure (which reschedules a build) by default.
        :raises: ValueError for an unknown op or a bad count.
        """
        if op not in INJECTABLE_OPS:
            raise ValueError('Cannot inject failures into %r' % op)
        if times is not None and times < 1:
            raise ValueError('times must be positive or None')
        with FakeDriver._class_lock:
            FakeDriver._failures.append(
                _Failure(op, times, hosts, instance_uuids, exc))

    @classmethod
    def fail_spawn(cls, times=1, hosts=None, exc=None, instance_uuids=None):
        """Shortcut for :meth:`inject_failure` on ``spawn``."""
        cls.inject_failure('spawn', times=times, hosts=hosts,
                           instance_uuids=instance_uuids, exc=exc)

    @classmethod
    def clear_failures(cls):
        """Drop every injected failure."""
        with FakeDriver._class_lock:
            FakeDriver._failures = []

    @classmethod
    def reset(cls):
        """Undo every class-level setting (test clean-up)."""
        cls.clear_failures()
        cls.restore_nodes()
        with FakeDriver._class_lock:
            FakeDriver._node_resources = {}

    def _maybe_fail(self, op, instance, node=None):
        uuid = _field(instance, 'uuid')
        node = node or _field(instance, 'node')
        with FakeDriver._class_lock:
            for failure in FakeDriver._failures:
                if failure.matches(op, self._host, node, uuid):
                    if failure.remaining is not None:
                        failure.remaining -= 1
                        if failure.remaining <= 0:
                            FakeDriver._failures.remove(failure)
                    break
            else:
                return
        LOG.info('Injected %s failure for instance %s', op, uuid)
        raise failure.build_exception(uuid)

    # --------------------------------------------------------- helpers

    def _record(self, instance):
        uuid = _field(instance, 'uuid')
        rec = self.instances.get(uuid)
        if rec is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return rec

    def _transition(self, op, instance, new_state, transition, **changes):
        """Fail if injected, move the record to ``new_state``, emit."""
        self._maybe_fail(op, instance)
        with self._lock:
            rec = self._record(instance)
            rec.state = new_state
            for key, value in changes.items():
                setattr(rec, key, value)
        # Outside the lock: a listener may call back into the driver.
        if transition is not None:
            self.emit_event(virtevent.LifecycleEvent(rec.uuid, transition))

    # ------------------------------------------------------------- host

    def init_host(self, host):
        self._host = host

    def cleanup_host(self, host):
        pass

    def get_host_uptime(self):
        return HOST_UPTIME

    def get_host_ip_addr(self):
        return CONF.my_ip

    def get_available_nodes(self, refresh=False):
        return list(self._nodes)

    def get_nodenames_by_uuid(self, refresh=False):
        return {node_uuid(n): n for n in self._nodes}

    def _resources(self, nodename):
        res = {'vcpus': self.vcpus, 'memory_mb': self.memory_mb,
               'local_gb': self.local_gb}
        with FakeDriver._class_lock:
            res.update(FakeDriver._node_resources.get(nodename, {}))
        return res

    def get_available_resource(self, nodename):
        if nodename not in self._nodes:
            # Unknown node: nothing to report, like a node that vanished.
            return {}
        res = self._resources(nodename)
        # Usage is left at zero: the resource tracker sums instance flavors
        # itself and Placement holds the allocations.
        return {
            'uuid': node_uuid(nodename),
            'vcpus': res['vcpus'],
            'memory_mb': res['memory_mb'],
            'local_gb': res['local_gb'],
            'vcpus_used': 0,
            'memory_mb_used': 0,
            'local_gb_used': 0,
            'hypervisor_type': 'fake',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'disk_available_least': res['local_gb'],
            'cpu_info': '?',
            'numa_topology': None,
            'pci_passthrough_devices': None,
            'supported_instances': [['x86_64', 'fake', 'hvm']],
        }

    @staticmethod
    def _ratio(explicit, current_inventory, rc, initial):
        # An operator-set ratio wins; otherwise keep what Placement has
        # (someone may have changed it there), else the initial ratio.
        if explicit:
            return explicit
        if current_inventory and rc in current_inventory:
            return current_inventory[rc]['allocation_ratio']
        return initial

    def update_provider_tree(self, provider_tree, nodename, allocations=None):
        """Report VCPU, MEMORY_MB and DISK_GB for ``nodename``.

        :raises: ValueError when the tree has no provider ``nodename``.
        """
        res = self._resources(nodename)
        current = provider_tree.data(nodename).inventory
        inventory = {
            'VCPU': {
                'total': res['vcpus'],
                'min_unit': 1,
                'max_unit': res['vcpus'],
                'step_size': 1,
                'allocation_ratio': self._ratio(
                    CONF.cpu_allocation_ratio, current, 'VCPU',
                    CONF.initial_cpu_allocation_ratio),
                'reserved': CONF.reserved_host_cpus,
            },
            'MEMORY_MB': {
                'total': res['memory_mb'],
                'min_unit': 1,
                'max_unit': res['memory_mb'],
                'step_size': 1,
                'allocation_ratio': self._ratio(
                    CONF.ram_allocation_ratio, current, 'MEMORY_MB',
                    CONF.initial_ram_allocation_ratio),
                'reserved': CONF.reserved_host_memory_mb,
            },
            'DISK_GB': {
                'total': res['local_gb'],
                'min_unit': 1,
                'max_unit': res['local_gb'],
                'step_size': 1,
                'allocation_ratio': self._ratio(
                    CONF.disk_allocation_ratio, current, 'DISK_GB',
                    CONF.initial_disk_allocation_ratio),
                # Placement counts disk in GiB; round the MiB reserve up.
                'reserved': int(math.ceil(
                    CONF.reserved_host_disk_mb / 1024.0)),
            },
        }
        provider_tree.update_inventory(nodename, inventory)

    # --------------------------------------------------------- listings

    def get_info(self, instance, use_cache=True):
        with self._lock:
            rec = self._record(instance)
            return driver.InstanceInfo(state=rec.state, internal_id=rec.name)

    def list_instances(self):
        with self._lock:
            return [rec.name for rec in self.instances.values()]

    def list_instance_uuids(self):
        with self._lock:
            return list(self.instances)

    def instance_exists(self, instance):
        with self._lock:
            return _field(instance, 'uuid') in self.instances

    # -------------------------------------------------------- lifecycle

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None, power_on=True, accel_info=None):
        uuid = _field(instance, 'uuid')
        node = _field(instance, 'node') or self._nodes[0]
        self._maybe_fail('spawn', instance, node=node)
        name = _field(instance, 'name') or uuid
        state = power_state.RUNNING if power_on else power_state.SHUTDOWN
        with self._lock:
            if uuid in self.instances:
                raise exception.InstanceExists(name=name)
            rec = FakeInstance(uuid, name, node, state)
            rec.admin_password = admin_password
            self.instances[uuid] = rec
        if power_on:
            self.emit_event(virtevent.LifecycleEvent(
                uuid, virtevent.EVENT_LIFECYCLE_STARTED))

    def destroy(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, destroy_secrets=True):
        self._maybe_fail('destroy', instance)
        uuid = _field(instance, 'uuid')
        with self._lock:
            rec = self.instances.pop(uuid, None)
        if rec is None:
            LOG.warning('Instance %s not found on this host while '
                        'destroying it', uuid)
        elif rec.state != power_state.SHUTDOWN:
            self.emit_event(virtevent.LifecycleEvent(
                uuid, virtevent.EVENT_LIFECYCLE_STOPPED))

    def cleanup(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True, migrate_data=None, destroy_vifs=True,
                destroy_secrets=True):
        # Nothing outlives destroy() in memory; drop a leftover record.
        with self._lock:
            self.instances.pop(_field(instance, 'uuid'), None)

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None, bad_volumes_callback=None,
               accel_info=None):
        self._transition('reboot', instance, power_state.RUNNING,
                         virtevent.EVENT_LIFECYCLE_STARTED)

    def power_off(self, instance, timeout=0, retry_interval=0):
        self._transition('power_off', instance, power_state.SHUTDOWN,
                         virtevent.EVENT_LIFECYCLE_STOPPED)

    def power_on(self, context, instance, network_info,
                 block_device_info=None, accel_info=None):
        self._transition('power_on', instance, power_state.RUNNING,
                         virtevent.EVENT_LIFECYCLE_STARTED)

    def pause(self, instance):
        self._transition('pause', instance, power_state.PAUSED,
                         virtevent.EVENT_LIFECYCLE_PAUSED)

    def unpause(self, instance):
        self._transition('unpause', instance, power_state.RUNNING,
                         virtevent.EVENT_LIFECYCLE_RESUMED)

    def suspend(self, context, instance):
        self._transition('suspend', instance, power_state.SUSPENDED,
                         virtevent.EVENT_LIFECYCLE_SUSPENDED)

    def resume(self, context, instance, network_info, block_device_info=None):
        self._transition('resume', instance, power_state.RUNNING,
                         virtevent.EVENT_LIFECYCLE_RESUMED)

    def rescue(self, context, instance, network_info, image_meta,
               rescue_password, block_device_info):
        self._transition('rescue', instance, power_state.RUNNING, None,
                         rescued=True, admin_password=rescue_password)

    def unrescue(self, context, instance):
        self._maybe_fail('unrescue', instance)
        with self._lock:
            rec = self._record(instance)
            if not rec.rescued:
                raise virt_exc.InstanceNotInRescueMode(instance_id=rec.uuid)
            rec.rescued = False
            rec.state = power_state.RUNNING

    def soft_delete(self, instance):
        self._transition('soft_delete', instance, power_state.SHUTDOWN,
                         virtevent.EVENT_LIFECYCLE_STOPPED)

    def restore(self, instance):
        self._transition('restore', instance, power_state.RUNNING,
                         virtevent.EVENT_LIFECYCLE_STARTED)

    def snapshot(self, context, instance, image_id, update_task_state):
        self._maybe_fail('snapshot', instance)
        with self._lock:
            if _field(instance, 'uuid') not in self.instances:
                raise virt_exc.InstanceNotRunning(
                    instance_id=_field(instance, 'uuid'))
        update_task_state(task_state=IMAGE_PENDING_UPLOAD)
        update_task_state(task_state=IMAGE_UPLOADING,
                          expected_state=IMAGE_PENDING_UPLOAD)
        # NOTE: a few bytes stand for the disk, so the image becomes
        # active in Glance as a real snapshot's would.
        glance.API().upload(
            context, image_id,
            b'fake snapshot of %s' % _field(instance, 'uuid').encode())

    def set_admin_password(self, instance, new_pass):
        with self._lock:
            self._record(instance).admin_password = new_pass

    # ------------------------------------------------ networks, volumes

    def plug_vifs(self, instance, network_info):
        pass

    def unplug_vifs(self, instance, network_info):
        pass

    def get_volume_connector(self, instance):
        return {'ip': CONF.my_block_storage_ip,
                'initiator': 'fake',
                'host': self._host}

    def attach_volume(self, context, connection_info, instance, mountpoint,
                      disk_bus=None, device_type=None, encryption=None):
        with self._lock:
            self._record(instance).volumes[mountpoint] = connection_info

    def detach_volume(self, context, connection_info, instance, mountpoint,
                      encryption=None):
        with self._lock:
            rec = self.instances.get(_field(instance, 'uuid'))
            if rec is not None:
                rec.volumes.pop(mountpoint, None)

    # --------------------------------------------------------- consoles

    def get_console_output(self, context, instance):
        return CONSOLE_OUTPUT

    def get_vnc_console(self, context, instance):
        return driver.ConsoleVNC(host='fakevncconsole.com', port=6969,
                                 internal_access_path='FAKE')

    def get_spice_console(self, context, instance):
        return driver.ConsoleSpice(host='fakespiceconsole.com', port=6969,
                                   tls_port=6970,
                                   internal_access_path='FAKE')

    def get_serial_console(self, context, instance):
        return driver.ConsoleSerial(host='127.0.0.1', port=10000)

    # ------------------------------------------------------ diagnostics

    def get_diagnostics(self, instance):
        with self._lock:
            rec = self._record(instance)
        return {'cpu0_time': 17300000000, 'memory': 524288,
                'vda_read': 262144, 'vda_read_req': 112,
                'vda_write': 5778432, 'vda_write_req': 488,
                'vda_errors': -1, 'state': rec.state}

    def get_instance_diagnostics(self, instance):
        with self._lock:
            rec = self._record(instance)
        state = power_state.STATE_MAP.get(rec.state, 'pending')
        return {
            # NOTE: the 2.48 field is an enum of real drivers; nova's fake
            # driver poses as libvirt there too.
            'state': state, 'driver': 'libvirt', 'hypervisor': 'fake',
            'hypervisor_os': 'fake-os', 'uptime': 46664,
            'config_drive': bool(_field(instance, 'config_drive')),
            'num_cpus': 1, 'num_nics': 0, 'num_disks': 1,
            'memory_details': {'maximum': _field(instance, 'memory_mb', 0),
                               'used': 0},
            'cpu_details': [{'id': 0, 'time': 17300000000,
                             'utilisation': 15}],
            'nic_details': [],
            'disk_details': [{'read_bytes': 262144, 'read_requests': 112,
                              'write_bytes': 5778432, 'write_requests': 488,
                              'errors_count': 1}],
        }

    def trigger_crash_dump(self, instance):
        with self._lock:
            self._record(instance)

    # ------------------------------------------------- test-only hooks

    def simulate_power_state(self, instance, state, emit=True):
        """Change a guest's power state behind the manager's back.

        Stands in for a guest that crashes or is shut down from inside, so
        tests can exercise the power-state sync and lifecycle handling.

        :param instance: the instance (or its uuid).
        :param state: a :mod:`nova_clone.compute.power_state` value.
        :param emit: whether to emit the matching lifecycle event.
        :raises: InstanceNotFound when the guest does not exist.
        """
        uuid = instance if isinstance(instance, str) else _field(
            instance, 'uuid')
        with self._lock:
            rec = self.instances.get(uuid)
            if rec is None:
                raise exception.InstanceNotFound(instance_id=uuid)
            rec.state = state
        transition = _STATE_EVENTS.get(state)
        if emit and transition is not None:
            self.emit_event(virtevent.LifecycleEvent(uuid, transition))

    def simulate_vanished(self, instance):
        """Drop a guest without destroy(), as if deleted on the hypervisor.

        :param instance: the instance (or its uuid).
        """
        uuid = instance if isinstance(instance, str) else _field(
            instance, 'uuid')
        with self._lock:
            self.instances.pop(uuid, None)


class MediumFakeDriver(FakeDriver):
    """A fake with realistic, small capacity, to exercise scheduling."""

    vcpus = 10
    memory_mb = 8192
    local_gb = 1028


class SmallFakeDriver(FakeDriver):
    """A fake that fits only a handful of tiny guests."""

    vcpus = 1
    memory_mb = 8192
    local_gb = 1028


class FakeDriverFixture(fixtures.Fixture):
    """Resets FakeDriver's class-level nodes, resources and failures."""

    def _setUp(self):
        FakeDriver.reset()
        self.addCleanup(FakeDriver.reset)
