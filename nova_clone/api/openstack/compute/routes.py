"""The compute API's routes as data, and the router built from them.

``ROUTE_LIST`` maps each path to ``{METHOD: (controller factory, method)}``.
Every path is also served below ``/{project_id}`` (optional since 2.18).
A known path with another method is a 405 with ``Allow``; an unknown path
a 404. Path parameters carry no regexes, so a 404 always means "no such
resource" rather than "your id looked odd".
"""

import functools

import routes
import webob.dec
import webob.exc

from nova_clone.api.openstack.compute import admin_actions
from nova_clone.api.openstack.compute import admin_password
from nova_clone.api.openstack.compute import aggregates
from nova_clone.api.openstack.compute import availability_zone
from nova_clone.api.openstack.compute import console_auth_tokens
from nova_clone.api.openstack.compute import console_output
from nova_clone.api.openstack.compute import create_backup
from nova_clone.api.openstack.compute import deferred_delete
from nova_clone.api.openstack.compute import extension_info
from nova_clone.api.openstack.compute import flavor_access
from nova_clone.api.openstack.compute import flavor_extra_specs
from nova_clone.api.openstack.compute import flavors
from nova_clone.api.openstack.compute import hosts
from nova_clone.api.openstack.compute import hypervisors
from nova_clone.api.openstack.compute import image_metadata
from nova_clone.api.openstack.compute import images
from nova_clone.api.openstack.compute import instance_actions
from nova_clone.api.openstack.compute import instance_usage_audit_log
from nova_clone.api.openstack.compute import ips
from nova_clone.api.openstack.compute import keypairs
from nova_clone.api.openstack.compute import limits
from nova_clone.api.openstack.compute import lock_server
from nova_clone.api.openstack.compute import migrations
from nova_clone.api.openstack.compute import pause_server
from nova_clone.api.openstack.compute import quota_classes
from nova_clone.api.openstack.compute import quota_sets
from nova_clone.api.openstack.compute import remote_consoles
from nova_clone.api.openstack.compute import rescue
from nova_clone.api.openstack.compute import server_diagnostics
from nova_clone.api.openstack.compute import server_external_events
from nova_clone.api.openstack.compute import server_groups
from nova_clone.api.openstack.compute import server_metadata
from nova_clone.api.openstack.compute import server_tags
from nova_clone.api.openstack.compute import servers
from nova_clone.api.openstack.compute import servers_actions
from nova_clone.api.openstack.compute import services
from nova_clone.api.openstack.compute import shelve
from nova_clone.api.openstack.compute import simple_tenant_usage
from nova_clone.api.openstack.compute import suspend_server
from nova_clone.api.openstack.compute import versions
from nova_clone.api.openstack import faults
from nova_clone.api.openstack import wsgi


def _create_controller(main_controller, action_controllers=()):
    """:returns: a Resource of ``main_controller`` plus action handlers."""
    controller = wsgi.Resource(main_controller())
    for ctl in action_controllers:
        controller.register_actions(ctl())
    return controller


aggregates_controller = functools.partial(
    _create_controller, aggregates.AggregateController)
availability_zone_controller = functools.partial(
    _create_controller, availability_zone.AvailabilityZoneController)
console_auth_tokens_controller = functools.partial(
    _create_controller, console_auth_tokens.ConsoleAuthTokensController)
remote_consoles_controller = functools.partial(
    _create_controller, remote_consoles.RemoteConsolesController)
extensions_controller = functools.partial(
    _create_controller, extension_info.ExtensionInfoController)
flavor_controller = functools.partial(
    _create_controller, flavors.FlavorsController,
    [flavor_access.FlavorActionController])
flavor_access_controller = functools.partial(
    _create_controller, flavor_access.FlavorAccessController)
flavor_extraspec_controller = functools.partial(
    _create_controller, flavor_extra_specs.FlavorExtraSpecsController)
instance_usage_audit_log_controller = functools.partial(
    _create_controller,
    instance_usage_audit_log.InstanceUsageAuditLogController)
keypairs_controller = functools.partial(
    _create_controller, keypairs.KeypairController)
server_external_events_controller = functools.partial(
    _create_controller,
    server_external_events.ServerExternalEventsController)
hosts_controller = functools.partial(_create_controller,
                                     hosts.HostController)
hypervisors_controller = functools.partial(
    _create_controller, hypervisors.HypervisorsController)
image_metadata_controller = functools.partial(
    _create_controller, image_metadata.ImageMetadataController)
images_controller = functools.partial(_create_controller,
                                      images.ImagesController)
instance_actions_controller = functools.partial(
    _create_controller, instance_actions.InstanceActionsController)
ips_controller = functools.partial(_create_controller, ips.IPsController)
server_groups_controller = functools.partial(
    _create_controller, server_groups.ServerGroupController)
server_metadata_controller = functools.partial(
    _create_controller, server_metadata.ServerMetadataController)
server_tags_controller = functools.partial(
    _create_controller, server_tags.ServerTagsController)
limits_controller = functools.partial(_create_controller,
                                      limits.LimitsController)
migrations_controller = functools.partial(
    _create_controller, migrations.MigrationsController)
quota_classes_controller = functools.partial(
    _create_controller, quota_classes.QuotaClassSetsController)
quota_set_controller = functools.partial(
    _create_controller, quota_sets.QuotaSetsController)
server_controller = functools.partial(
    _create_controller, servers.ServersController,
    [admin_actions.AdminActionsController,
     admin_password.AdminPasswordController,
     console_output.ConsoleOutputController,
     create_backup.CreateBackupController,
     deferred_delete.DeferredDeleteController,
     lock_server.LockServerController,
     pause_server.PauseServerController,
     remote_consoles.RemoteConsolesController,
     rescue.RescueController,
     servers_actions.ServerActionsController,
     shelve.ShelveController,
     suspend_server.SuspendServerController])
server_diagnostics_controller = functools.partial(
    _create_controller, server_diagnostics.ServerDiagnosticsController)
services_controller = functools.partial(_create_controller,
                                        services.ServiceController)
simple_tenant_usage_controller = functools.partial(
    _create_controller, simple_tenant_usage.SimpleTenantUsageController)
version_controller = functools.partial(
    _create_controller, versions.VersionController)

# NOTE: the one regex: a project id in the URL is hex (keystone's uuids
# without or with dashes), so '/no-such-thing' is a 404, not a project.
PROJECT_ID_TOKEN = '/{project_id:[0-9a-f-]+}'

# NOTE: order matters where a literal segment and a parameter compete
# ('/flavors/detail' before '/flavors/{id}').
ROUTE_LIST = (
    ('', {'GET': [version_controller, 'show']}),
    ('/', {'GET': [version_controller, 'show']}),
    ('/os-aggregates', {
        'GET': [aggregates_controller, 'index'],
        'POST': [aggregates_controller, 'create'],
    }),
    ('/os-aggregates/{id}', {
        'GET': [aggregates_controller, 'show'],
        'PUT': [aggregates_controller, 'update'],
        'DELETE': [aggregates_controller, 'delete'],
    }),
    ('/extensions', {
        'GET': [extensions_controller, 'index'],
    }),
    ('/extensions/{id}', {
        'GET': [extensions_controller, 'show'],
    }),
    ('/os-aggregates/{id}/action', {
        'POST': [aggregates_controller, 'action'],
    }),
    ('/os-console-auth-tokens/{id}', {
        'GET': [console_auth_tokens_controller, 'show'],
    }),
    ('/os-availability-zone', {
        'GET': [availability_zone_controller, 'index'],
    }),
    ('/os-availability-zone/detail', {
        'GET': [availability_zone_controller, 'detail'],
    }),
    ('/flavors', {
        'GET': [flavor_controller, 'index'],
        'POST': [flavor_controller, 'create'],
    }),
    ('/flavors/detail', {
        'GET': [flavor_controller, 'detail'],
    }),
    ('/flavors/{id}', {
        'GET': [flavor_controller, 'show'],
        'PUT': [flavor_controller, 'update'],
        'DELETE': [flavor_controller, 'delete'],
    }),
    ('/flavors/{id}/action', {
        'POST': [flavor_controller, 'action'],
    }),
    ('/flavors/{flavor_id}/os-extra_specs', {
        'GET': [flavor_extraspec_controller, 'index'],
        'POST': [flavor_extraspec_controller, 'create'],
    }),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {
        'GET': [flavor_extraspec_controller, 'show'],
        'PUT': [flavor_extraspec_controller, 'update'],
        'DELETE': [flavor_extraspec_controller, 'delete'],
    }),
    ('/flavors/{flavor_id}/os-flavor-access', {
        'GET': [flavor_access_controller, 'index'],
    }),
    ('/servers', {
        'GET': [server_controller, 'index'],
        'POST': [server_controller, 'create'],
    }),
    ('/servers/detail', {
        'GET': [server_controller, 'detail'],
    }),
    ('/servers/{id}', {
        'GET': [server_controller, 'show'],
        'PUT': [server_controller, 'update'],
        'DELETE': [server_controller, 'delete'],
    }),
    ('/servers/{id}/action', {
        'POST': [server_controller, 'action'],
    }),
    ('/servers/{server_id}/diagnostics', {
        'GET': [server_diagnostics_controller, 'index'],
    }),
    ('/servers/{server_id}/ips', {
        'GET': [ips_controller, 'index'],
    }),
    ('/servers/{server_id}/ips/{id}', {
        'GET': [ips_controller, 'show'],
    }),
    ('/servers/{server_id}/metadata', {
        'GET': [server_metadata_controller, 'index'],
        'POST': [server_metadata_controller, 'create'],
        'PUT': [server_metadata_controller, 'update_all'],
    }),
    ('/servers/{server_id}/metadata/{id}', {
        'GET': [server_metadata_controller, 'show'],
        'PUT': [server_metadata_controller, 'update'],
        'DELETE': [server_metadata_controller, 'delete'],
    }),
    ('/servers/{server_id}/remote-consoles', {
        'POST': [remote_consoles_controller, 'create'],
    }),
    ('/servers/{server_id}/os-instance-actions', {
        'GET': [instance_actions_controller, 'index'],
    }),
    ('/servers/{server_id}/os-instance-actions/{id}', {
        'GET': [instance_actions_controller, 'show'],
    }),
    ('/servers/{server_id}/tags', {
        'GET': [server_tags_controller, 'index'],
        'PUT': [server_tags_controller, 'update_all'],
        'DELETE': [server_tags_controller, 'delete_all'],
    }),
    ('/servers/{server_id}/tags/{id}', {
        'GET': [server_tags_controller, 'show'],
        'PUT': [server_tags_controller, 'update'],
        'DELETE': [server_tags_controller, 'delete'],
    }),
    ('/images', {
        'GET': [images_controller, 'index'],
    }),
    ('/images/detail', {
        'GET': [images_controller, 'detail'],
    }),
    ('/images/{id}', {
        'GET': [images_controller, 'show'],
        'DELETE': [images_controller, 'delete'],
    }),
    ('/images/{image_id}/metadata', {
        'GET': [image_metadata_controller, 'index'],
        'POST': [image_metadata_controller, 'create'],
        'PUT': [image_metadata_controller, 'update_all'],
    }),
    ('/images/{image_id}/metadata/{id}', {
        'GET': [image_metadata_controller, 'show'],
        'PUT': [image_metadata_controller, 'update'],
        'DELETE': [image_metadata_controller, 'delete'],
    }),
    ('/limits', {
        'GET': [limits_controller, 'index'],
    }),
    ('/os-hosts', {
        'GET': [hosts_controller, 'index'],
    }),
    ('/os-hosts/{id}', {
        'GET': [hosts_controller, 'show'],
        'PUT': [hosts_controller, 'update'],
    }),
    ('/os-hosts/{id}/reboot', {
        'GET': [hosts_controller, 'reboot'],
    }),
    ('/os-hosts/{id}/shutdown', {
        'GET': [hosts_controller, 'shutdown'],
    }),
    ('/os-hosts/{id}/startup', {
        'GET': [hosts_controller, 'startup'],
    }),
    ('/os-hypervisors', {
        'GET': [hypervisors_controller, 'index'],
    }),
    ('/os-hypervisors/detail', {
        'GET': [hypervisors_controller, 'detail'],
    }),
    ('/os-hypervisors/statistics', {
        'GET': [hypervisors_controller, 'statistics'],
    }),
    ('/os-hypervisors/{id}', {
        'GET': [hypervisors_controller, 'show'],
    }),
    ('/os-hypervisors/{id}/uptime', {
        'GET': [hypervisors_controller, 'uptime'],
    }),
    ('/os-hypervisors/{id}/search', {
        'GET': [hypervisors_controller, 'search'],
    }),
    ('/os-hypervisors/{id}/servers', {
        'GET': [hypervisors_controller, 'servers'],
    }),
    ('/os-migrations', {
        'GET': [migrations_controller, 'index'],
    }),
    ('/os-quota-class-sets/{id}', {
        'GET': [quota_classes_controller, 'show'],
        'PUT': [quota_classes_controller, 'update'],
    }),
    ('/os-quota-sets/{id}', {
        'GET': [quota_set_controller, 'show'],
        'PUT': [quota_set_controller, 'update'],
        'DELETE': [quota_set_controller, 'delete'],
    }),
    ('/os-quota-sets/{id}/defaults', {
        'GET': [quota_set_controller, 'defaults'],
    }),
    ('/os-quota-sets/{id}/detail', {
        'GET': [quota_set_controller, 'detail'],
    }),
    ('/os-server-groups', {
        'GET': [server_groups_controller, 'index'],
        'POST': [server_groups_controller, 'create'],
    }),
    ('/os-server-groups/{id}', {
        'GET': [server_groups_controller, 'show'],
        'DELETE': [server_groups_controller, 'delete'],
    }),
    ('/os-services', {
        'GET': [services_controller, 'index'],
    }),
    ('/os-services/{id}', {
        'PUT': [services_controller, 'update'],
        'DELETE': [services_controller, 'delete'],
    }),
    ('/os-simple-tenant-usage', {
        'GET': [simple_tenant_usage_controller, 'index'],
    }),
    ('/os-simple-tenant-usage/{id}', {
        'GET': [simple_tenant_usage_controller, 'show'],
    }),
    ('/os-server-external-events', {
        'POST': [server_external_events_controller, 'create'],
    }),
    ('/os-instance_usage_audit_log', {
        'GET': [instance_usage_audit_log_controller, 'index'],
    }),
    ('/os-instance_usage_audit_log/{id}', {
        'GET': [instance_usage_audit_log_controller, 'show'],
    }),
    ('/os-keypairs', {
        'GET': [keypairs_controller, 'index'],
        'POST': [keypairs_controller, 'create'],
    }),
    ('/os-keypairs/{id}', {
        'GET': [keypairs_controller, 'show'],
        'DELETE': [keypairs_controller, 'delete'],
    }),
)


class APIRouterV21(object):
    """The v2.1 app: match a route, hand the request to its Resource."""

    def __init__(self, route_list=ROUTE_LIST):
        self.map = routes.Mapper()
        self.map.explicit = True
        self.map.minimization = False
        resources = {}
        # NOTE: the plain paths first, or '/{project_id}' (the version
        # document of a project-prefixed root) would swallow '/flavors'.
        for prefix in ('', PROJECT_ID_TOKEN):
            for path, methods in route_list:
                self._connect(resources, prefix + path, methods)

    @classmethod
    def factory(cls, global_config, **local_config):
        """paste.deploy app factory."""
        return cls()

    def _connect(self, resources, path, methods):
        for method, (factory, action) in methods.items():
            resource = resources.get(factory)
            if resource is None:
                resource = resources[factory] = factory()
            self.map.connect(path, controller=resource, action=action,
                             conditions={'method': [method]})
        # NOTE: HEAD rides on GET (webob drops the body).
        allowed = ', '.join(sorted(methods))
        any_resource = resources[next(iter(methods.values()))[0]]
        self.map.connect(path, controller=any_resource,
                         action='_method_not_allowed',
                         allowed_methods=allowed)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        path = req.path_info or '/'
        match = self.map.routematch(environ=dict(req.environ,
                                                 PATH_INFO=path))
        if not match:
            return faults.Fault(webob.exc.HTTPNotFound())
        args, route = match
        req.environ['wsgiorg.routing_args'] = ((), dict(args))
        req.environ['routes.route'] = route
        return args['controller']


def iter_route_methods(route_list=ROUTE_LIST):
    """Yield (path, HTTP method, controller function) for every route.

    Action routes yield each registered action handler; the schema test
    walks this.
    """
    for path, methods in route_list:
        for method, (factory, action) in methods.items():
            resource = factory()
            if action == 'action':
                for handler in resource.action_handlers().values():
                    yield path, method, handler.__func__
                continue
            yield path, method, getattr(type(resource.controller), action)
