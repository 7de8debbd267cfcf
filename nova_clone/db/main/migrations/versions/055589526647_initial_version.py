"""Initial cell database schema, with a shadow table per soft-deletable table.

Revision ID: 055589526647
Revises:
Create Date: 2025-11-22 22:50:00

The schema is nova's current cell ("main") schema for the tables nova_clone
uses. Table definitions are frozen here, not imported from the models, so
later model edits need a new revision.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from nova_clone.db import types

# revision identifiers, used by Alembic.
revision = '055589526647'
down_revision = None
branch_labels = None
depends_on = None

SHADOW_PREFIX = 'shadow_'
MYSQL_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8'}


def _instance_fk(column, name, nullable=True):
    return sa.Column(column, sa.String(36),
                     sa.ForeignKey('instances.uuid', name=name),
                     nullable=nullable)


def _soft_delete_table(meta, name, *items):
    """A table with nova's timestamp and soft-delete columns around items."""
    columns = [i for i in items if isinstance(i, sa.Column)]
    others = [i for i in items if not isinstance(i, sa.Column)]
    return sa.Table(
        name, meta,
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
        sa.Column('deleted_at', sa.DateTime),
        *columns,
        sa.Column('deleted', sa.Integer),
        *others,
        **MYSQL_ARGS)


def _timestamped_table(meta, name, *items):
    return sa.Table(
        name, meta,
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
        *items,
        **MYSQL_ARGS)


def _define_tables(meta):
    s255 = sa.String(255)
    uuid = sa.String(36)

    _soft_delete_table(
        meta, 'services',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', uuid),
        sa.Column('host', s255),
        sa.Column('binary', s255),
        sa.Column('topic', s255),
        sa.Column('report_count', sa.Integer, nullable=False),
        sa.Column('disabled', sa.Boolean),
        sa.Column('disabled_reason', s255),
        sa.Column('last_seen_up', sa.DateTime),
        sa.Column('forced_down', sa.Boolean),
        sa.Column('version', sa.Integer),
        sa.UniqueConstraint('host', 'topic', 'deleted',
                            name='uniq_services0host0topic0deleted'),
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.Index('services_uuid_idx', 'uuid', unique=True),
    )

    _soft_delete_table(
        meta, 'compute_nodes',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('service_id', sa.Integer),
        sa.Column('host', s255),
        sa.Column('uuid', uuid),
        sa.Column('vcpus', sa.Integer, nullable=False),
        sa.Column('memory_mb', sa.Integer, nullable=False),
        sa.Column('local_gb', sa.Integer, nullable=False),
        sa.Column('vcpus_used', sa.Integer, nullable=False),
        sa.Column('memory_mb_used', sa.Integer, nullable=False),
        sa.Column('local_gb_used', sa.Integer, nullable=False),
        sa.Column('hypervisor_type', types.MediumText(), nullable=False),
        sa.Column('hypervisor_version', sa.Integer, nullable=False),
        sa.Column('hypervisor_hostname', s255),
        sa.Column('free_ram_mb', sa.Integer),
        sa.Column('free_disk_gb', sa.Integer),
        sa.Column('current_workload', sa.Integer),
        sa.Column('running_vms', sa.Integer),
        sa.Column('cpu_info', types.MediumText(), nullable=False),
        sa.Column('disk_available_least', sa.Integer),
        sa.Column('host_ip', types.IPAddress()),
        sa.Column('supported_instances', sa.Text),
        sa.Column('metrics', sa.Text),
        sa.Column('pci_stats', sa.Text),
        sa.Column('extra_resources', sa.Text),
        sa.Column('stats', sa.Text),
        sa.Column('numa_topology', sa.Text),
        sa.Column('ram_allocation_ratio', sa.Float),
        sa.Column('cpu_allocation_ratio', sa.Float),
        sa.Column('disk_allocation_ratio', sa.Float),
        sa.Column('mapped', sa.Integer),
        sa.Index('compute_nodes_uuid_idx', 'uuid', unique=True),
        sa.UniqueConstraint(
            'host', 'hypervisor_hostname', 'deleted',
            name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
    )

    _soft_delete_table(
        meta, 'instances',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('user_id', s255),
        sa.Column('project_id', s255),
        sa.Column('image_ref', s255),
        sa.Column('kernel_id', s255),
        sa.Column('ramdisk_id', s255),
        sa.Column('hostname', s255),
        sa.Column('launch_index', sa.Integer),
        sa.Column('key_name', s255),
        sa.Column('key_data', types.MediumText()),
        sa.Column('power_state', sa.Integer),
        sa.Column('vm_state', s255),
        sa.Column('task_state', s255),
        sa.Column('memory_mb', sa.Integer),
        sa.Column('vcpus', sa.Integer),
        sa.Column('root_gb', sa.Integer),
        sa.Column('ephemeral_gb', sa.Integer),
        sa.Column('ephemeral_key_uuid', uuid),
        sa.Column('host', s255),
        sa.Column('node', s255),
        sa.Column('compute_id', sa.BigInteger),
        sa.Column('instance_type_id', sa.Integer),
        sa.Column('user_data', types.MediumText()),
        sa.Column('reservation_id', s255),
        sa.Column('launched_at', sa.DateTime),
        sa.Column('terminated_at', sa.DateTime),
        sa.Column('availability_zone', s255),
        sa.Column('display_name', s255),
        sa.Column('display_description', s255),
        sa.Column('launched_on', types.MediumText()),
        sa.Column('locked', sa.Boolean),
        sa.Column('locked_by',
                  sa.Enum('owner', 'admin', name='instances0locked_by')),
        sa.Column('os_type', s255),
        sa.Column('architecture', s255),
        sa.Column('vm_mode', s255),
        sa.Column('uuid', uuid, nullable=False),
        sa.Column('root_device_name', s255),
        sa.Column('default_ephemeral_device', s255),
        sa.Column('default_swap_device', s255),
        sa.Column('config_drive', s255),
        sa.Column('access_ip_v4', types.IPAddress()),
        sa.Column('access_ip_v6', types.IPAddress()),
        sa.Column('auto_disk_config', sa.Boolean),
        sa.Column('progress', sa.Integer),
        sa.Column('shutdown_terminate', sa.Boolean),
        sa.Column('disable_terminate', sa.Boolean),
        sa.Column('cell_name', s255),
        sa.Column('cleaned', sa.Integer),
        sa.Column('hidden', sa.Boolean),
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

    _soft_delete_table(
        meta, 'instance_info_caches',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('network_info', types.MediumText()),
        _instance_fk('instance_uuid',
                     'instance_info_caches_instance_uuid_fkey',
                     nullable=False),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_info_caches0instance_uuid'),
    )

    _soft_delete_table(
        meta, 'instance_extra',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        _instance_fk('instance_uuid', 'instance_extra_instance_uuid_fkey',
                     nullable=False),
        sa.Column('device_metadata', sa.Text),
        sa.Column('numa_topology', sa.Text),
        sa.Column('pci_requests', sa.Text),
        sa.Column('flavor', sa.Text),
        sa.Column('vcpu_model', sa.Text),
        sa.Column('migration_context', sa.Text),
        sa.Column('keypairs', sa.Text),
        sa.Column('trusted_certs', sa.Text),
        sa.Column('vpmems', sa.Text),
        sa.Column('resources', sa.Text),
        sa.Index('instance_extra_idx', 'instance_uuid'),
    )

    _soft_delete_table(
        meta, 'block_device_mapping',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        _instance_fk('instance_uuid',
                     'block_device_mapping_instance_uuid_fkey'),
        sa.Column('uuid', uuid),
        sa.Column('source_type', s255),
        sa.Column('destination_type', s255),
        sa.Column('guest_format', s255),
        sa.Column('device_type', s255),
        sa.Column('disk_bus', s255),
        sa.Column('boot_index', sa.Integer),
        sa.Column('device_name', s255),
        sa.Column('delete_on_termination', sa.Boolean),
        sa.Column('snapshot_id', uuid),
        sa.Column('volume_id', uuid),
        sa.Column('volume_size', sa.Integer),
        sa.Column('volume_type', s255),
        sa.Column('image_id', uuid),
        sa.Column('no_device', sa.Boolean),
        sa.Column('connection_info', types.MediumText()),
        sa.Column('tag', s255),
        sa.Column('attachment_id', uuid),
        sa.Column('encrypted', sa.Boolean),
        sa.Column('encryption_secret_uuid', uuid),
        sa.Column('encryption_format', sa.String(128)),
        sa.Column('encryption_options', sa.String(4096)),
        sa.Index('snapshot_id', 'snapshot_id'),
        sa.Index('volume_id', 'volume_id'),
        sa.Index('block_device_mapping_instance_uuid_device_name_idx',
                 'instance_uuid', 'device_name'),
        sa.Index('block_device_mapping_instance_uuid_volume_id_idx',
                 'instance_uuid', 'volume_id'),
        sa.Index('block_device_mapping_instance_uuid_idx', 'instance_uuid'),
        sa.UniqueConstraint('uuid', name='uniq_block_device_mapping0uuid'),
    )

    _soft_delete_table(
        meta, 'security_groups',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', s255),
        sa.Column('description', s255),
        sa.Column('user_id', s255),
        sa.Column('project_id', s255),
        sa.UniqueConstraint(
            'project_id', 'name', 'deleted',
            name='uniq_security_groups0project_id0name0deleted'),
    )

    _soft_delete_table(
        meta, 'security_group_instance_association',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('security_group_id', sa.Integer,
                  sa.ForeignKey(
                      'security_groups.id',
                      name='security_group_instance_association_ibfk_1')),
        _instance_fk(
            'instance_uuid',
            'security_group_instance_association_instance_uuid_fkey'),
        sa.Index('security_group_instance_association_instance_uuid_idx',
                 'instance_uuid'),
    )

    _soft_delete_table(
        meta, 'migrations',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('source_compute', s255),
        sa.Column('dest_compute', s255),
        sa.Column('source_node', s255),
        sa.Column('dest_node', s255),
        sa.Column('dest_host', s255),
        sa.Column('old_instance_type_id', sa.Integer),
        sa.Column('new_instance_type_id', sa.Integer),
        _instance_fk('instance_uuid', 'fk_migrations_instance_uuid'),
        sa.Column('uuid', uuid),
        sa.Column('status', s255),
        sa.Column('migration_type',
                  sa.Enum('migration', 'resize', 'live-migration',
                          'evacuation', name='migration_type')),
        sa.Column('hidden', sa.Boolean),
        sa.Column('memory_total', sa.BigInteger),
        sa.Column('memory_processed', sa.BigInteger),
        sa.Column('memory_remaining', sa.BigInteger),
        sa.Column('disk_total', sa.BigInteger),
        sa.Column('disk_processed', sa.BigInteger),
        sa.Column('disk_remaining', sa.BigInteger),
        sa.Column('cross_cell_move', sa.Boolean),
        sa.Column('user_id', s255),
        sa.Column('project_id', s255),
        sa.Column('dest_compute_id', sa.BigInteger),
        sa.Index('migrations_instance_uuid_and_status_idx',
                 'deleted', 'instance_uuid', 'status'),
        # NOTE: MySQL caps index keys, so index 100-character prefixes.
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

    _soft_delete_table(
        meta, 'virtual_interfaces',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('address', s255),
        sa.Column('network_id', sa.Integer),
        _instance_fk('instance_uuid', 'virtual_interfaces_instance_uuid_fkey'),
        sa.Column('uuid', uuid),
        sa.Column('tag', s255),
        sa.UniqueConstraint('address', 'deleted',
                            name='uniq_virtual_interfaces0address0deleted'),
        sa.Index('virtual_interfaces_network_id_idx', 'network_id'),
        sa.Index('virtual_interfaces_instance_uuid_fkey', 'instance_uuid'),
        sa.Index('virtual_interfaces_uuid_idx', 'uuid'),
    )

    _soft_delete_table(
        meta, 'instance_metadata',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('key', s255),
        sa.Column('value', s255),
        _instance_fk('instance_uuid', 'instance_metadata_instance_uuid_fkey'),
        sa.Index('instance_metadata_instance_uuid_idx', 'instance_uuid'),
    )

    _soft_delete_table(
        meta, 'instance_system_metadata',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('key', s255, nullable=False),
        sa.Column('value', s255),
        _instance_fk('instance_uuid', 'instance_system_metadata_ibfk_1',
                     nullable=False),
        sa.Index('instance_uuid', 'instance_uuid'),
    )

    _soft_delete_table(
        meta, 'volume_usage_cache',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('volume_id', uuid, nullable=False),
        sa.Column('instance_uuid', uuid),
        sa.Column('project_id', uuid),
        sa.Column('user_id', sa.String(64)),
        sa.Column('availability_zone', s255),
        sa.Column('tot_last_refreshed', sa.DateTime),
        sa.Column('tot_reads', sa.BigInteger),
        sa.Column('tot_read_bytes', sa.BigInteger),
        sa.Column('tot_writes', sa.BigInteger),
        sa.Column('tot_write_bytes', sa.BigInteger),
        sa.Column('curr_last_refreshed', sa.DateTime),
        sa.Column('curr_reads', sa.BigInteger),
        sa.Column('curr_read_bytes', sa.BigInteger),
        sa.Column('curr_writes', sa.BigInteger),
        sa.Column('curr_write_bytes', sa.BigInteger),
    )

    _soft_delete_table(
        meta, 'instance_faults',
        sa.Column('id', sa.Integer, primary_key=True),
        _instance_fk('instance_uuid', 'fk_instance_faults_instance_uuid'),
        sa.Column('code', sa.Integer, nullable=False),
        sa.Column('message', s255),
        sa.Column('details', types.MediumText()),
        sa.Column('host', s255),
        sa.Index('instance_faults_host_idx', 'host'),
        sa.Index('instance_faults_instance_uuid_deleted_created_at_idx',
                 'instance_uuid', 'deleted', 'created_at'),
    )

    _soft_delete_table(
        meta, 'instance_actions',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('action', s255),
        _instance_fk('instance_uuid', 'fk_instance_actions_instance_uuid'),
        sa.Column('request_id', s255),
        sa.Column('user_id', s255),
        sa.Column('project_id', s255),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        sa.Column('message', s255),
        sa.Index('instance_uuid_idx', 'instance_uuid'),
        sa.Index('request_id_idx', 'request_id'),
        sa.Index('instance_actions_instance_uuid_updated_at_idx',
                 'instance_uuid', 'updated_at'),
    )

    _soft_delete_table(
        meta, 'instance_actions_events',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('event', s255),
        sa.Column('action_id', sa.Integer,
                  sa.ForeignKey('instance_actions.id',
                                name='instance_actions_events_ibfk_1')),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        sa.Column('result', s255),
        sa.Column('traceback', sa.Text),
        sa.Column('host', s255),
        sa.Column('details', sa.Text),
    )

    _soft_delete_table(
        meta, 'instance_id_mappings',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('uuid', uuid, nullable=False),
        sa.Index('ix_instance_id_mappings_uuid', 'uuid'),
    )

    _soft_delete_table(
        meta, 'task_log',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('task_name', s255, nullable=False),
        sa.Column('state', s255, nullable=False),
        sa.Column('host', s255, nullable=False),
        sa.Column('period_beginning', sa.DateTime, nullable=False),
        sa.Column('period_ending', sa.DateTime, nullable=False),
        sa.Column('message', s255, nullable=False),
        sa.Column('task_items', sa.Integer),
        sa.Column('errors', sa.Integer),
        sa.UniqueConstraint(
            'task_name', 'host', 'period_beginning', 'period_ending',
            name='uniq_task_log0task_name0host0period_beginning0'
                 'period_ending'),
        sa.Index('ix_task_log_period_beginning', 'period_beginning'),
        sa.Index('ix_task_log_host', 'host'),
        sa.Index('ix_task_log_period_ending', 'period_ending'),
    )

    _soft_delete_table(
        meta, 'pci_devices',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('uuid', uuid),
        sa.Column('compute_node_id', sa.Integer,
                  sa.ForeignKey('compute_nodes.id',
                                name='pci_devices_compute_node_id_fkey'),
                  nullable=False),
        sa.Column('address', sa.String(12), nullable=False),
        sa.Column('vendor_id', sa.String(4), nullable=False),
        sa.Column('product_id', sa.String(4), nullable=False),
        sa.Column('dev_type', sa.String(8), nullable=False),
        sa.Column('dev_id', s255),
        sa.Column('label', s255, nullable=False),
        sa.Column('status', uuid, nullable=False),
        sa.Column('request_id', uuid),
        sa.Column('extra_info', sa.Text),
        sa.Column('instance_uuid', uuid),
        sa.Column('numa_node', sa.Integer),
        sa.Column('parent_addr', sa.String(12)),
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

    sa.Table(
        'tags', meta,
        sa.Column('resource_id', uuid, primary_key=True, nullable=False),
        sa.Column('tag', sa.Unicode(80), primary_key=True, nullable=False),
        sa.Index('tags_tag_idx', 'tag'),
        **MYSQL_ARGS)

    _timestamped_table(
        meta, 'console_auth_tokens',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('token_hash', s255, nullable=False),
        sa.Column('console_type', s255, nullable=False),
        sa.Column('host', s255, nullable=False),
        sa.Column('port', sa.Integer, nullable=False),
        sa.Column('tls_port', sa.Integer),
        sa.Column('internal_access_path', s255),
        sa.Column('instance_uuid', uuid, nullable=False),
        sa.Column('expires', sa.Integer, nullable=False),
        sa.Column('access_url_base', s255),
        sa.Index('console_auth_tokens_instance_uuid_idx', 'instance_uuid'),
        sa.Index('console_auth_tokens_host_expires_idx', 'host', 'expires'),
        sa.Index('console_auth_tokens_token_hash_instance_uuid_idx',
                 'token_hash', 'instance_uuid'),
        sa.UniqueConstraint('token_hash',
                            name='uniq_console_auth_tokens0token_hash'),
    )

    _timestamped_table(
        meta, 'share_mapping',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer, 'sqlite'),
                  primary_key=True, autoincrement=True, nullable=False),
        sa.Column('uuid', uuid),
        _instance_fk('instance_uuid', 'share_mapping_instance_uuid_fkey'),
        sa.Column('share_id', uuid),
        sa.Column('status', sa.String(32)),
        sa.Column('tag', sa.String(48)),
        sa.Column('export_location', sa.Text),
        sa.Column('share_proto', sa.String(32)),
        sa.UniqueConstraint('instance_uuid', 'share_id',
                            name='uniq_key_pairs0instance_uuid0share_id'),
        sa.UniqueConstraint('instance_uuid', 'tag',
                            name='uniq_key_pairs0instance_uuid0tag'),
        sa.Index('share_idx', 'share_id'),
        sa.Index('share_mapping_instance_uuid_share_id_idx',
                 'instance_uuid', 'share_id'),
    )


def _shadow_column(column, dialect_name):
    """A plain copy of ``column`` for a shadow table.

    Shadow tables keep the primary key but no foreign keys, unique
    constraints, indexes or defaults: archived rows keep their ids and must
    never be blocked by constraints of the live tables.
    """
    type_ = column.type
    if isinstance(type_, sa.Enum):
        if dialect_name == 'postgresql':
            # NOTE: PostgreSQL enums are distinct types that do not cast to
            # one another, so INSERT ... SELECT into the shadow table only
            # works if the shadow column shares the live column's type.
            type_ = postgresql.ENUM(*type_.enums, name=type_.name,
                                    create_type=False)
        elif column.table.name == 'instances':
            # nova's name for the shadow copy of instances.locked_by.
            type_ = sa.Enum(*type_.enums, name=SHADOW_PREFIX + type_.name)
        else:
            type_ = sa.Enum(*type_.enums, name=type_.name)
    return sa.Column(column.name, type_, primary_key=column.primary_key,
                     nullable=column.nullable, autoincrement=False)


def _shadow_tables(meta, shadow_meta, dialect_name):
    for table in meta.sorted_tables:
        if 'deleted' not in table.c:
            continue
        sa.Table(SHADOW_PREFIX + table.name, shadow_meta,
                 *[_shadow_column(c, dialect_name) for c in table.columns],
                 **MYSQL_ARGS)


def upgrade():
    bind = op.get_bind()
    meta = sa.MetaData()
    _define_tables(meta)
    meta.create_all(bind=bind, checkfirst=False)

    shadow_meta = sa.MetaData()
    _shadow_tables(meta, shadow_meta, bind.dialect.name)
    shadow_meta.create_all(bind=bind, checkfirst=False)


def downgrade():
    raise NotImplementedError('nova_clone does not support downgrades')
