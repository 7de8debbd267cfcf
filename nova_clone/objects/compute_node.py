"""ComputeNode(+List) and HVSpec: the hypervisors a compute service runs."""

from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from nova_clone import conf as nova_conf
from nova_clone.db.main.api import compute_nodes as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

CONF = nova_conf.CONF

# Columns stored as JSON text, with the empty value used when NULL.
_RATIOS = ('cpu_allocation_ratio', 'ram_allocation_ratio',
           'disk_allocation_ratio')


@base.NovaObjectRegistry.register
class HVSpec(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'arch': fields.ArchitectureField(),
        'hv_type': fields.HVTypeField(),
        'vm_mode': fields.VMModeField(),
    }

    @classmethod
    def from_list(cls, data):
        """:returns: an HVSpec from ``[arch, hv_type, vm_mode]``."""
        return cls(arch=data[0], hv_type=data[1], vm_mode=data[2])

    def to_list(self):
        """:returns: ``[arch, hv_type, vm_mode]`` as stored in the DB."""
        return [self.arch, self.hv_type, self.vm_mode]


@base.NovaObjectRegistry.register
class ComputeNode(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version (nova's fields, with the mapped counter;
    #              pci_device_pools not modelled yet)
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(read_only=True),
        'service_id': fields.IntegerField(nullable=True),
        'host': fields.StringField(nullable=True),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'vcpus_used': fields.IntegerField(),
        'memory_mb_used': fields.IntegerField(),
        'local_gb_used': fields.IntegerField(),
        'hypervisor_type': fields.StringField(),
        'hypervisor_version': fields.IntegerField(),
        'hypervisor_hostname': fields.StringField(nullable=True),
        'free_ram_mb': fields.IntegerField(nullable=True),
        'free_disk_gb': fields.IntegerField(nullable=True),
        'current_workload': fields.IntegerField(nullable=True),
        'running_vms': fields.IntegerField(nullable=True),
        'cpu_info': fields.StringField(nullable=True),
        'disk_available_least': fields.IntegerField(nullable=True),
        'metrics': fields.StringField(nullable=True),
        'stats': fields.DictOfNullableStringsField(nullable=True),
        'host_ip': fields.IPAddressField(nullable=True),
        'numa_topology': fields.StringField(nullable=True),
        'supported_hv_specs': fields.ListOfObjectsField('HVSpec'),
        'cpu_allocation_ratio': fields.FloatField(),
        'ram_allocation_ratio': fields.FloatField(),
        'disk_allocation_ratio': fields.FloatField(),
        'mapped': fields.IntegerField(),
    }

    @staticmethod
    def _ratio_default(name):
        # A NULL/0.0 ratio means "not set by the operator": use the
        # configured override, else the initial ratio (as nova does).
        value = getattr(CONF, name, None)
        if value not in (None, 0.0):
            return value
        return getattr(CONF, 'initial_' + name)

    @staticmethod
    def _from_db_object(context, compute, db_compute):
        for key in compute.fields:
            value = db_compute[key] if key in db_compute else None
            if key == 'stats':
                value = jsonutils.loads(value) if value else {}
            elif key == 'supported_hv_specs':
                raw = db_compute['supported_instances']
                value = [HVSpec.from_list(spec)
                         for spec in (jsonutils.loads(raw) if raw else [])]
            elif key in _RATIOS and value in (None, 0.0):
                value = ComputeNode._ratio_default(key)
            elif key == 'mapped':
                value = value or 0
            elif key == 'deleted':
                value = bool(value)
            elif key == 'host_ip' and value is not None:
                value = str(value)
            setattr(compute, key, value)
        compute._context = context
        compute.obj_reset_changes()
        return compute

    def _db_updates(self):
        updates = self.obj_get_changes()
        updates.pop('id', None)
        if 'stats' in updates:
            updates['stats'] = jsonutils.dumps(updates['stats'] or {})
        if 'supported_hv_specs' in updates:
            updates['supported_instances'] = jsonutils.dumps(
                [spec.to_list() for spec in updates.pop('supported_hv_specs')])
        if updates.get('host_ip') is not None:
            updates['host_ip'] = str(updates['host_ip'])
        return updates

    @base.remotable_classmethod
    def get_by_id(cls, context, compute_id):
        """:returns: node ``compute_id``.  :raises: ComputeHostNotFound"""
        return cls._from_db_object(context, cls(),
                                   db.compute_node_get(context, compute_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, compute_uuid):
        """:returns: the node with ``compute_uuid``.

        :raises: ComputeHostNotFound
        """
        return cls._from_db_object(
            context, cls(), db.compute_node_get_by_uuid(context,
                                                        compute_uuid))

    @base.remotable_classmethod
    def get_by_host_and_nodename(cls, context, host, nodename):
        """:returns: node ``nodename`` of ``host``.

        :raises: ComputeHostNotFound
        """
        return cls._from_db_object(
            context, cls(),
            db.compute_node_get_by_host_and_nodename(context, host, nodename))

    @base.remotable_classmethod
    def get_first_node_by_host_for_old_compat(cls, context, host):
        """:returns: the first node of ``host`` (single-node drivers)."""
        return ComputeNodeList.get_all_by_host(context, host)[0]

    @base.remotable
    def create(self):
        """Insert this node, generating its uuid when unset."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self._db_updates()
        if 'uuid' not in updates:
            updates['uuid'] = uuidutils.generate_uuid()
        db_compute = db.compute_node_create(self._context, updates)
        self._from_db_object(self._context, self, db_compute)

    @base.remotable
    def save(self, prune_stats=False):
        """Write changed fields.

        :param prune_stats: unused; kept for nova's call signature.
        """
        updates = self._db_updates()
        updates.pop('uuid', None)
        db_compute = db.compute_node_update(self._context, self.id, updates)
        self._from_db_object(self._context, self, db_compute)

    @base.remotable
    def destroy(self):
        """Soft-delete this node."""
        db.compute_node_delete(self._context, self.id)

    def update_from_virt_driver(self, resources):
        """Copy a virt driver's ``get_available_resource`` dict in.

        :param resources: the driver's resource dict.
        """
        keys = ['vcpus', 'memory_mb', 'local_gb', 'cpu_info',
                'vcpus_used', 'memory_mb_used', 'local_gb_used',
                'numa_topology', 'hypervisor_type', 'hypervisor_version',
                'hypervisor_hostname', 'disk_available_least', 'host_ip',
                'uuid']
        for key in keys:
            if key in resources:
                if key == 'uuid' and self.obj_attr_is_set('uuid'):
                    continue
                setattr(self, key, resources[key])
        if 'supported_instances' in resources:
            self.supported_hv_specs = [
                HVSpec.from_list(spec)
                for spec in resources['supported_instances']]


@base.NovaObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version (nothing released yet: methods are
    #              still added to 1.0)
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('ComputeNode'),
    }

    def _make(self, context, db_nodes):
        return base.obj_make_list(context, self, ComputeNode, db_nodes)

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every compute node of this cell."""
        return cls()._make(context, db.compute_node_get_all(context))

    @base.remotable_classmethod
    def get_all_by_uuids(cls, context, compute_uuids):
        """:returns: the nodes among ``compute_uuids`` (unknown ones are
        skipped).
        """
        return cls()._make(context, db.compute_node_get_all_by_uuids(
            context, compute_uuids))

    @base.remotable_classmethod
    def get_stamps(cls, context, compute_uuids=None):
        """:returns: ``[uuid, host, hypervisor_hostname, changed_at]``
        lists of the nodes (among ``compute_uuids``): what a cache needs
        to tell which nodes changed, without loading them.
        """
        return [list(row) for row in db.compute_node_get_stamps(
            context, compute_uuids)]

    @base.remotable_classmethod
    def get_all_by_not_mapped(cls, context, mapped_less_than):
        """:returns: nodes whose ``mapped`` is below ``mapped_less_than``."""
        return cls()._make(context, db.compute_node_get_all_mapped_less_than(
            context, mapped_less_than))

    @base.remotable_classmethod
    def get_all_by_pagination(cls, context, limit=None, marker=None):
        """:returns: a page of nodes ordered by id after ``marker``."""
        return cls()._make(context, db.compute_node_get_all_by_pagination(
            context, limit=limit, marker=marker))

    @base.remotable_classmethod
    def get_by_hypervisor(cls, context, hypervisor_match):
        """:returns: nodes whose hostname contains ``hypervisor_match``."""
        return cls()._make(context, db.compute_node_search_by_hypervisor(
            context, hypervisor_match))

    @base.remotable_classmethod
    def get_all_by_host(cls, context, host, use_slave=False):
        """:returns: the nodes of ``host``.  :raises: ComputeHostNotFound"""
        return cls()._make(context,
                           db.compute_node_get_all_by_host(context, host))
