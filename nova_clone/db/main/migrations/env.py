"""Alembic environment of the cell database: online, on a given conn."""

from alembic import context

from nova_clone.db.main import migrations, models

config = context.config
target_metadata = models.BASE.metadata


def run_migrations_online():
    """Run the migrations on ``config.attributes['connection']``.

    There is no alembic.ini and no URL here: ``nova_clone.db.migration``
    opens the connection (so engine options and SQLite pragmas apply) and
    hands it over.
    """
    connection = config.attributes.get('connection')
    if connection is None:
        raise RuntimeError(
            'nova_clone.db.main migrations need a connection in '
            "config.attributes['connection']; use nova_clone.db.migration")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=migrations.include_object,
        # NOTE: SQLite cannot ALTER most things; batch mode recreates tables.
        render_as_batch=connection.dialect.name == 'sqlite',
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError('offline (SQL script) migrations are not supported')
run_migrations_online()
