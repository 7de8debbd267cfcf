"""Cell DB queries of the services table; also the shared select helper."""

from oslo_db import exception as db_exc
from oslo_utils import timeutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main import models
from nova_clone import exception


def model_select(context, model, *columns, read_deleted=None,
                 project_only=False):
    """Build a SELECT of ``model`` honouring soft deletion and ownership.

    :param model: a soft-deletable model class.
    :param columns: columns to select instead of the whole entity.
    :param read_deleted: 'no', 'yes' or 'only'; defaults to the context's.
    :param project_only: limit non-admin contexts to their project.
    :returns: a ``sqlalchemy.Select``.
    """
    query = sa.select(*columns) if columns else sa.select(model)
    if not columns:
        query = query.select_from(model)
    read_deleted = read_deleted or getattr(context, 'read_deleted', 'no')
    if hasattr(model, 'deleted'):
        if read_deleted == 'no':
            query = query.where(model.deleted == 0)
        elif read_deleted == 'only':
            query = query.where(model.deleted != 0)
        elif read_deleted != 'yes':
            raise ValueError('Unrecognized read_deleted value %r'
                             % read_deleted)
    if (project_only and not getattr(context, 'is_admin', False)
            and getattr(context, 'project_id', None)):
        query = query.where(model.project_id == context.project_id)
    return query


def soft_delete_values():
    """:returns: the UPDATE values that soft-delete a row (deleted = id)."""
    return {'deleted': sa.literal_column('id'),
            'deleted_at': timeutils.utcnow(),
            'updated_at': sa.literal_column('updated_at')}


def _service_or_raise(context, service_id=None, **filters):
    query = model_select(context, models.Service).filter_by(**filters)
    if service_id is not None:
        query = query.filter_by(id=service_id)
    service = context.session.execute(query).scalars().first()
    if service is None:
        raise exception.ServiceNotFound(
            service_id=service_id or filters.get('uuid'))
    return service


@main_api.pick_context_manager_reader
def service_get(context, service_id):
    """:returns: the service row ``service_id``.

    :raises: ServiceNotFound
    """
    return _service_or_raise(context, service_id=service_id)


@main_api.pick_context_manager_reader
def service_get_by_uuid(context, service_uuid):
    """:returns: the service row with ``service_uuid``.

    :raises: ServiceNotFound
    """
    return _service_or_raise(context, uuid=service_uuid)


@main_api.pick_context_manager_reader
def service_get_by_host_and_binary(context, host, binary):
    """:returns: the live service ``binary`` on ``host``.

    :raises: HostBinaryNotFound
    """
    service = context.session.execute(
        model_select(context, models.Service).filter_by(
            host=host, binary=binary)).scalars().first()
    if service is None:
        raise exception.HostBinaryNotFound(host=host, binary=binary)
    return service


@main_api.pick_context_manager_reader
def service_get_by_host_and_topic(context, host, topic):
    """:returns: the service row with ``topic`` on ``host``, or None."""
    return context.session.execute(
        model_select(context, models.Service).filter_by(
            host=host, topic=topic, disabled=False)).scalars().first()


@main_api.pick_context_manager_reader
def service_get_by_compute_host(context, host):
    """:returns: the nova-compute service row of ``host``.

    :raises: ComputeHostNotFound
    """
    service = context.session.execute(
        model_select(context, models.Service).filter_by(
            host=host, binary='nova-compute')).scalars().first()
    if service is None:
        raise exception.ComputeHostNotFound(host=host)
    return service


@main_api.pick_context_manager_reader
def service_get_all(context, disabled=None):
    """:returns: live service rows, optionally filtered on ``disabled``."""
    query = model_select(context, models.Service).order_by(models.Service.id)
    if disabled is not None:
        query = query.filter_by(disabled=disabled)
    return context.session.execute(query).scalars().all()


@main_api.pick_context_manager_reader
def service_get_all_by_topic(context, topic):
    """:returns: enabled service rows listening on ``topic``."""
    return context.session.execute(
        model_select(context, models.Service).filter_by(
            topic=topic, disabled=False)).scalars().all()


@main_api.pick_context_manager_reader
def service_get_all_by_binary(context, binary, include_disabled=False):
    """:returns: service rows running ``binary``."""
    query = model_select(context, models.Service).filter_by(binary=binary)
    if not include_disabled:
        query = query.filter_by(disabled=False)
    return context.session.execute(query).scalars().all()


@main_api.pick_context_manager_reader
def service_get_all_by_host(context, host):
    """:returns: every live service row on ``host``."""
    return context.session.execute(
        model_select(context, models.Service).filter_by(host=host)
    ).scalars().all()


@main_api.pick_context_manager_reader
def service_get_minimum_version(context, binaries):
    """Report the oldest running version of each binary.

    Forced-down services are ignored: they are known to be dead.

    :param binaries: a list of binary names.
    :returns: ``{binary: min_version or None}``.
    """
    rows = context.session.execute(
        model_select(context, models.Service, models.Service.binary,
                     sa.func.min(models.Service.version))
        .where(models.Service.binary.in_(binaries))
        .where(sa.or_(models.Service.forced_down.is_(sa.false()),
                      models.Service.forced_down.is_(None)))
        .group_by(models.Service.binary)).all()
    result = {binary: None for binary in binaries}
    result.update({binary: version for binary, version in rows})
    return result


@main_api.pick_context_manager_writer
def service_create(context, values):
    """Insert a service row.

    :raises: ServiceBinaryExists or ServiceTopicExists on a duplicate.
    """
    for column, exc in (('binary', exception.ServiceBinaryExists),
                        ('topic', exception.ServiceTopicExists)):
        if values.get(column) and context.session.execute(
                sa.select(models.Service.id).where(
                    models.Service.host == values.get('host'),
                    getattr(models.Service, column) == values[column],
                    models.Service.deleted == 0)).first():
            raise exc(host=values.get('host'), **{column: values[column]})
    service = models.Service()
    service.update(values)
    try:
        context.session.add(service)
        context.session.flush()
    except db_exc.DBDuplicateEntry as e:
        if 'binary' in e.columns:
            raise exception.ServiceBinaryExists(host=values.get('host'),
                                                binary=values.get('binary'))
        raise exception.ServiceTopicExists(host=values.get('host'),
                                           topic=values.get('topic'))
    return service


@main_api.pick_context_manager_writer
def service_update(context, service_id, values):
    """Update service ``service_id``; a re-enable clears the reason.

    :returns: the updated row.
    :raises: ServiceNotFound
    """
    service = _service_or_raise(context, service_id=service_id)
    if values.get('disabled') is False:
        values.setdefault('disabled_reason', None)
    service.update(values)
    context.session.flush()
    return service


@main_api.pick_context_manager_writer
def service_destroy(context, service_id):
    """Soft-delete service ``service_id`` and its compute nodes.

    :raises: ServiceNotFound
    """
    service = _service_or_raise(context, service_id=service_id)
    context.session.execute(
        sa.update(models.Service).where(models.Service.id == service.id)
        .values(**soft_delete_values()))
    if service.binary == 'nova-compute':
        context.session.execute(
            sa.update(models.ComputeNode)
            .where(models.ComputeNode.service_id == service.id,
                   models.ComputeNode.deleted == 0)
            .values(**soft_delete_values()))
