"""RequestContext: who is calling, and which cell database/queue it targets."""

import contextlib
import copy

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade
from oslo_utils import timeutils


# NOTE: the catalog entries a user's context keeps (the services nova
# calls on the user's behalf).
_CATALOG_TYPES = ('image', 'block-storage', 'volumev3', 'key-manager',
                  'placement', 'network', 'accelerator', 'sharev2',
                  'shared-file-system')


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):
    """Security and routing context for one request or operation.

    Beyond oslo.context's identity fields it carries ``read_deleted``
    (``no``/``yes``/``only``), ``timestamp``, and, while a cell is targeted,
    ``cell_uuid`` plus ``db_connection`` (an enginefacade context manager of
    that cell's database).
    """

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 read_deleted='no', remote_address=None, timestamp=None,
                 quota_class=None, service_catalog=None,
                 user_auth_plugin=None, **kwargs):
        kwargs.setdefault('user_id', user_id)
        kwargs.setdefault('project_id', project_id)
        super().__init__(is_admin=bool(is_admin), **kwargs)
        self.read_deleted = read_deleted
        self.remote_address = remote_address
        if not timestamp:
            timestamp = timeutils.utcnow()
        elif isinstance(timestamp, str):
            timestamp = timeutils.parse_isotime(timestamp)
        self.timestamp = timestamp
        self.quota_class = quota_class
        self.service_catalog = [
            s for s in (service_catalog or [])
            if s.get('type') in _CATALOG_TYPES]
        self.user_auth_plugin = user_auth_plugin
        self.db_connection = None
        self.mq_connection = None
        self.cell_uuid = None

    def _get_read_deleted(self):
        return self._read_deleted

    def _set_read_deleted(self, read_deleted):
        if read_deleted not in ('no', 'yes', 'only'):
            raise ValueError("read_deleted can only be one of 'no', "
                             "'yes' or 'only', not %r" % read_deleted)
        self._read_deleted = read_deleted

    read_deleted = property(_get_read_deleted, _set_read_deleted)

    def to_dict(self):
        values = super().to_dict()
        values.update({
            'user_id': self.user_id,
            'project_id': self.project_id,
            'read_deleted': self.read_deleted,
            'remote_address': self.remote_address,
            'timestamp': timeutils.strtime(self.timestamp)
            if hasattr(timeutils, 'strtime')
            else self.timestamp.isoformat(),
            'quota_class': self.quota_class,
            'service_catalog': self.service_catalog,
        })
        return values

    @classmethod
    def from_dict(cls, values):
        allowed = {
            'user_id', 'project_id', 'is_admin', 'read_deleted',
            'remote_address', 'timestamp', 'quota_class', 'service_catalog',
            'request_id', 'global_request_id', 'auth_token', 'user_name',
            'project_name', 'roles', 'user_domain_id', 'project_domain_id',
            'system_scope', 'domain_id', 'show_deleted', 'is_admin_project',
            'resource_uuid',
        }
        return cls(**{k: v for k, v in values.items() if k in allowed})

    def elevated(self, read_deleted=None):
        """:returns: an admin copy of this context."""
        ctx = copy.copy(self)
        ctx.roles = copy.deepcopy(self.roles)
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles.append('admin')
        if read_deleted is not None:
            ctx.read_deleted = read_deleted
        return ctx

    def __str__(self):
        return '<Context %s>' % self.to_dict()


def get_admin_context(read_deleted='no'):
    """:returns: an admin context with no user or project (for services)."""
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          read_deleted=read_deleted, overwrite=False)


def get_context():
    """:returns: a non-admin context with no identity (tests, CLIs)."""
    return RequestContext(user_id=None, project_id=None, is_admin=False,
                          overwrite=False)


def is_user_context(context):
    """:returns: True when ``context`` is a plain user (not admin/service)."""
    if not context or context.is_admin:
        return False
    return bool(context.user_id and context.project_id)


def set_target_cell(context, cell_mapping):
    """Point ``context`` at ``cell_mapping``'s database (in place).

    :param cell_mapping: a CellMapping object, or None to clear the target.
    """
    from nova_clone.db.main import api as main_db_api  # noqa: N311
    if cell_mapping is None:
        context.db_connection = None
        context.cell_uuid = None
        return
    context.db_connection = main_db_api.get_context_manager(
        cell_mapping.database_connection)
    context.cell_uuid = cell_mapping.uuid


@contextlib.contextmanager
def target_cell(context, cell_mapping):
    """Yield a copy of ``context`` that targets ``cell_mapping``'s database.

    The caller's context is untouched, so nested or concurrent targeting of
    different cells cannot leak into one another.
    """
    cctxt = copy.copy(context)
    set_target_cell(cctxt, cell_mapping)
    yield cctxt
