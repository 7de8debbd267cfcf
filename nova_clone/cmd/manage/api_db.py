"""``nova-manage api_db``: schema of the API database."""

from nova_clone.cmd.common import args
from nova_clone.db import migration


class ApiDbCommands:
    """Class for managing the api database."""

    @args('version', nargs='?', default=None,
          help='Database version (alembic revision) to sync to; head if '
               'omitted')
    def sync(self, version=None):
        """Sync the API database schema up to the latest (or a) version."""
        migration.db_sync(version, database='api')
        return 0

    def version(self):
        """Print the current API database version."""
        print(migration.db_version(database='api'))
        return 0
