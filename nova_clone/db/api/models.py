"""SQLAlchemy models of the API database, with nova's schema.

The API database holds what is global to a deployment (mappings, flavors,
key pairs, aggregates, server groups, quotas, request specs and build
requests). None of its tables soft-delete: rows are removed outright.
"""

import sqlalchemy as sa
from oslo_db.sqlalchemy import models
from sqlalchemy import orm

from nova_clone.db import types

BASE = orm.declarative_base()

# NOTE: the same storage settings as the cell database (nova's choice).
MYSQL_TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8'}


def _table_args(*items):
    return items + (dict(MYSQL_TABLE_ARGS),)


class _NovaAPIBase(models.TimestampMixin, models.ModelBase):
    """Common base: created_at/updated_at and dict-like access."""


class AggregateHost(BASE, _NovaAPIBase):
    """A host in an aggregate."""

    __tablename__ = 'aggregate_hosts'
    __table_args__ = _table_args(
        sa.UniqueConstraint(
            'host', 'aggregate_id',
            name='uniq_aggregate_hosts0host0aggregate_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    host = sa.Column(sa.String(255))
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)


class AggregateMetadata(BASE, _NovaAPIBase):
    """A key/value pair of an aggregate (e.g. ``availability_zone``)."""

    __tablename__ = 'aggregate_metadata'
    __table_args__ = _table_args(
        sa.UniqueConstraint(
            'aggregate_id', 'key',
            name='uniq_aggregate_metadata0aggregate_id0key'),
        sa.Index('aggregate_metadata_key_idx', 'key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=False)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)


class Aggregate(BASE, _NovaAPIBase):
    """A host aggregate."""

    __tablename__ = 'aggregates'
    __table_args__ = _table_args(
        sa.Index('aggregate_uuid_idx', 'uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregate0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(255))
    _hosts = orm.relationship(
        AggregateHost,
        primaryjoin='Aggregate.id == AggregateHost.aggregate_id',
        cascade='delete')
    _metadata = orm.relationship(
        AggregateMetadata,
        primaryjoin='Aggregate.id == AggregateMetadata.aggregate_id',
        cascade='delete')

    @property
    def _extra_keys(self):
        return ['hosts', 'metadetails', 'availability_zone']

    @property
    def hosts(self):
        """:returns: the host names in the aggregate."""
        return [h.host for h in self._hosts]

    @property
    def metadetails(self):
        """:returns: the aggregate's metadata as a dict."""
        return {m.key: m.value for m in self._metadata}

    @property
    def availability_zone(self):
        """:returns: the ``availability_zone`` metadata value, if any."""
        return self.metadetails.get('availability_zone')


class CellMapping(BASE, _NovaAPIBase):
    """Where a cell's database and message queue are."""

    __tablename__ = 'cell_mappings'
    __table_args__ = _table_args(
        sa.Index('uuid_idx', 'uuid'),
        sa.UniqueConstraint('uuid', name='uniq_cell_mappings0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    transport_url = sa.Column(sa.Text())
    database_connection = sa.Column(sa.Text())
    disabled = sa.Column(sa.Boolean, default=False)
    host_mapping = orm.relationship(
        'HostMapping', back_populates='cell_mapping')
    instance_mapping = orm.relationship(
        'InstanceMapping', back_populates='cell_mapping')


class InstanceMapping(BASE, _NovaAPIBase):
    """Which cell an instance lives in (None while it is being scheduled)."""

    __tablename__ = 'instance_mappings'
    __table_args__ = _table_args(
        sa.Index('project_id_idx', 'project_id'),
        sa.Index('instance_uuid_idx', 'instance_uuid'),
        sa.Index('instance_mappings_user_id_project_id_idx',
                 'user_id', 'project_id'),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_mappings0instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    cell_id = sa.Column(sa.Integer, sa.ForeignKey('cell_mappings.id'),
                        nullable=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    # NOTE: nullable because mappings created before user_id was added
    # have none.
    user_id = sa.Column(sa.String(255), nullable=True)
    queued_for_delete = sa.Column(sa.Boolean)
    cell_mapping = orm.relationship(
        'CellMapping', back_populates='instance_mapping')


class HostMapping(BASE, _NovaAPIBase):
    """Which cell a compute host belongs to."""

    __tablename__ = 'host_mappings'
    __table_args__ = _table_args(
        sa.Index('host_idx', 'host'),
        sa.UniqueConstraint('host', name='uniq_host_mappings0host'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    cell_id = sa.Column(sa.Integer, sa.ForeignKey('cell_mappings.id'),
                        nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    cell_mapping = orm.relationship(
        'CellMapping', back_populates='host_mapping')


class RequestSpec(BASE, _NovaAPIBase):
    """The scheduling request of an instance, as a serialized object."""

    __tablename__ = 'request_specs'
    __table_args__ = _table_args(
        sa.Index('request_spec_instance_uuid_idx', 'instance_uuid'),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_request_specs0instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    spec = sa.Column(types.MediumText(), nullable=False)


class Flavors(BASE, _NovaAPIBase):
    """A flavor: the size of a server."""

    __tablename__ = 'flavors'
    __table_args__ = _table_args(
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    flavorid = sa.Column(sa.String(255), nullable=False)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, default=1)
    vcpu_weight = sa.Column(sa.Integer)
    disabled = sa.Column(sa.Boolean, default=False)
    is_public = sa.Column(sa.Boolean, default=True)
    description = sa.Column(sa.Text)
    extra_specs = orm.relationship('FlavorExtraSpecs', back_populates='flavor')
    projects = orm.relationship('FlavorProjects', back_populates='flavor')


class FlavorExtraSpecs(BASE, _NovaAPIBase):
    """A key/value extra spec of a flavor."""

    __tablename__ = 'flavor_extra_specs'
    __table_args__ = _table_args(
        sa.Index('flavor_extra_specs_flavor_id_key_idx', 'flavor_id', 'key'),
        sa.UniqueConstraint('flavor_id', 'key',
                            name='uniq_flavor_extra_specs0flavor_id0key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id'),
                          nullable=False)
    flavor = orm.relationship(Flavors, back_populates='extra_specs')


class FlavorProjects(BASE, _NovaAPIBase):
    """A project granted access to a private flavor."""

    __tablename__ = 'flavor_projects'
    __table_args__ = _table_args(
        sa.UniqueConstraint(
            'flavor_id', 'project_id',
            name='uniq_flavor_projects0flavor_id0project_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id'),
                          nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    flavor = orm.relationship(Flavors, back_populates='projects')


class BuildRequest(BASE, _NovaAPIBase):
    """An instance that the API accepted but no cell holds yet."""

    __tablename__ = 'build_requests'
    __table_args__ = _table_args(
        sa.Index('build_requests_project_id_idx', 'project_id'),
        sa.Index('build_requests_instance_uuid_idx', 'instance_uuid'),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_build_requests0instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    # NOTE: nullable as in nova, which added it after the table existed.
    instance_uuid = sa.Column(sa.String(36))
    project_id = sa.Column(sa.String(255), nullable=False)
    instance = sa.Column(types.MediumText())
    block_device_mappings = sa.Column(types.MediumText())
    tags = sa.Column(sa.Text())


class KeyPair(BASE, _NovaAPIBase):
    """An SSH or x509 public key of a user."""

    __tablename__ = 'key_pairs'
    __table_args__ = _table_args(
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_key_pairs0user_id0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    fingerprint = sa.Column(sa.String(255))
    public_key = sa.Column(sa.Text())
    type = sa.Column(sa.Enum('ssh', 'x509', name='keypair_types'),
                     nullable=False, server_default='ssh')


class InstanceGroupMember(BASE, _NovaAPIBase):
    """An instance in a server group."""

    __tablename__ = 'instance_group_member'
    __table_args__ = _table_args(
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    instance_uuid = sa.Column(sa.String(255))
    group_id = sa.Column(sa.Integer, sa.ForeignKey('instance_groups.id'),
                         nullable=False)


class InstanceGroupPolicy(BASE, _NovaAPIBase):
    """The policy (and rules) of a server group."""

    __tablename__ = 'instance_group_policy'
    __table_args__ = _table_args(
        sa.Index('instance_group_policy_policy_idx', 'policy'),
    )
    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    policy = sa.Column(sa.String(255))
    group_id = sa.Column(sa.Integer, sa.ForeignKey('instance_groups.id'),
                         nullable=False)
    rules = sa.Column(sa.Text)


class InstanceGroup(BASE, _NovaAPIBase):
    """A server group."""

    __tablename__ = 'instance_groups'
    __table_args__ = _table_args(
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    _policies = orm.relationship(InstanceGroupPolicy)
    _members = orm.relationship(InstanceGroupMember)

    @property
    def policy(self):
        """:returns: the group's single policy row, or None."""
        return self._policies[0] if self._policies else None

    @property
    def members(self):
        """:returns: the member instance uuids."""
        return [m.instance_uuid for m in self._members]


class Quota(BASE, _NovaAPIBase):
    """A per-project quota limit override."""

    __tablename__ = 'quotas'
    __table_args__ = _table_args(
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer)


class ProjectUserQuota(BASE, _NovaAPIBase):
    """A per-user (within a project) quota limit override."""

    __tablename__ = 'project_user_quotas'
    __table_args__ = _table_args(
        sa.UniqueConstraint(
            'user_id', 'project_id', 'resource',
            name='uniq_project_user_quotas0user_id0project_id0resource'),
        sa.Index('project_user_quotas_project_id_idx', 'project_id'),
        sa.Index('project_user_quotas_user_id_idx', 'user_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer)


class QuotaClass(BASE, _NovaAPIBase):
    """A quota limit of a quota class (``default`` holds the defaults)."""

    __tablename__ = 'quota_classes'
    __table_args__ = _table_args(
        sa.Index('quota_classes_class_name_idx', 'class_name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    class_name = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255))
    hard_limit = sa.Column(sa.Integer)


class QuotaUsage(BASE, _NovaAPIBase):
    """Legacy reservation-based quota usage (kept for schema parity)."""

    __tablename__ = 'quota_usages'
    __table_args__ = _table_args(
        sa.Index('quota_usages_project_id_idx', 'project_id'),
        sa.Index('quota_usages_user_id_idx', 'user_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255), nullable=False)
    in_use = sa.Column(sa.Integer, nullable=False)
    reserved = sa.Column(sa.Integer, nullable=False)
    until_refresh = sa.Column(sa.Integer)


class Reservation(BASE, _NovaAPIBase):
    """Legacy quota reservation (kept for schema parity)."""

    __tablename__ = 'reservations'
    __table_args__ = _table_args(
        sa.Index('reservations_project_id_idx', 'project_id'),
        sa.Index('reservations_uuid_idx', 'uuid'),
        sa.Index('reservations_expire_idx', 'expire'),
        sa.Index('reservations_user_id_idx', 'user_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    usage_id = sa.Column(sa.Integer, sa.ForeignKey('quota_usages.id'),
                         nullable=False)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255))
    delta = sa.Column(sa.Integer, nullable=False)
    expire = sa.Column(sa.DateTime)
    usage = orm.relationship('QuotaUsage')
