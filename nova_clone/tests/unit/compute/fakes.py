"""Fakes for compute unit tests: an in-memory conductor, Placement, tasks.

:class:`FakeConductor` answers the remotable object calls a compute host
makes (it is installed as ``NovaObject.indirection_api``), so the flows
run against real objects with no database and no RPC.
"""

import copy
import itertools
import uuid as uuid_lib

import fixtures
from oslo_utils import timeutils
from oslo_versionedobjects import base as ovo_base

from nova_clone.compute import task_states
from nova_clone import exception
from nova_clone import objects
from nova_clone.objects import base as objects_base
from nova_clone.objects import instance as instance_obj
from nova_clone.scheduler.client.report import provider_tree

objects.register_all()


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple, set)) else [value]


class FakeConductor(ovo_base.VersionedObjectIndirectionAPI):
    """An in-memory cell database behind the object indirection API."""

    def __init__(self):
        self.instances = {}
        self.bdms = {}
        self.nodes = {}
        self.faults = []
        self.events = []
        self.actions = []
        self.info_caches = {}
        # (uuid, {field: value}) for every Instance.save, in order.
        self.saves = []
        self._ids = itertools.count(1)
        # instance uuids whose console tokens were removed, in order.
        self.cleaned_console_tokens = []

    # ------------------------------------------------------- test helpers

    def add_instance(self, instance):
        self.instances[instance.uuid] = instance.obj_clone()
        self.instances[instance.uuid].obj_reset_changes(recursive=True)

    def stored(self, uuid):
        return self.instances[uuid]

    def task_states_of(self, uuid):
        return [changes['task_state'] for u, changes in self.saves
                if u == uuid and 'task_state' in changes]

    def event_results(self, uuid):
        return [(e['event'], e['phase'], e.get('details'))
                for e in self.events if e['instance_uuid'] == uuid]

    # ----------------------------------------------------------- dispatch

    def object_action(self, context, objinst, objmethod, args, kwargs):
        handler = getattr(self, '_%s_%s' % (objinst.obj_name(), objmethod))
        return {}, handler(context, objinst, *args, **kwargs)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        handler = getattr(self, '_cls_%s_%s' % (objname, objmethod))
        return handler(context, *args, **kwargs)

    def object_class_action(self, context, objname, objmethod, objver,
                            args, kwargs):
        return self.object_class_action_versions(context, objname, objmethod,
                                                 None, args, kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        return objinst

    # ---------------------------------------------------- ConsoleAuthToken

    def _cls_ConsoleAuthToken_clean_console_auths_for_instance(
            self, context, instance_uuid):
        self.cleaned_console_tokens.append(instance_uuid)

    # ------------------------------------------------------------ Instance

    def _live(self, context, uuid):
        stored = self.instances.get(uuid)
        if stored is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        mode = getattr(context, 'read_deleted', 'no')
        if (mode == 'no' and stored.deleted) or \
                (mode == 'only' and not stored.deleted):
            raise exception.InstanceNotFound(instance_id=uuid)
        return stored

    def _check_expected(self, stored, name, expected, deleting_exc):
        if expected is None:
            return
        expected = _as_list(expected)
        actual = getattr(stored, name)
        if actual in expected:
            return
        if deleting_exc and actual == task_states.DELETING:
            raise exception.UnexpectedDeletingTaskStateError(
                expected=expected, actual=actual)
        if deleting_exc:
            raise exception.UnexpectedTaskStateError(expected=expected,
                                                     actual=actual)
        raise exception.UnexpectedVMStateError(expected=expected,
                                               actual=actual)

    def _Instance_save(self, context, inst, expected_vm_state=None,
                       expected_task_state=None, admin_state_reset=False):
        stored = self._live(context, inst.uuid)
        self._check_expected(stored, 'task_state', expected_task_state, True)
        self._check_expected(stored, 'vm_state', expected_vm_state, False)
        changes = {}
        for field in inst.obj_what_changed():
            if field in instance_obj.INSTANCE_OPTIONAL_ATTRS:
                if field == 'info_cache' and inst.info_cache is not None:
                    self.info_caches[inst.uuid] = copy.deepcopy(
                        inst.info_cache.network_info)
                continue
            changes[field] = getattr(inst, field)
            setattr(stored, field, changes[field])
        stored.updated_at = timeutils.utcnow()
        self.saves.append((inst.uuid, changes))
        for field in stored.fields:
            if field not in instance_obj.INSTANCE_OPTIONAL_ATTRS and \
                    stored.obj_attr_is_set(field):
                setattr(inst, field, getattr(stored, field))

    def _Instance_destroy(self, context, inst, hard_delete=False):
        stored = self._live(context, inst.uuid)
        stored.deleted = True
        stored.deleted_at = timeutils.utcnow()
        inst.deleted = True
        inst.deleted_at = stored.deleted_at

    def _Instance_refresh(self, context, inst, use_slave=False):
        stored = self._live(context, inst.uuid)
        for field in stored.fields:
            if stored.obj_attr_is_set(field) and (
                    field not in instance_obj.INSTANCE_OPTIONAL_ATTRS or
                    inst.obj_attr_is_set(field)):
                setattr(inst, field, copy.deepcopy(getattr(stored, field)))

    def _copy(self, context, stored):
        inst = stored.obj_clone()
        inst._context = context
        inst.obj_reset_changes(recursive=True)
        return inst

    def _cls_Instance_get_by_uuid(self, context, uuid, expected_attrs=None,
                                  use_slave=False):
        return self._copy(context, self._live(context, uuid))

    def _select(self, context, predicate):
        insts = [self._copy(context, i) for i in self.instances.values()
                 if not i.deleted and predicate(i)]
        return objects.InstanceList(context, objects=insts)

    def _cls_InstanceList_get_by_host(self, context, host,
                                      expected_attrs=None, use_slave=False):
        return self._select(context, lambda i: i.host == host)

    def _cls_InstanceList_get_by_host_and_node(self, context, host, node,
                                               expected_attrs=None):
        return self._select(context,
                            lambda i: i.host == host and i.node == node)

    def _cls_InstanceList_get_uuids_by_host(self, context, host):
        return [i.uuid for i in self._cls_InstanceList_get_by_host(
            context, host)]

    def _cls_InstanceList_get_by_filters(self, context, filters, **kwargs):
        def match(inst):
            return all(getattr(inst, k) == v for k, v in filters.items()
                       if k != 'deleted')
        return self._select(context, match)

    def _InstanceInfoCache_save(self, context, cache, update_cells=True):
        self.info_caches[cache.instance_uuid] = copy.deepcopy(
            cache.network_info)

    # ---------------------------------------------- faults, actions, BDMs

    def _InstanceFault_create(self, context, fault):
        fault.id = next(self._ids)
        self.faults.append(fault.obj_clone())

    def _cls_InstanceActionEvent_event_start(self, context, instance_uuid,
                                             event_name, want_result=True,
                                             host=None):
        self.events.append({'instance_uuid': instance_uuid,
                            'event': event_name, 'phase': 'start',
                            'host': host})

    def _cls_InstanceActionEvent_event_finish_with_failure(
            self, context, instance_uuid, event_name, exc_val=None,
            exc_tb=None, want_result=None):
        self.events.append({'instance_uuid': instance_uuid,
                            'event': event_name,
                            'phase': 'Success' if exc_tb is None
                            else 'Error', 'details': exc_val})

    def _cls_InstanceAction_action_start(self, context, instance_uuid,
                                         action_name, want_result=True):
        self.actions.append((instance_uuid, action_name, 'start'))

    def _cls_InstanceAction_action_finish(self, context, instance_uuid,
                                          want_result=True):
        self.actions.append((instance_uuid, None, 'finish'))

    def _cls_BlockDeviceMappingList_get_by_instance_uuid(
            self, context, instance_uuid, use_slave=False):
        return objects.BlockDeviceMappingList(
            context, objects=list(self.bdms.get(instance_uuid, [])))

    def _BlockDeviceMapping_save(self, context, bdm):
        pass

    # ------------------------------------------------------ compute nodes

    def _cls_ComputeNode_get_by_host_and_nodename(self, context, host,
                                                  nodename):
        node = self.nodes.get((host, nodename))
        if node is None:
            raise exception.ComputeHostNotFound(host=host)
        copy_ = node.obj_clone()
        copy_._context = context
        copy_.obj_reset_changes()
        return copy_

    def _ComputeNode_create(self, context, node):
        node.id = next(self._ids)
        if not node.obj_attr_is_set('uuid'):
            node.uuid = str(uuid_lib.uuid4())
        self.nodes[(node.host, node.hypervisor_hostname)] = node.obj_clone()

    def _ComputeNode_save(self, context, node, prune_stats=False):
        self.nodes[(node.host, node.hypervisor_hostname)] = node.obj_clone()


class FakeReportClient(object):
    """Placement as the compute sees it: allocations and a provider tree."""

    def __init__(self):
        self.allocations = {}
        self.deleted = []

    def get_allocations_for_consumer(self, context, consumer):
        return self.allocations.get(consumer, {})

    def delete_allocation_for_instance(self, context, uuid, force=False):
        self.deleted.append(uuid)
        return self.allocations.pop(uuid, None) is not None

    def get_provider_tree_and_ensure_root(self, context, rp_uuid, name=None,
                                          parent_provider_uuid=None):
        tree = provider_tree.ProviderTree()
        tree.new_root(name, rp_uuid)
        return tree

    def update_from_provider_tree(self, context, new_tree):
        pass


class FakeComputeTaskAPI(object):
    """Records the reschedules a compute asks the conductor for."""

    def __init__(self):
        self.calls = []

    def build_instances(self, context, instances, image, filter_properties,
                        admin_password, injected_files, requested_networks,
                        security_groups, block_device_mapping,
                        legacy_bdm=True, request_spec=None, host_lists=None):
        self.calls.append({
            'instances': instances, 'image': image,
            'filter_properties': copy.deepcopy(filter_properties),
            'request_spec': request_spec, 'host_lists': host_lists})


class FakeConductorFixture(fixtures.Fixture):
    """Route remotable calls to a :class:`FakeConductor`."""

    def _setUp(self):
        self.conductor = FakeConductor()
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.objects.base.NovaObject.indirection_api',
            self.conductor))
        assert objects_base.NovaObject.indirection_api is self.conductor


def fake_flavor(**updates):
    values = dict(id=1, name='m1.small', memory_mb=512, vcpus=1, root_gb=1,
                  ephemeral_gb=0, flavorid='1', swap=0, rxtx_factor=1.0,
                  vcpu_weight=0, disabled=False, is_public=True,
                  extra_specs={}, description=None)
    values.update(updates)
    return objects.Flavor(**values)


def fake_instance(context, **updates):
    """:returns: an Instance with every column set (not saved)."""
    inst = objects.Instance(context)
    for name, field in objects.Instance.fields.items():
        if name in instance_obj.INSTANCE_OPTIONAL_ATTRS:
            continue
        if field.nullable:
            setattr(inst, name, None)
        elif field.default != objects.fields.UnspecifiedDefault:
            setattr(inst, name, field.default)
    inst.id = 1
    inst.uuid = str(uuid_lib.uuid4())
    inst.user_id = 'fake-user'
    inst.project_id = 'fake-project'
    inst.vm_state = 'building'
    inst.task_state = task_states.SCHEDULING
    inst.power_state = 0
    inst.image_ref = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
    inst.display_name = 'some-server'
    inst.hostname = 'some-server'
    inst.reservation_id = 'r-npxv0e40'
    inst.created_at = timeutils.utcnow()
    inst.flavor = fake_flavor()
    inst.metadata = {}
    inst.system_metadata = {}
    inst.info_cache = objects.InstanceInfoCache(
        context, instance_uuid=inst.uuid, network_info=[])
    inst.tags = objects.TagList(objects=[])
    inst.keypairs = objects.KeyPairList(objects=[])
    inst.fault = None
    inst.old_flavor = None
    inst.new_flavor = None
    for key, value in updates.items():
        setattr(inst, key, value)
    inst.obj_reset_changes(recursive=True)
    return inst
