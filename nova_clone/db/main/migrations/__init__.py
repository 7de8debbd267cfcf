"""Alembic migration tree of the cell ("main") database."""

# NOTE: shadow_* tables are created by the migrations but have no models
# (archive code reaches them by name), so model/migration comparisons must
# skip them.
SHADOW_TABLE_PREFIX = 'shadow_'


def include_object(obj, name, type_, reflected, compare_to):
    """Alembic ``include_object`` hook: leave the shadow tables out.

    :param obj: the schema item alembic is looking at.
    :param name: its name.
    :param type_: ``'table'``, ``'column'``, ``'index'``...
    :param reflected: whether it came from the database.
    :param compare_to: the model-side counterpart, if any.
    :returns: False for shadow tables and their contents, else True.
    """
    table = obj if type_ == 'table' else getattr(obj, 'table', None)
    table_name = name if type_ == 'table' else getattr(table, 'name', '')
    return not (table_name or '').startswith(SHADOW_TABLE_PREFIX)
