"""The API database: models, migrations and its enginefacade context."""
