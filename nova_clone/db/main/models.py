"""SQLAlchemy models of the cell ("main") database, with nova's schema."""

import typing

import sqlalchemy as sa
from oslo_db.sqlalchemy import models
from oslo_utils import timeutils
from sqlalchemy import orm

from nova_clone.db import types

BASE = orm.declarative_base()

# NOTE: nova's tables are InnoDB with the 3-byte utf8 charset; index key
# lengths (e.g. migrations_by_host_nodes_and_status_idx) are sized for it.
MYSQL_TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8'}

# NOTE: the default of nova's [DEFAULT] instance_name_template, used when the
# option is not registered in this process (e.g. a bare test).
DEFAULT_INSTANCE_NAME_TEMPLATE = 'instance-%08x'


def _table_args(*items):
    return items + (dict(MYSQL_TABLE_ARGS),)


class NovaBase(models.TimestampMixin, models.ModelBase):
    """Common base of every cell model: timestamps and dict-like access."""

    def __copy__(self):
        """Copy a clean mapped object without sharing its ORM state.

        The copy is produced by a detached ``merge`` so it gets a fresh
        InstanceState; pending (unflushed) changes are not carried over.
        """
        session = orm.Session()
        duplicate = session.merge(self, load=False)
        session.expunge(duplicate)
        return duplicate


class SoftDeleteMixin(models.SoftDeleteMixin):
    """``deleted`` (0 while live, the row's id once deleted) + deleted_at."""


class Service(BASE, NovaBase, SoftDeleteMixin):
    """A nova service (binary) running on a host."""

    __tablename__ = 'services'
    __table_args__ = _table_args(
        sa.UniqueConstraint('host', 'topic', 'deleted',
                            name='uniq_services0host0topic0deleted'),
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.Index('services_uuid_idx', 'uuid', unique=True),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=True)
    host = sa.Column(sa.String(255))
    binary = sa.Column(sa.String(255))
    topic = sa.Column(sa.String(255))
    report_count = sa.Column(sa.Integer, nullable=False, default=0)
    disabled = sa.Column(sa.Boolean, default=False)
    disabled_reason = sa.Column(sa.String(255))
    last_seen_up = sa.Column(sa.DateTime, nullable=True)
    forced_down = sa.Column(sa.Boolean, default=False)
    version = sa.Column(sa.Integer, default=0)

    # NOTE: joined on host, not on a foreign key: a compute service and its
    # instances only share the host name.
    instance = orm.relationship(
        'Instance',
        backref='services',
        primaryjoin='and_(Service.host == Instance.host, '
                    'Service.binary == "nova-compute", '
                    'Instance.deleted == 0)',
        foreign_keys=host,
        viewonly=True,
    )


class ComputeNode(BASE, NovaBase, SoftDeleteMixin):
    """A hypervisor node managed by a nova-compute service."""

    __tablename__ = 'compute_nodes'
    __table_args__ = _table_args(
        sa.Index('compute_nodes_uuid_idx', 'uuid', unique=True),
        sa.UniqueConstraint(
            'host', 'hypervisor_hostname', 'deleted',
            name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    service_id = sa.Column(sa.Integer, nullable=True)
    # NOTE: nullable as in nova, where very old computes did not report it.
    host = sa.Column(sa.String(255), nullable=True)
    uuid = sa.Column(sa.String(36), nullable=True)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    vcpus_used = sa.Column(sa.Integer, nullable=False)
    memory_mb_used = sa.Column(sa.Integer, nullable=False)
    local_gb_used = sa.Column(sa.Integer, nullable=False)
    hypervisor_type = sa.Column(types.MediumText(), nullable=False)
    hypervisor_version = sa.Column(sa.Integer, nullable=False)
    hypervisor_hostname = sa.Column(sa.String(255))
    free_ram_mb = sa.Column(sa.Integer)
    free_disk_gb = sa.Column(sa.Integer)
    current_workload = sa.Column(sa.Integer)
    running_vms = sa.Column(sa.Integer)
    # JSON of the host CPU (arch, model, topology, features).
    cpu_info = sa.Column(types.MediumText(), nullable=False)
    disk_available_least = sa.Column(sa.Integer)
    host_ip = sa.Column(types.IPAddress())
    supported_instances = sa.Column(sa.Text)
    metrics = sa.Column(sa.Text)
    pci_stats = sa.Column(sa.Text)
    extra_resources = sa.Column(sa.Text)
    stats = sa.Column(sa.Text, default='{}')
    numa_topology = sa.Column(sa.Text)
    ram_allocation_ratio = sa.Column(sa.Float, nullable=True)
    cpu_allocation_ratio = sa.Column(sa.Float, nullable=True)
    disk_allocation_ratio = sa.Column(sa.Float, nullable=True)
    mapped = sa.Column(sa.Integer, nullable=True, default=0)


class Instance(BASE, NovaBase, SoftDeleteMixin):
    """A guest (server)."""

    __tablename__ = 'instances'
    __table_args__ = _table_args(
        sa.Index('instances_project_id_idx', 'project_id'),
        sa.Index('instances_project_id_deleted_idx', 'project_id', 'deleted'),
        sa.Index('instances_reservation_id_idx', 'reservation_id'),
        sa.Index('instances_terminated_at_launched_at_idx',
                 'terminated_at', 'launched_at'),
        sa.Index('instances_uuid_deleted_idx', 'uuid', 'deleted'),
        sa.Index('instances_task_state_updated_at_idx',
                 'task_state', 'updated_at'),
        sa.Index('instances_host_node_deleted_idx', 'host', 'node', 'deleted'),
        sa.Index('instances_host_deleted_cleaned_idx',
                 'host', 'deleted', 'cleaned'),
        sa.Index('instances_deleted_created_at_idx', 'deleted', 'created_at'),
        sa.Index('instances_updated_at_project_id_idx',
                 'updated_at', 'project_id'),
        sa.Index('instances_compute_id_deleted_idx', 'compute_id', 'deleted'),
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
    )

    # Not a column: the API fills it on create and nothing persists it.
    injected_files: typing.ClassVar[list] = []

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    image_ref = sa.Column(sa.String(255))
    kernel_id = sa.Column(sa.String(255))
    ramdisk_id = sa.Column(sa.String(255))
    hostname = sa.Column(sa.String(255))
    launch_index = sa.Column(sa.Integer)
    key_name = sa.Column(sa.String(255))
    key_data = sa.Column(types.MediumText())
    power_state = sa.Column(sa.Integer)
    vm_state = sa.Column(sa.String(255))
    task_state = sa.Column(sa.String(255))
    memory_mb = sa.Column(sa.Integer)
    vcpus = sa.Column(sa.Integer)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    ephemeral_key_uuid = sa.Column(sa.String(36))
    # The compute service's host; ``node`` is the hypervisor_hostname of the
    # compute node and ``compute_id`` that node's id.
    host = sa.Column(sa.String(255))
    node = sa.Column(sa.String(255))
    compute_id = sa.Column(sa.BigInteger(), nullable=True)
    # The internal flavor id (not the public flavorid).
    instance_type_id = sa.Column(sa.Integer)
    user_data = sa.Column(types.MediumText())
    reservation_id = sa.Column(sa.String(255))
    launched_at = sa.Column(sa.DateTime)
    terminated_at = sa.Column(sa.DateTime)
    # The AZ requested through the API, not necessarily the host's.
    availability_zone = sa.Column(sa.String(255))
    display_name = sa.Column(sa.String(255))
    display_description = sa.Column(sa.String(255))
    # The host the instance first booted on.
    launched_on = sa.Column(types.MediumText())
    locked = sa.Column(sa.Boolean)
    locked_by = sa.Column(
        sa.Enum('owner', 'admin', name='instances0locked_by'))
    os_type = sa.Column(sa.String(255))
    architecture = sa.Column(sa.String(255))
    vm_mode = sa.Column(sa.String(255))
    uuid = sa.Column(sa.String(36), nullable=False)
    root_device_name = sa.Column(sa.String(255))
    default_ephemeral_device = sa.Column(sa.String(255))
    default_swap_device = sa.Column(sa.String(255))
    config_drive = sa.Column(sa.String(255))
    access_ip_v4 = sa.Column(types.IPAddress())
    access_ip_v6 = sa.Column(types.IPAddress())
    auto_disk_config = sa.Column(sa.Boolean())
    progress = sa.Column(sa.Integer)
    shutdown_terminate = sa.Column(sa.Boolean(), default=False)
    disable_terminate = sa.Column(sa.Boolean(), default=False)
    # Cells v1 leftover, kept because nova's schema still has it.
    cell_name = sa.Column(sa.String(255))
    # Whether the instance's files were removed from its host.
    cleaned = sa.Column(sa.Integer, default=0)
    hidden = sa.Column(sa.Boolean, default=False)

    @property
    def name(self):
        """:returns: the guest name from ``[DEFAULT] instance_name_template``.

        The template may use ``%d``/``%x`` with the id, or ``%(field)s``
        with any column; an unusable template falls back to the uuid.
        """
        template = _instance_name_template()
        try:
            return template % self.id
        except TypeError:
            values = {col.key: getattr(self, col.key)
                      for col in orm.object_mapper(self).column_attrs}
            try:
                return template % values
            except (KeyError, TypeError, ValueError):
                return self.uuid

    @property
    def _extra_keys(self):
        return ['name']


def _instance_name_template():
    try:
        from nova_clone import conf
        return conf.CONF.instance_name_template
    except Exception:  # noqa: BLE001 - option not registered here
        return DEFAULT_INSTANCE_NAME_TEMPLATE


def _instance_fk(name):
    return sa.ForeignKey('instances.uuid', name=name)


class InstanceInfoCache(BASE, NovaBase, SoftDeleteMixin):
    """The cached network info (JSON) of an instance."""

    __tablename__ = 'instance_info_caches'
    __table_args__ = _table_args(
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_info_caches0instance_uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    network_info = sa.Column(types.MediumText())
    instance_uuid = sa.Column(
        sa.String(36),
        _instance_fk('instance_info_caches_instance_uuid_fkey'),
        nullable=False)
    instance = orm.relationship(
        Instance,
        backref=orm.backref('info_cache', uselist=False),
        foreign_keys=instance_uuid,
        primaryjoin=instance_uuid == Instance.uuid)


class InstanceExtra(BASE, NovaBase, SoftDeleteMixin):
    """Serialized per-instance objects too big for the instances row."""

    __tablename__ = 'instance_extra'
    __table_args__ = _table_args(
        sa.Index('instance_extra_idx', 'instance_uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('instance_extra_instance_uuid_fkey'),
        nullable=False)
    # NOTE: deferred so listing instances loads only the blobs asked for.
    device_metadata = orm.deferred(sa.Column(sa.Text))
    numa_topology = orm.deferred(sa.Column(sa.Text))
    pci_requests = orm.deferred(sa.Column(sa.Text))
    flavor = orm.deferred(sa.Column(sa.Text))
    vcpu_model = orm.deferred(sa.Column(sa.Text))
    migration_context = orm.deferred(sa.Column(sa.Text))
    keypairs = orm.deferred(sa.Column(sa.Text))
    trusted_certs = orm.deferred(sa.Column(sa.Text))
    # Still in nova's schema although nothing reads it any more.
    vpmems = orm.deferred(sa.Column(sa.Text))
    resources = orm.deferred(sa.Column(sa.Text))
    instance = orm.relationship(
        Instance,
        backref=orm.backref('extra', uselist=False),
        foreign_keys=instance_uuid,
        primaryjoin=instance_uuid == Instance.uuid)


class BlockDeviceMapping(BASE, NovaBase, SoftDeleteMixin):
    """A block device (volume, image, blank, swap) of an instance."""

    __tablename__ = 'block_device_mapping'
    __table_args__ = _table_args(
        sa.Index('snapshot_id', 'snapshot_id'),
        sa.Index('volume_id', 'volume_id'),
        sa.Index('block_device_mapping_instance_uuid_device_name_idx',
                 'instance_uuid', 'device_name'),
        sa.Index('block_device_mapping_instance_uuid_volume_id_idx',
                 'instance_uuid', 'volume_id'),
        sa.Index('block_device_mapping_instance_uuid_idx', 'instance_uuid'),
        sa.UniqueConstraint('uuid', name='uniq_block_device_mapping0uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(
        sa.String(36),
        _instance_fk('block_device_mapping_instance_uuid_fkey'))
    # The BDM's own uuid, not the image/volume/snapshot it is built from.
    uuid = sa.Column(sa.String(36))
    source_type = sa.Column(sa.String(255))
    destination_type = sa.Column(sa.String(255))
    guest_format = sa.Column(sa.String(255))
    device_type = sa.Column(sa.String(255))
    disk_bus = sa.Column(sa.String(255))
    boot_index = sa.Column(sa.Integer)
    device_name = sa.Column(sa.String(255))
    delete_on_termination = sa.Column(sa.Boolean, default=False)
    snapshot_id = sa.Column(sa.String(36))
    volume_id = sa.Column(sa.String(36))
    volume_size = sa.Column(sa.Integer)
    volume_type = sa.Column(sa.String(255))
    image_id = sa.Column(sa.String(36))
    no_device = sa.Column(sa.Boolean)
    connection_info = sa.Column(types.MediumText())
    tag = sa.Column(sa.String(255))
    attachment_id = sa.Column(sa.String(36))
    encrypted = sa.Column(sa.Boolean, nullable=True)
    encryption_secret_uuid = sa.Column(sa.String(36), nullable=True)
    encryption_format = sa.Column(sa.String(128), nullable=True)
    encryption_options = sa.Column(sa.String(4096), nullable=True)

    instance = orm.relationship(
        Instance,
        backref=orm.backref('block_device_mapping'),
        foreign_keys=instance_uuid,
        primaryjoin='and_(BlockDeviceMapping.instance_uuid == Instance.uuid,'
                    'BlockDeviceMapping.deleted == 0)')


class SecurityGroupInstanceAssociation(BASE, NovaBase, SoftDeleteMixin):
    """Links an instance to a (legacy, cell-local) security group."""

    __tablename__ = 'security_group_instance_association'
    __table_args__ = _table_args(
        sa.Index('security_group_instance_association_instance_uuid_idx',
                 'instance_uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    security_group_id = sa.Column(
        sa.Integer,
        sa.ForeignKey('security_groups.id',
                      name='security_group_instance_association_ibfk_1'))
    instance_uuid = sa.Column(
        sa.String(36),
        _instance_fk('security_group_instance_association_instance_uuid_fkey'))


class SecurityGroup(BASE, NovaBase, SoftDeleteMixin):
    """A security group as nova-network stored it; Neutron owns them now."""

    __tablename__ = 'security_groups'
    __table_args__ = _table_args(
        sa.UniqueConstraint('project_id', 'name', 'deleted',
                            name='uniq_security_groups0project_id0name0'
                                 'deleted'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255))
    description = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))

    instances = orm.relationship(
        Instance,
        secondary='security_group_instance_association',
        primaryjoin='and_('
                    'SecurityGroup.id == '
                    'SecurityGroupInstanceAssociation.security_group_id,'
                    'SecurityGroupInstanceAssociation.deleted == 0,'
                    'SecurityGroup.deleted == 0)',
        secondaryjoin='and_('
                      'SecurityGroupInstanceAssociation.instance_uuid == '
                      'Instance.uuid,'
                      'Instance.deleted == 0)',
        backref='security_groups',
        viewonly=True)


class Migration(BASE, NovaBase, SoftDeleteMixin):
    """A move operation (cold/live migration, resize, evacuation)."""

    __tablename__ = 'migrations'
    __table_args__ = _table_args(
        sa.Index('migrations_instance_uuid_and_status_idx',
                 'deleted', 'instance_uuid', 'status'),
        # NOTE: MySQL caps index keys, so nova indexes 100-char prefixes.
        sa.Index('migrations_by_host_nodes_and_status_idx',
                 'deleted', 'source_compute', 'dest_compute', 'source_node',
                 'dest_node', 'status',
                 mysql_length={'source_compute': 100, 'dest_compute': 100,
                               'source_node': 100, 'dest_node': 100}),
        sa.Index('migrations_by_dest_host_nodes_and_status_idx',
                 'deleted', 'dest_compute', 'dest_node', 'status'),
        sa.Index('migrations_by_src_host_nodes_and_status_idx',
                 'deleted', 'source_compute', 'source_node', 'status'),
        sa.Index('migrations_uuid', 'uuid', unique=True),
        sa.Index('migrations_updated_at_idx', 'updated_at'),
        sa.Index('migrations_dest_compute_id_deleted_idx',
                 'dest_compute_id', 'deleted'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    # *_compute are service hosts; *_node are hypervisor_hostnames.
    source_compute = sa.Column(sa.String(255))
    dest_compute = sa.Column(sa.String(255))
    source_node = sa.Column(sa.String(255))
    dest_node = sa.Column(sa.String(255))
    # The destination's IP address, despite the name.
    dest_host = sa.Column(sa.String(255))
    old_instance_type_id = sa.Column(sa.Integer())
    new_instance_type_id = sa.Column(sa.Integer())
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('fk_migrations_instance_uuid'))
    uuid = sa.Column(sa.String(36), nullable=True)
    status = sa.Column(sa.String(255))
    migration_type = sa.Column(
        sa.Enum('migration', 'resize', 'live-migration', 'evacuation',
                name='migration_type'),
        nullable=True)
    hidden = sa.Column(sa.Boolean, default=False)
    memory_total = sa.Column(sa.BigInteger, nullable=True)
    memory_processed = sa.Column(sa.BigInteger, nullable=True)
    memory_remaining = sa.Column(sa.BigInteger, nullable=True)
    disk_total = sa.Column(sa.BigInteger, nullable=True)
    disk_processed = sa.Column(sa.BigInteger, nullable=True)
    disk_remaining = sa.Column(sa.BigInteger, nullable=True)
    cross_cell_move = sa.Column(sa.Boolean, default=False)
    user_id = sa.Column(sa.String(255), nullable=True)
    project_id = sa.Column(sa.String(255), nullable=True)
    dest_compute_id = sa.Column(sa.BigInteger(), nullable=True)

    instance = orm.relationship(
        'Instance', foreign_keys=instance_uuid,
        primaryjoin='and_(Migration.instance_uuid == Instance.uuid, '
                    'Instance.deleted == 0)')


class VirtualInterface(BASE, NovaBase, SoftDeleteMixin):
    """A port (VIF) of an instance, with its device tag."""

    __tablename__ = 'virtual_interfaces'
    __table_args__ = _table_args(
        sa.UniqueConstraint('address', 'deleted',
                            name='uniq_virtual_interfaces0address0deleted'),
        sa.Index('virtual_interfaces_network_id_idx', 'network_id'),
        sa.Index('virtual_interfaces_instance_uuid_fkey', 'instance_uuid'),
        sa.Index('virtual_interfaces_uuid_idx', 'uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    address = sa.Column(sa.String(255))
    network_id = sa.Column(sa.Integer)
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('virtual_interfaces_instance_uuid_fkey'))
    uuid = sa.Column(sa.String(36))
    tag = sa.Column(sa.String(255))


class InstanceMetadata(BASE, NovaBase, SoftDeleteMixin):
    """A user-set metadata key/value of an instance."""

    __tablename__ = 'instance_metadata'
    __table_args__ = _table_args(
        sa.Index('instance_metadata_instance_uuid_idx', 'instance_uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255))
    value = sa.Column(sa.String(255))
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('instance_metadata_instance_uuid_fkey'))
    # NOTE: a backref because declarative reserves the name ``metadata``
    # on the class body; the attribute ends up as ``Instance.metadata``.
    instance = orm.relationship(
        Instance, backref='metadata',
        foreign_keys=instance_uuid,
        primaryjoin='and_(InstanceMetadata.instance_uuid == Instance.uuid,'
                    'InstanceMetadata.deleted == 0)')


class InstanceSystemMetadata(BASE, NovaBase, SoftDeleteMixin):
    """A nova-owned metadata key/value of an instance."""

    __tablename__ = 'instance_system_metadata'
    __table_args__ = _table_args(
        sa.Index('instance_uuid', 'instance_uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('instance_system_metadata_ibfk_1'),
        nullable=False)
    instance = orm.relationship(
        Instance, backref='system_metadata', foreign_keys=instance_uuid)


class VolumeUsage(BASE, NovaBase, SoftDeleteMixin):
    """Per-volume I/O counters reported by the hypervisor."""

    __tablename__ = 'volume_usage_cache'
    __table_args__ = _table_args()

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    volume_id = sa.Column(sa.String(36), nullable=False)
    instance_uuid = sa.Column(sa.String(36))
    project_id = sa.Column(sa.String(36))
    user_id = sa.Column(sa.String(64))
    availability_zone = sa.Column(sa.String(255))
    tot_last_refreshed = sa.Column(sa.DateTime)
    tot_reads = sa.Column(sa.BigInteger, default=0)
    tot_read_bytes = sa.Column(sa.BigInteger, default=0)
    tot_writes = sa.Column(sa.BigInteger, default=0)
    tot_write_bytes = sa.Column(sa.BigInteger, default=0)
    curr_last_refreshed = sa.Column(sa.DateTime)
    curr_reads = sa.Column(sa.BigInteger, default=0)
    curr_read_bytes = sa.Column(sa.BigInteger, default=0)
    curr_writes = sa.Column(sa.BigInteger, default=0)
    curr_write_bytes = sa.Column(sa.BigInteger, default=0)


class InstanceFault(BASE, NovaBase, SoftDeleteMixin):
    """An error recorded against an instance (shown as server ``fault``)."""

    __tablename__ = 'instance_faults'
    __table_args__ = _table_args(
        sa.Index('instance_faults_host_idx', 'host'),
        sa.Index('instance_faults_instance_uuid_deleted_created_at_idx',
                 'instance_uuid', 'deleted', 'created_at'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('fk_instance_faults_instance_uuid'))
    code = sa.Column(sa.Integer(), nullable=False)
    message = sa.Column(sa.String(255))
    details = sa.Column(types.MediumText())
    host = sa.Column(sa.String(255))


class InstanceAction(BASE, NovaBase, SoftDeleteMixin):
    """One user request against an instance (os-instance-actions).

    ``(instance_uuid, request_id)`` identifies one action.
    """

    __tablename__ = 'instance_actions'
    __table_args__ = _table_args(
        sa.Index('instance_uuid_idx', 'instance_uuid'),
        sa.Index('request_id_idx', 'request_id'),
        sa.Index('instance_actions_instance_uuid_updated_at_idx',
                 'instance_uuid', 'updated_at'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False,
                   autoincrement=True)
    action = sa.Column(sa.String(255))
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('fk_instance_actions_instance_uuid'))
    request_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime, default=timeutils.utcnow)
    finish_time = sa.Column(sa.DateTime)
    message = sa.Column(sa.String(255))


class InstanceActionEvent(BASE, NovaBase, SoftDeleteMixin):
    """A step (event) inside an instance action."""

    __tablename__ = 'instance_actions_events'
    __table_args__ = _table_args()

    id = sa.Column(sa.Integer, primary_key=True, nullable=False,
                   autoincrement=True)
    event = sa.Column(sa.String(255))
    action_id = sa.Column(
        sa.Integer,
        sa.ForeignKey('instance_actions.id',
                      name='instance_actions_events_ibfk_1'))
    start_time = sa.Column(sa.DateTime, default=timeutils.utcnow)
    finish_time = sa.Column(sa.DateTime)
    result = sa.Column(sa.String(255))
    traceback = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)


class InstanceIdMapping(BASE, NovaBase, SoftDeleteMixin):
    """Integer ids for instance uuids (the EC2/metadata id)."""

    __tablename__ = 'instance_id_mappings'
    __table_args__ = _table_args(
        sa.Index('ix_instance_id_mappings_uuid', 'uuid'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False,
                   autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)


class TaskLog(BASE, NovaBase, SoftDeleteMixin):
    """Audit records of periodic tasks (os-instance_usage_audit_log)."""

    __tablename__ = 'task_log'
    __table_args__ = _table_args(
        sa.UniqueConstraint(
            'task_name', 'host', 'period_beginning', 'period_ending',
            name='uniq_task_log0task_name0host0period_beginning0'
                 'period_ending'),
        sa.Index('ix_task_log_period_beginning', 'period_beginning'),
        sa.Index('ix_task_log_host', 'host'),
        sa.Index('ix_task_log_period_ending', 'period_ending'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False,
                   autoincrement=True)
    task_name = sa.Column(sa.String(255), nullable=False)
    state = sa.Column(sa.String(255), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    period_beginning = sa.Column(sa.DateTime, default=timeutils.utcnow,
                                 nullable=False)
    period_ending = sa.Column(sa.DateTime, default=timeutils.utcnow,
                              nullable=False)
    message = sa.Column(sa.String(255), nullable=False)
    task_items = sa.Column(sa.Integer(), default=0)
    errors = sa.Column(sa.Integer(), default=0)


class PciDevice(BASE, NovaBase, SoftDeleteMixin):
    """A PCI device of a compute node that guests may be given."""

    __tablename__ = 'pci_devices'
    __table_args__ = _table_args(
        sa.Index('ix_pci_devices_compute_node_id_deleted',
                 'compute_node_id', 'deleted'),
        sa.Index('ix_pci_devices_instance_uuid_deleted',
                 'instance_uuid', 'deleted'),
        sa.Index('ix_pci_devices_compute_node_id_parent_addr_deleted',
                 'compute_node_id', 'parent_addr', 'deleted'),
        sa.UniqueConstraint(
            'compute_node_id', 'address', 'deleted',
            name='uniq_pci_devices0compute_node_id0address0deleted'),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36))
    compute_node_id = sa.Column(
        sa.Integer,
        sa.ForeignKey('compute_nodes.id',
                      name='pci_devices_compute_node_id_fkey'),
        nullable=False)
    # domain:bus:slot.func, e.g. 0000:09:01.1
    address = sa.Column(sa.String(12), nullable=False)
    vendor_id = sa.Column(sa.String(4), nullable=False)
    product_id = sa.Column(sa.String(4), nullable=False)
    dev_type = sa.Column(sa.String(8), nullable=False)
    dev_id = sa.Column(sa.String(255))
    # Groups interchangeable devices across addresses and hosts.
    label = sa.Column(sa.String(255), nullable=False)
    status = sa.Column(sa.String(36), nullable=False)
    # The request that claimed the device.
    request_id = sa.Column(sa.String(36), nullable=True)
    extra_info = sa.Column(sa.Text)
    instance_uuid = sa.Column(sa.String(36))
    numa_node = sa.Column(sa.Integer, nullable=True)
    parent_addr = sa.Column(sa.String(12), nullable=True)

    instance = orm.relationship(
        Instance, backref='pci_devices',
        foreign_keys=instance_uuid,
        primaryjoin='and_(PciDevice.instance_uuid == Instance.uuid,'
                    'PciDevice.deleted == 0)')


class Tag(BASE, models.ModelBase):
    """A server tag; hard-deleted, so no timestamps and no shadow table."""

    __tablename__ = 'tags'
    __table_args__ = _table_args(
        sa.Index('tags_tag_idx', 'tag'),
    )

    resource_id = sa.Column(sa.String(36), primary_key=True, nullable=False)
    tag = sa.Column(sa.Unicode(80), primary_key=True, nullable=False)

    instance = orm.relationship(
        'Instance',
        backref='tags',
        primaryjoin='and_(Tag.resource_id == Instance.uuid,'
                    'Instance.deleted == 0)',
        foreign_keys=resource_id)


class ConsoleAuthToken(BASE, NovaBase):
    """A console access token (stored hashed); expired rows are deleted."""

    __tablename__ = 'console_auth_tokens'
    __table_args__ = _table_args(
        sa.Index('console_auth_tokens_instance_uuid_idx', 'instance_uuid'),
        sa.Index('console_auth_tokens_host_expires_idx', 'host', 'expires'),
        sa.Index('console_auth_tokens_token_hash_instance_uuid_idx',
                 'token_hash', 'instance_uuid'),
        sa.UniqueConstraint('token_hash',
                            name='uniq_console_auth_tokens0token_hash'),
    )

    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    token_hash = sa.Column(sa.String(255), nullable=False)
    console_type = sa.Column(sa.String(255), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    port = sa.Column(sa.Integer, nullable=False)
    tls_port = sa.Column(sa.Integer)
    internal_access_path = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    expires = sa.Column(sa.Integer, nullable=False)
    access_url_base = sa.Column(sa.String(255))

    instance = orm.relationship(
        'Instance',
        backref='console_auth_tokens',
        primaryjoin='and_(ConsoleAuthToken.instance_uuid == Instance.uuid,'
                    'Instance.deleted == 0)',
        foreign_keys=instance_uuid)


class ShareMapping(BASE, NovaBase):
    """A Manila share attached to an instance (virtiofs); hard-deleted."""

    __tablename__ = 'share_mapping'
    __table_args__ = _table_args(
        sa.UniqueConstraint('instance_uuid', 'share_id',
                            name='uniq_key_pairs0instance_uuid0share_id'),
        sa.UniqueConstraint('instance_uuid', 'tag',
                            name='uniq_key_pairs0instance_uuid0tag'),
        sa.Index('share_idx', 'share_id'),
        sa.Index('share_mapping_instance_uuid_share_id_idx',
                 'instance_uuid', 'share_id'),
    )

    # NOTE: SQLite only autoincrements INTEGER primary keys.
    id = sa.Column(sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                   primary_key=True, autoincrement=True, nullable=False)
    uuid = sa.Column(sa.String(36))
    instance_uuid = sa.Column(
        sa.String(36), _instance_fk('share_mapping_instance_uuid_fkey'))
    share_id = sa.Column(sa.String(36))
    status = sa.Column(sa.String(32))
    tag = sa.Column(sa.String(48))
    export_location = sa.Column(sa.Text)
    share_proto = sa.Column(sa.String(32))


def soft_deletable_tables():
    """:returns: the model tables that have a ``shadow_`` twin, sorted
        parents first (foreign-key order).
    """
    return [t for t in BASE.metadata.sorted_tables if 'deleted' in t.c]
