"""The ``createBackup`` server action: a rotated snapshot."""

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack.compute import servers_actions
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.image import glance
from nova_clone.policies import server_actions as policies


class CreateBackupController(action_helpers.ActionController):

    image_api = common.lazy_client(glance.API)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createBackup')
    @validation.schema(schema.create_backup)
    def _create_backup(self, req, id, body):
        """Snapshot, then keep only the newest ``rotation`` backups of
        ``backup_type``.
        """
        args = body['createBackup']
        context, instance = action_helpers.target(
            req, id, policies.CREATE_BACKUP, ['system_metadata'])
        metadata = servers_actions.image_properties(context,
                                                    args.get('metadata'))
        with action_helpers.translate_errors(id):
            image = self.compute_api.backup(
                context, instance, args['name'], args['backup_type'],
                int(args['rotation']), metadata)
        return servers_actions.image_created_response(
            req, context, image['id'], self.image_api)
