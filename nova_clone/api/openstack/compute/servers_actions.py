"""The server actions nova keeps on /servers itself: ``os-start``,
``os-stop``, ``reboot``, ``rebuild``, ``createImage`` and
``trigger_crash_dump`` (2.17).
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import action_helpers
from nova_clone.api.openstack.compute.schemas import server_actions as schema
from nova_clone.api.openstack.compute import servers_create as create_args
from nova_clone.api.openstack.compute.views import servers as views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import api_images
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.image import glance
from nova_clone import objects
from nova_clone.policies import server_actions as policies
from nova_clone import policy
from nova_clone import quota

CONF = nova_conf.CONF

_SHOW_ATTRS = ['flavor', 'info_cache', 'metadata', 'system_metadata']


def image_created_response(req, context, image_id, image_api):
    """createImage/createBackup: a Location header before 2.45, the id
    in the body from 2.45 on.
    """
    if api_version_request.is_supported(req, '2.45'):
        return wsgi.ResponseObject({'image_id': image_id}, code=202)
    url = '%s/images/%s' % (image_api.endpoint(context).rstrip('/'),
                            image_id)
    return wsgi.ResponseObject(None, code=202, headers={'Location': url})


def image_properties(context, metadata):
    """Snapshot metadata from the request, checked against the quota."""
    metadata = metadata or {}
    try:
        quota.check_metadata_quota(context, metadata)
    except exception.MetadataLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    return metadata


class ServerActionsController(action_helpers.ActionController):

    image_api = common.lazy_client(glance.API)

    def __init__(self):
        self._view_builder = views.ViewBuilder()

    # ------------------------------------------------------------ power

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-start')
    @validation.schema(schema.start)
    def _start_server(self, req, id, body):
        self.run(req, id, policies.SERVERS % 'start', 'start')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('os-stop')
    @validation.schema(schema.stop)
    def _stop_server(self, req, id, body):
        self.run(req, id, policies.SERVERS % 'stop', 'stop')

    @wsgi.response(202)
    @wsgi.expected_errors((404, 409))
    @wsgi.action('reboot')
    @validation.schema(schema.reboot)
    def _action_reboot(self, req, id, body):
        reboot_type = body['reboot']['type'].upper()
        self.run(req, id, policies.SERVERS % 'reboot', 'reboot',
                 reboot_type)

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('trigger_crash_dump')
    @validation.schema(schema.trigger_crash_dump, '2.17')
    def _action_trigger_crash_dump(self, req, id, body):
        if not api_version_request.is_supported(req, '2.17'):
            raise webob.exc.HTTPNotFound(explanation=_(
                'The action trigger_crash_dump needs microversion 2.17.'))
        try:
            self.run(req, id, policies.SERVERS % 'trigger_crash_dump',
                     'trigger_crash_dump')
        except NotImplementedError:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Triggering a crash dump is not supported by the '
                'hypervisor.'))

    # ---------------------------------------------------------- rebuild

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('rebuild')
    @validation.schema(*schema.REBUILD_RANGES[0])
    @validation.schema(*schema.REBUILD_RANGES[1])
    @validation.schema(*schema.REBUILD_RANGES[2])
    @validation.schema(*schema.REBUILD_RANGES[3])
    @validation.schema(*schema.REBUILD_RANGES[4])
    @validation.schema(*schema.REBUILD_RANGES[5])
    @validation.schema(*schema.REBUILD_RANGES[6])
    def _action_rebuild(self, req, id, body):
        """Re-create the server from ``imageRef``; 202 with the server."""
        args = body['rebuild']
        context, instance = action_helpers.target(
            req, id, policies.SERVERS % 'rebuild', _SHOW_ATTRS + (
                ['tags'] if api_version_request.is_supported(req, '2.26')
                else []))
        if args.get('trusted_image_certificates') is not None:
            policy.authorize(context,
                             policies.SERVERS % 'rebuild:trusted_certs',
                             target={'project_id': instance.project_id})
        image = create_args.get_image(context, args['imageRef'],
                                      self.image_api)
        create_args.check_flavor_fits_image(context, instance.flavor, image)
        updates = self._rebuild_updates(req, context, instance, args)
        files = create_args.injected_files(args)
        password = args.get('adminPass') or create_args.generate_password()
        with action_helpers.translate_errors(id):
            instance = self.compute_api.rebuild(
                context, instance, image, password, files_to_inject=files,
                preserve_ephemeral=bool(args.get('preserve_ephemeral')),
                **updates)
        view = self._view_builder.update_or_rebuild(req, instance,
                                                    rebuild=True)
        if CONF.api.enable_instance_password:
            view['server']['adminPass'] = password
        return view

    @staticmethod
    def _rebuild_updates(req, context, instance, args):
        updates = {}
        if 'name' in args:
            updates['display_name'] = args['name']
        if 'description' in args:
            updates['display_description'] = args['description']
        if 'metadata' in args:
            updates['metadata'] = image_properties(context,
                                                   args['metadata'])
        if 'accessIPv4' in args:
            updates['access_ip_v4'] = args['accessIPv4'] or None
        if 'accessIPv6' in args:
            updates['access_ip_v6'] = args['accessIPv6'] or None
        if 'OS-DCF:diskConfig' in args:
            updates['auto_disk_config'] = args['OS-DCF:diskConfig'] == 'AUTO'
        if 'hostname' in args:
            updates['hostname'] = args['hostname']
        if 'user_data' in args:
            updates['user_data'] = args['user_data']
        if 'key_name' in args:
            updates.update(_key_updates(context, instance, args['key_name']))
        if 'trusted_image_certificates' in args:
            updates['trusted_certs'] = api_images.trusted_certs(
                args['trusted_image_certificates'])
        return updates

    # --------------------------------------------------------- snapshot

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 404, 409))
    @wsgi.action('createImage')
    @validation.schema(schema.create_image)
    def _action_create_image(self, req, id, body):
        """Snapshot the server into a new Glance image."""
        args = body['createImage']
        context, instance = action_helpers.target(
            req, id, policies.SERVERS % 'create_image', ['system_metadata'])
        metadata = image_properties(context, args.get('metadata'))
        with action_helpers.translate_errors(id):
            image = self.compute_api.snapshot(context, instance,
                                              args['name'], metadata)
        return image_created_response(req, context, image['id'],
                                      self.image_api)


def _key_updates(context, instance, key_name):
    """2.54: a rebuild may replace (or with null, drop) the key pair."""
    if key_name is None:
        return {'key_name': None, 'key_data': None,
                'keypairs': objects.KeyPairList(objects=[])}
    try:
        key_pair = objects.KeyPair.get_by_name(context, instance.user_id,
                                               key_name)
    except exception.KeypairNotFound:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid key_name provided.'))
    return {'key_name': key_pair.name, 'key_data': key_pair.public_key,
            'keypairs': objects.KeyPairList(objects=[key_pair])}
