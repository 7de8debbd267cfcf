"""Aggregate(+List): host aggregates and their metadata (API database)."""

from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

AZ_KEY = 'availability_zone'


def _query():
    return sa.select(api_models.Aggregate).options(
        orm.selectinload(api_models.Aggregate._hosts),
        orm.selectinload(api_models.Aggregate._metadata))


def _get_or_raise(context, aggregate_id=None, uuid=None):
    query = _query()
    query = (query.filter_by(id=aggregate_id) if uuid is None
             else query.filter_by(uuid=uuid))
    db_agg = context.session.execute(query).scalars().first()
    if db_agg is None:
        raise exception.AggregateNotFound(
            aggregate_id=uuid if uuid is not None else aggregate_id)
    return db_agg


@api_db_api.context_manager.reader
def _aggregate_get(context, aggregate_id=None, uuid=None):
    return _get_or_raise(context, aggregate_id=aggregate_id, uuid=uuid)


@api_db_api.context_manager.writer
def _aggregate_create(context, values, metadata=None):
    name_taken = context.session.execute(
        sa.select(api_models.Aggregate.id).filter_by(name=values['name'])
    ).first()
    if name_taken:
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    db_agg = api_models.Aggregate()
    db_agg.update(values)
    context.session.add(db_agg)
    context.session.flush()
    for key, value in (metadata or {}).items():
        context.session.add(api_models.AggregateMetadata(
            aggregate_id=db_agg.id, key=key, value=value))
    context.session.flush()
    context.session.expire(db_agg)
    return _get_or_raise(context, aggregate_id=db_agg.id)


@api_db_api.context_manager.writer
def _aggregate_update(context, aggregate_id, values):
    db_agg = _get_or_raise(context, aggregate_id=aggregate_id)
    if 'name' in values and values['name'] != db_agg.name:
        taken = context.session.execute(
            sa.select(api_models.Aggregate.id).filter_by(name=values['name'])
        ).first()
        if taken:
            raise exception.AggregateNameExists(
                aggregate_name=values['name'])
    db_agg.update(values)
    context.session.flush()
    return db_agg


@api_db_api.context_manager.writer
def _metadata_update(context, aggregate_id, updates):
    """Apply ``updates``; a None value deletes the key."""
    _get_or_raise(context, aggregate_id=aggregate_id)
    model = api_models.AggregateMetadata
    rows = {row.key: row for row in context.session.execute(
        sa.select(model).filter_by(aggregate_id=aggregate_id)).scalars()}
    for key, value in updates.items():
        row = rows.get(key)
        if value is None:
            if row is None:
                raise exception.AggregateMetadataNotFound(
                    aggregate_id=aggregate_id, metadata_key=key)
            context.session.delete(row)
        elif row is None:
            context.session.add(model(aggregate_id=aggregate_id, key=key,
                                      value=value))
        else:
            row.value = value
    context.session.flush()


@api_db_api.context_manager.writer
def _host_add(context, aggregate_id, host):
    _get_or_raise(context, aggregate_id=aggregate_id)
    model = api_models.AggregateHost
    if context.session.execute(sa.select(model.id).filter_by(
            aggregate_id=aggregate_id, host=host)).first():
        raise exception.AggregateHostExists(host=host,
                                            aggregate_id=aggregate_id)
    context.session.add(model(aggregate_id=aggregate_id, host=host))


@api_db_api.context_manager.writer
def _host_delete(context, aggregate_id, host):
    result = context.session.execute(sa.delete(api_models.AggregateHost)
                                     .filter_by(aggregate_id=aggregate_id,
                                                host=host))
    if not result.rowcount:
        raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                              host=host)


@api_db_api.context_manager.writer
def _aggregate_destroy(context, aggregate_id):
    _get_or_raise(context, aggregate_id=aggregate_id)
    for model in (api_models.AggregateHost, api_models.AggregateMetadata):
        context.session.execute(sa.delete(model).filter_by(
            aggregate_id=aggregate_id))
    context.session.execute(sa.delete(api_models.Aggregate).filter_by(
        id=aggregate_id))


@base.NovaObjectRegistry.register
class Aggregate(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(nullable=False),
        'name': fields.StringField(),
        'hosts': fields.ListOfStringsField(nullable=True),
        'metadata': fields.DictOfStringsField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }

    obj_extra_fields = ['availability_zone']

    @staticmethod
    def _from_db_object(context, aggregate, db_aggregate):
        for key in aggregate.fields:
            if key == 'metadata':
                aggregate.metadata = db_aggregate.metadetails
            elif key == 'hosts':
                aggregate.hosts = db_aggregate.hosts
            elif key in ('deleted', 'deleted_at'):
                # The API database hard-deletes aggregates.
                setattr(aggregate, key, False if key == 'deleted' else None)
            else:
                setattr(aggregate, key, db_aggregate[key])
        aggregate._context = context
        aggregate.obj_reset_changes()
        return aggregate

    @property
    def availability_zone(self):
        """:returns: the ``availability_zone`` metadata value, if any."""
        return (self.metadata or {}).get(AZ_KEY)

    @base.remotable_classmethod
    def get_by_id(cls, context, aggregate_id):
        """:returns: aggregate ``aggregate_id``.  :raises: AggregateNotFound
        """
        return cls._from_db_object(context, cls(),
                                   _aggregate_get(context, aggregate_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, aggregate_uuid):
        """:returns: the aggregate with ``aggregate_uuid``.

        :raises: AggregateNotFound
        """
        return cls._from_db_object(
            context, cls(), _aggregate_get(context, uuid=aggregate_uuid))

    @base.remotable
    def create(self):
        """Store this aggregate (hosts must be added afterwards).

        :raises: AggregateNameExists, ObjectActionError
        """
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        if 'hosts' in updates:
            raise exception.ObjectActionError(action='create',
                                              reason='hosts updated inline')
        metadata = updates.pop('metadata', None)
        updates.setdefault('uuid', uuidutils.generate_uuid())
        for key in ('deleted', 'deleted_at', 'created_at', 'updated_at'):
            updates.pop(key, None)
        self._from_db_object(self._context, self,
                             _aggregate_create(self._context, updates,
                                               metadata=metadata))

    @base.remotable
    def save(self):
        """Write a changed name (metadata and hosts have own methods)."""
        updates = self.obj_get_changes()
        if 'hosts' in updates:
            raise exception.ObjectActionError(action='save',
                                              reason='hosts updated inline')
        updates.pop('id', None)
        updates.pop('metadata', None)
        _aggregate_update(self._context, self.id, updates)
        self._reload()

    @base.remotable
    def update_metadata(self, updates):
        """Set or (with a None value) delete metadata keys.

        :raises: AggregateMetadataNotFound when deleting a missing key.
        """
        _metadata_update(self._context, self.id, updates)
        self._reload()

    @base.remotable
    def destroy(self):
        """Delete this aggregate with its hosts and metadata."""
        _aggregate_destroy(self._context, self.id)

    @base.remotable
    def add_host(self, host):
        """Add ``host``.  :raises: AggregateHostExists"""
        _host_add(self._context, self.id, host)
        self._reload()

    @base.remotable
    def delete_host(self, host):
        """Remove ``host``.  :raises: AggregateHostNotFound"""
        _host_delete(self._context, self.id, host)
        self._reload()

    def _reload(self):
        self._from_db_object(self._context, self,
                             _aggregate_get(self._context, self.id))


@api_db_api.context_manager.reader
def _get_all_from_db(context, host=None, key=None, hosts=None):
    query = _query().order_by(api_models.Aggregate.id)
    if host is not None:
        query = query.where(api_models.Aggregate._hosts.any(host=host))
    if hosts is not None:
        query = query.where(api_models.Aggregate._hosts.any(
            api_models.AggregateHost.host.in_(hosts)))
    if key is not None:
        query = query.where(api_models.Aggregate._metadata.any(key=key))
    return context.session.execute(query).scalars().all()


def get_host_availability_zones(context):
    """:returns: ``{host: zone}`` from the aggregates' zone metadata.

    A host in several zoned aggregates gets their names joined by commas,
    as nova reports it.
    """
    zones = {}
    for db_agg in _get_all_from_db(context, key=AZ_KEY):
        zone = db_agg.metadetails[AZ_KEY]
        for host in db_agg.hosts:
            zones.setdefault(host, [])
            if zone not in zones[host]:
                zones[host].append(zone)
    return {host: ','.join(sorted(names)) for host, names in zones.items()}


@base.NovaObjectRegistry.register
class AggregateList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Aggregate'),
    }

    def _make(self, context, rows):
        return base.obj_make_list(context, self, Aggregate, rows)

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every aggregate."""
        return cls()._make(context, _get_all_from_db(context))

    @base.remotable_classmethod
    def get_by_host(cls, context, host, key=None):
        """:returns: aggregates holding ``host`` (with metadata ``key``)."""
        return cls()._make(context, _get_all_from_db(context, host=host,
                                                     key=key))

    @base.remotable_classmethod
    def get_by_metadata_key(cls, context, key, hosts=None):
        """:returns: aggregates with metadata ``key`` (and any of hosts)."""
        return cls()._make(context, _get_all_from_db(context, key=key,
                                                     hosts=hosts))

    @base.remotable_classmethod
    def get_by_metadata(cls, context, key=None, value=None):
        """:returns: aggregates whose metadata matches ``key``/``value``."""
        rows = _get_all_from_db(context, key=key)
        if value is not None:
            rows = [row for row in rows
                    if value in (row.metadetails.get(key),) or
                    (key is None and value in row.metadetails.values())]
        return cls()._make(context, rows)
