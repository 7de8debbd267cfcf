"""Database access: the API database (``db.api``) and cell databases (``db.main``)."""
