"""Cell DB queries of block_device_mapping."""

from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select
_BDM = models.BlockDeviceMapping


@main_api.pick_context_manager_writer
def block_device_mapping_create(context, values):
    """Insert a BDM (with a generated uuid if none).

    :returns: the row.
    """
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    bdm = _BDM()
    bdm.update(values)
    context.session.add(bdm)
    context.session.flush()
    return bdm


@main_api.pick_context_manager_writer
def block_device_mapping_update(context, bdm_id, values):
    """Update BDM ``bdm_id``.

    :returns: the row.  :raises: BDMNotFound
    """
    bdm = context.session.execute(
        _select(context, _BDM).filter_by(id=bdm_id)).scalars().first()
    if bdm is None:
        raise exception.BDMNotFound(id=bdm_id)
    bdm.update(values)
    context.session.flush()
    return bdm


@main_api.pick_context_manager_writer
def block_device_mapping_update_or_create(context, values):
    """Update the instance's BDM with the same device or volume, or add one.

    :returns: the row.
    """
    query = _select(context, _BDM).filter_by(
        instance_uuid=values['instance_uuid'])
    if values.get('volume_id'):
        query = query.filter_by(volume_id=values['volume_id'])
    elif values.get('device_name'):
        query = query.filter_by(device_name=values['device_name'])
    else:
        query = None
    bdm = (context.session.execute(query).scalars().first()
           if query is not None else None)
    if bdm is None:
        return block_device_mapping_create(context, values)
    bdm.update(values)
    context.session.flush()
    return bdm


@main_api.pick_context_manager_reader
def block_device_mapping_get_all_by_instance_uuids(context, instance_uuids):
    """:returns: the BDMs of the instances, by instance then id."""
    if not instance_uuids:
        return []
    return context.session.execute(
        _select(context, _BDM).where(_BDM.instance_uuid.in_(instance_uuids))
        .order_by(_BDM.instance_uuid, _BDM.id)).scalars().all()


@main_api.pick_context_manager_reader
def block_device_mapping_get_all_by_volume_id(context, volume_id):
    """:returns: every BDM of ``volume_id`` (several when multi-attached)."""
    return context.session.execute(
        _select(context, _BDM).filter_by(volume_id=volume_id)
        .order_by(_BDM.id)).scalars().all()


@main_api.pick_context_manager_reader
def block_device_mapping_get_by_volume_and_instance(context, volume_id,
                                                    instance_uuid):
    """:returns: the BDM of ``volume_id`` on ``instance_uuid``.

    :raises: VolumeBDMNotFound
    """
    bdm = context.session.execute(
        _select(context, _BDM).filter_by(volume_id=volume_id,
                                         instance_uuid=instance_uuid)
    ).scalars().first()
    if bdm is None:
        raise exception.VolumeBDMNotFound(volume_id=volume_id)
    return bdm


@main_api.pick_context_manager_reader
def block_device_mapping_get_by_uuid(context, bdm_uuid):
    """:returns: BDM ``bdm_uuid``.  :raises: BDMNotFound"""
    bdm = context.session.execute(
        _select(context, _BDM).filter_by(uuid=bdm_uuid)).scalars().first()
    if bdm is None:
        raise exception.BDMNotFound(id=bdm_uuid)
    return bdm


@main_api.pick_context_manager_writer
def block_device_mapping_destroy(context, bdm_id):
    """Soft-delete BDM ``bdm_id``."""
    context.session.execute(
        sa.update(_BDM).where(_BDM.id == bdm_id, _BDM.deleted == 0)
        .values(**services_api.soft_delete_values())
        .execution_options(synchronize_session=False))


@main_api.pick_context_manager_writer
def block_device_mapping_destroy_by_instance_and_volume(context,
                                                        instance_uuid,
                                                        volume_id):
    """Soft-delete the BDM of ``volume_id`` on ``instance_uuid``."""
    context.session.execute(
        sa.update(_BDM).where(_BDM.instance_uuid == instance_uuid,
                              _BDM.volume_id == volume_id,
                              _BDM.deleted == 0)
        .values(**services_api.soft_delete_values())
        .execution_options(synchronize_session=False))
