"""The cell ("main") database: models, migrations and data access."""
