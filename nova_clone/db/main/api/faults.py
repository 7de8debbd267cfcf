"""Cell DB queries of instance_faults."""

import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models

_select = services_api.model_select


@main_api.pick_context_manager_writer
def instance_fault_create(context, values):
    """Insert a fault row.

    :returns: the row.
    """
    fault = models.InstanceFault()
    fault.update(values)
    context.session.add(fault)
    context.session.flush()
    return fault


@main_api.pick_context_manager_reader
def instance_fault_get_by_instance_uuids(context, instance_uuids,
                                         latest=False):
    """Faults of several instances, newest first.

    :param latest: keep only the newest fault of each instance.
    :returns: ``{instance_uuid: [fault rows]}`` with an entry per uuid.
    """
    result = {uuid: [] for uuid in instance_uuids}
    if not instance_uuids:
        return result
    model = models.InstanceFault
    query = _select(context, model).where(
        model.instance_uuid.in_(instance_uuids))
    if latest:
        newest = (sa.select(model.instance_uuid,
                            sa.func.max(model.id).label('max_id'))
                  .where(model.instance_uuid.in_(instance_uuids),
                         model.deleted == 0)
                  .group_by(model.instance_uuid).subquery())
        query = query.join(newest, model.id == newest.c.max_id)
    query = query.order_by(model.created_at.desc(), model.id.desc())
    for fault in context.session.execute(query).scalars():
        result[fault.instance_uuid].append(fault)
    return result
