"""Remove API-database records that belonged to archived instances.

Once an instance's rows have moved to the shadow tables its instance
mapping, request spec and server-group membership only take space (and make
``verify_instance`` report it as archived), so archiving removes them.
"""

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models

# NOTE: (model, column holding the instance uuid), in a safe delete order.
_INSTANCE_TABLES = (
    (api_models.InstanceGroupMember, 'instance_uuid'),
    (api_models.RequestSpec, 'instance_uuid'),
    (api_models.InstanceMapping, 'instance_uuid'),
)

_BATCH = 500


def remove_instance_records(ctxt, instance_uuids):
    """Delete API-DB rows of ``instance_uuids``.

    :param ctxt: a RequestContext (its cell target, if any, is irrelevant).
    :returns: ``{table_name: rows_deleted}`` for tables that lost rows.
    """
    uuids = list(instance_uuids)
    removed = {}
    with api_db_api.context_manager.writer.using(ctxt) as session:
        for model, column in _INSTANCE_TABLES:
            table = model.__table__
            count = 0
            for i in range(0, len(uuids), _BATCH):
                batch = uuids[i:i + _BATCH]
                result = session.execute(
                    table.delete().where(table.c[column].in_(batch)))
                count += result.rowcount
            if count:
                removed[table.name] = count
    return removed
