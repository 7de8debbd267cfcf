"""Database access: the API database (``db.api``) and cells (``db.main``)."""
