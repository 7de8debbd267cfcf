"""Alembic migration tree of the API database."""


def include_object(obj, name, type_, reflected, compare_to):
    """Alembic ``include_object`` hook: every API table is compared.

    Kept for symmetry with the cell tree, whose shadow tables are skipped.
    """
    return True
