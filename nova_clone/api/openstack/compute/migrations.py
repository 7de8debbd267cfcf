"""/os-migrations: every cell's migrations, newest first, for admins.

2.23 adds ``migration_type`` and links to in-progress live migrations,
2.59 the uuid, paging and ``changes-since``, 2.66 ``changes-before``,
2.80 the owner (``user_id``/``project_id``, also as filters).
"""

from oslo_utils import timeutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack.compute.schemas import migrations as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import migrations as mig_policies
from nova_clone import policy

_IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')
_FIELDS = ('id', 'source_node', 'dest_node', 'source_compute',
           'dest_compute', 'dest_host', 'status', 'instance_uuid',
           'old_instance_type_id', 'new_instance_type_id')



class MigrationsController(wsgi.Controller, common.ViewBuilder):

    _collection_name = 'os-migrations'

    def _view(self, req, migration):
        body = {key: getattr(migration, key) for key in _FIELDS}
        body['created_at'] = common.db_time(migration.created_at)
        body['updated_at'] = common.db_time(migration.updated_at)
        if api_version_request.is_supported(req, '2.23'):
            body['migration_type'] = migration.migration_type
            if migration.migration_type == 'live-migration' and \
                    migration.status in _IN_PROGRESS:
                body['links'] = self._get_links(
                    req, migration.id,
                    'servers/%s/migrations' % migration.instance_uuid)
        if api_version_request.is_supported(req, '2.59'):
            body['uuid'] = migration.uuid
        if api_version_request.is_supported(req, '2.80'):
            body['user_id'] = migration.user_id
            body['project_id'] = migration.project_id
        return body

    @staticmethod
    def _filters(req):
        filters = {'hidden': False}
        names = ['status', 'host', 'source_compute', 'migration_type']
        if api_version_request.is_supported(req, '2.59'):
            names.append('instance_uuid')
        if api_version_request.is_supported(req, '2.80'):
            names += ['user_id', 'project_id']
        for name in names:
            if name in req.GET:
                filters[name] = req.GET[name]
        if 'hypervisor_hostname' in req.GET:
            filters['node'] = req.GET['hypervisor_hostname']
        for key, version in (('changes-since', '2.59'),
                             ('changes-before', '2.66')):
            if key in req.GET and api_version_request.is_supported(
                    req, version):
                filters[key] = timeutils.normalize_time(
                    timeutils.parse_isotime(req.GET[key]))
        return filters

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403))
    @validation.query_schema(schema.index_query, '2.1', '2.58')
    @validation.query_schema(schema.index_query_v259, '2.59', '2.65')
    @validation.query_schema(schema.index_query_v266, '2.66', '2.79')
    @validation.query_schema(schema.index_query_v280, '2.80')
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, mig_policies.POLICY_ROOT % 'index',
                         target={})
        filters = self._filters(req)
        if 'changes-since' in filters and 'changes-before' in filters \
                and filters['changes-since'] > filters['changes-before']:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The value of changes-since must be less than or equal to '
                'changes-before.'))
        migrations = []
        admin = context.elevated()
        for cctxt in service_lookup.each_cell(admin):
            migrations.extend(objects.MigrationList.get_by_filters(cctxt,
                                                                   filters))
        migrations.sort(key=lambda m: (m.created_at, m.id), reverse=True)
        paged = api_version_request.is_supported(req, '2.59')
        limit = None
        if paged:
            limit, marker = common.get_limit_and_marker(req)
            if marker:
                uuids = [m.uuid for m in migrations]
                if marker not in uuids:
                    raise webob.exc.HTTPBadRequest(explanation=_(
                        'Marker %s could not be found.') % marker)
                migrations = migrations[uuids.index(marker) + 1:]
            migrations = migrations[:limit]
        body = {'migrations': [self._view(req, m) for m in migrations]}
        if paged and limit and len(migrations) == limit:
            body['migrations_links'] = [{
                'rel': 'next', 'href': self._get_next_link(
                    req, migrations[-1].uuid)}]
        return body
