"""Fakes for scheduler unit tests: host states, specs and aggregates
built in memory (no database, no Placement).
"""

from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_clone import objects
from nova_clone.scheduler import host_manager

objects.register_all()

CELL1 = 'c0000000-0000-0000-0000-000000000001'


def host_state(host='host1', node=None, cell_uuid=CELL1, **attrs):
    """:returns: a HostState with ``attrs`` set, a uuid and an enabled,
    fresh service.
    """
    state = host_manager.HostState(host, node or host, cell_uuid)
    state.uuid = uuidutils.generate_uuid()
    state.service = {'host': host, 'disabled': False, 'forced_down': False,
                     'disabled_reason': None,
                     'updated_at': timeutils.utcnow(with_timezone=False)}
    state.free_ram_mb = state.total_usable_ram_mb = 8192
    state.free_disk_mb = 100 * 1024
    state.total_usable_disk_gb = 100
    state.vcpus_total = 8
    state.cpu_allocation_ratio = 1.0
    for name, value in attrs.items():
        setattr(state, name, value)
    return state


def aggregate(metadata=None, hosts=None, name='agg'):
    """:returns: an Aggregate object (not stored)."""
    return objects.Aggregate(id=1, uuid=uuidutils.generate_uuid(),
                             name=name, metadata=dict(metadata or {}),
                             hosts=list(hosts or []))


def flavor(vcpus=1, memory_mb=512, root_gb=1, ephemeral_gb=0, swap=0,
           extra_specs=None):
    """:returns: a Flavor object (not stored)."""
    return objects.Flavor(id=1, flavorid='1', name='m1.test', vcpus=vcpus,
                          memory_mb=memory_mb, root_gb=root_gb,
                          ephemeral_gb=ephemeral_gb, swap=swap,
                          extra_specs=dict(extra_specs or {}))


def image(properties=None, **fields):
    """:returns: an ImageMeta built from Glance-style properties."""
    meta = dict(fields)
    meta['properties'] = dict(properties or {})
    return objects.ImageMeta.from_dict(meta)


def group(policy='anti-affinity', members=None, hosts=None, rules=None):
    """:returns: an InstanceGroup (not stored)."""
    return objects.InstanceGroup(uuid=uuidutils.generate_uuid(),
                                 policy=policy, rules=dict(rules or {}),
                                 members=list(members or []),
                                 hosts=list(hosts or []))


def spec(flavor_obj=None, **fields):
    """:returns: a RequestSpec with sensible defaults; ``fields`` override
    them.
    """
    values = dict(instance_uuid=uuidutils.generate_uuid(),
                  project_id='project', user_id='user',
                  flavor=flavor_obj or flavor(), num_instances=1,
                  image=image(), instance_group=None, scheduler_hints={},
                  availability_zone=None, is_bfv=False, ignore_hosts=None,
                  force_hosts=None, force_nodes=None, retry=None,
                  requested_destination=None)
    values.update(fields)
    return objects.RequestSpec(**values)


def instance(uuid=None, host='host1'):
    """:returns: a minimal Instance object for ``host_state.instances``."""
    return objects.Instance(uuid=uuid or uuidutils.generate_uuid(),
                            host=host, node=host)
