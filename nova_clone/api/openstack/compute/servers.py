"""/servers: create, list (short and detail), show, update, delete.

A server is one of two things while it lives: a build request in the API
database until the conductor gives it a cell, then an instance in that
cell. Lists merge both across every cell (compute.instance_list); filters
a user may not apply are dropped silently, as nova does, and admins get
every filter plus ``all_tenants``.
"""

import copy
import re

from oslo_utils import strutils
from oslo_utils import timeutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import servers as schema
from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack.compute import servers_create as create_args
from nova_clone.api.openstack.compute.views import servers as views
from nova_clone.api.openstack import server_states
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import api as compute_api
from nova_clone.compute import api_images
from nova_clone.compute import instance_list
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.image import glance
from nova_clone import objects
from nova_clone.policies import servers as server_policies
from nova_clone import policy

CONF = nova_conf.CONF

# NOTE: what a project member may filter on; everything else is dropped
# unless the caller passes os_compute_api:servers:allow_all_filters.
_USER_FILTERS = ('reservation_id', 'name', 'status', 'image', 'flavor',
                 'ip', 'changes-since', 'all_tenants')
_USER_FILTERS_V25 = ('ip6',)
_USER_FILTERS_V226 = ('tags', 'tags-any', 'not-tags', 'not-tags-any')
_USER_FILTERS_V266 = ('changes-before',)
_USER_FILTERS_V273 = ('locked',)
_USER_FILTERS_V283 = ('availability_zone', 'config_drive', 'key_name',
                      'created_at', 'launched_at', 'terminated_at',
                      'power_state', 'task_state', 'vm_state', 'progress',
                      'user_id')
# NOTE: sort keys only administrators may use.
_ADMIN_SORT_KEYS = ('host', 'node')

# Query names that are not Instance columns.
_RENAMED = {'name': 'name_regex', 'display_name': 'name_regex',
            'description': 'display_description', 'image': 'image_ref',
            'tenant_id': 'project_id'}


def _single(value):
    return value[-1] if isinstance(value, list) else value


def _list_query(func):
    """The list's query-string schemas, one per microversion range."""
    for query, lo, hi in ((schema.query_params_v275, '2.75', None),
                          (schema.query_params_v273, '2.73', '2.74'),
                          (schema.query_params_v266, '2.66', '2.72'),
                          (schema.query_params_v226, '2.26', '2.65'),
                          (schema.query_params, '2.1', '2.25')):
        func = validation.query_schema(query, lo, hi)(func)
    return func


class ServersController(wsgi.Controller):

    compute_api = common.lazy_client(compute_api.API)
    image_api = common.lazy_client(glance.API)

    def __init__(self):
        self._view_builder = views.ViewBuilder()

    # ------------------------------------------------------------ listing

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403))
    @_list_query
    def index(self, req):
        """GET /servers: id, name and links."""
        instances = self._get_servers(req, 'index')
        return self._view_builder.index(req, instances)

    @wsgi.response(200)
    @wsgi.expected_errors((400, 403))
    @_list_query
    def detail(self, req):
        """GET /servers/detail: every field of every server."""
        instances = self._get_servers(req, 'detail')
        return self._view_builder.detail(
            req, instances, self._scheduler_hints(req, instances))

    def _allowed_filters(self, req, context):
        if policy.authorize(context,
                            server_policies.SERVERS % 'allow_all_filters',
                            target={'project_id': context.project_id},
                            do_raise=False):
            return None
        allowed = list(_USER_FILTERS)
        for version, names in (('2.5', _USER_FILTERS_V25),
                               ('2.26', _USER_FILTERS_V226),
                               ('2.66', _USER_FILTERS_V266),
                               ('2.73', _USER_FILTERS_V273),
                               ('2.83', _USER_FILTERS_V283)):
            if api_version_request.is_supported(req, version):
                allowed.extend(names)
        return allowed

    def _get_servers(self, req, action):
        context = common.get_context(req)
        policy.authorize(context, server_policies.SERVERS % action,
                         target={'project_id': context.project_id})
        params = {key: value if len(value) > 1 else value[0]
                  for key, value in req.GET.dict_of_lists().items()}
        limit, marker = common.get_limit_and_marker(req)
        sort_keys, sort_dirs = common.get_sort_params(req.GET)
        sort_dirs += [sort_dirs[-1]] * (len(sort_keys) - len(sort_dirs))
        for name in ('limit', 'marker', 'sort_key', 'sort_dir'):
            params.pop(name, None)

        allowed = self._allowed_filters(req, context)
        if allowed is not None:
            params = {k: v for k, v in params.items() if k in allowed}
            keep = [i for i, key in enumerate(sort_keys)
                    if key not in _ADMIN_SORT_KEYS]
            sort_keys = [sort_keys[i] for i in keep]
            sort_dirs = [sort_dirs[i] for i in keep]

        filters = self._filters(req, context, action, params)
        if filters is None:
            return []
        list_context = context
        if 'deleted' not in filters:
            # NOTE: changes-since/before also report deleted servers, so
            # a poller sees what went away.
            list_context = copy.copy(context)
            list_context.read_deleted = 'yes'
        expected = self._expected_attrs(req, action)
        try:
            instances = instance_list.get_instances_sorted(
                list_context, filters, limit=limit, marker=marker,
                expected_attrs=expected, sort_keys=sort_keys or None,
                sort_dirs=sort_dirs or None)
        except exception.MarkerNotFound:
            raise webob.exc.HTTPBadRequest(
                explanation=_('marker [%s] not found') % marker)
        except exception.InvalidSortKey as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        if 'ip' in params or 'ip6' in params:
            instances = self._filter_ips(instances, params)
        if action == 'detail':
            self._fill_faults(instances)
        return instances

    def _filters(self, req, context, action, params):
        """:returns: DB filters, or None when nothing can match."""
        filters = {}
        all_tenants = 'all_tenants' in params and strutils.bool_from_string(
            params.pop('all_tenants') or 'True', default=True)
        if all_tenants:
            policy.authorize(
                context, server_policies.SERVERS % (
                    action + ':get_all_tenants'),
                target={'project_id': context.project_id})
        for name in ('ip', 'ip6'):
            params.pop(name, None)
        deleted = params.pop('deleted', None)
        if deleted is not None and context.is_admin:
            if strutils.bool_from_string(deleted):
                filters['deleted'] = True
        for key in ('changes-since', 'changes-before'):
            if key in params:
                try:
                    filters[key] = timeutils.normalize_time(
                        timeutils.parse_isotime(_single(params.pop(key))))
                except ValueError:
                    raise webob.exc.HTTPBadRequest(
                        explanation=_('Invalid %s value') % key)
        if 'changes-since' in filters and 'changes-before' in filters and \
                filters['changes-since'] > filters['changes-before']:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The value of changes-since must be less than or equal to '
                'changes-before.'))
        if not any(k in filters for k in ('changes-since', 'changes-before',
                                          'deleted')):
            filters['deleted'] = False
        if 'status' in params:
            if not self._status_filters(req, context, params.pop('status'),
                                        filters):
                return None
        if 'flavor' in params:
            try:
                flavor = objects.Flavor.get_by_flavor_id(
                    context, _single(params.pop('flavor')))
            except exception.FlavorNotFound:
                return None
            filters['instance_type_id'] = flavor.id
        if 'locked' in params:
            filters['locked'] = strutils.bool_from_string(
                _single(params.pop('locked')))
        for name in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            if name in params:
                value = params.pop(name)
                filters[name] = ','.join(value) if isinstance(
                    value, list) else value
        for key, value in params.items():
            key = _RENAMED.get(key, key)
            if key == 'image_ref':
                value = create_args.id_from_href(_single(value))
            if key == 'name_regex':
                value = _single(value)
                try:
                    re.compile(value)
                except re.error:
                    raise webob.exc.HTTPBadRequest(
                        explanation=_('Invalid regular expression %s') %
                        value)
            filters[key] = value
        if not all_tenants:
            if context.is_admin and 'project_id' in filters:
                pass
            else:
                filters['project_id'] = context.project_id
        return filters

    @staticmethod
    def _status_filters(req, context, statuses, filters):
        """Turn ``status`` into vm/task state filters.

        :returns: False when no server can have the status.
        """
        statuses = statuses if isinstance(statuses, list) else [statuses]
        vm_list, task_list, any_task = [], [], False
        for status in statuses:
            if status.upper() == 'DELETED' and context.is_admin:
                filters['deleted'] = True
            vms, tasks = server_states.states_from_status(status)
            vm_list.extend(vms)
            if tasks is None:
                any_task = True
            else:
                task_list.extend(tasks)
        if not vm_list:
            if api_version_request.is_supported(req, '2.38'):
                raise webob.exc.HTTPBadRequest(
                    explanation=_('Invalid status value'))
            return False
        filters['vm_state'] = sorted(set(vm_list))
        if not any_task and task_list:
            filters['task_state'] = sorted(set(task_list))
        return True

    @staticmethod
    def _filter_ips(instances, params):
        """Keep servers with an address matching ``ip``/``ip6`` (regexes)."""
        wanted = [(4, params.get('ip')), (6, params.get('ip6'))]
        result = []
        for inst in instances:
            addresses = views.ViewBuilder._addresses(inst)
            for entries in addresses.values():
                if any(pattern and entry['version'] == version and
                       re.search(_single(pattern), entry['addr'] or '')
                       for entry in entries
                       for version, pattern in wanted):
                    result.append(inst)
                    break
        return result

    @staticmethod
    def _expected_attrs(req, action):
        if action == 'index':
            return []
        attrs = ['flavor', 'info_cache', 'metadata', 'system_metadata']
        if api_version_request.is_supported(req, '2.26'):
            attrs.append('tags')
        return attrs

    @staticmethod
    def _fill_faults(instances):
        erred = [inst for inst in instances
                 if inst.vm_state in ('error', 'deleted')
                 and inst.obj_attr_is_set('id')]
        if erred:
            by_context = {}
            for inst in erred:
                by_context.setdefault(id(inst._context), []).append(inst)
            for group in by_context.values():
                objects.InstanceList(group[0]._context,
                                     objects=group).fill_faults()

    def _scheduler_hints(self, req, instances):
        """:returns: {uuid: hints} for 2.96 (pinned zone) and 2.100."""
        if not api_version_request.is_supported(req, '2.96'):
            return None
        context = common.get_context(req)
        # NOTE: the specs' JSON only; building a RequestSpec object per
        # server was a third of GET /servers/detail.
        specs = objects.RequestSpec.get_hints_by_instance_uuids(
            context, [inst.uuid for inst in instances])
        result = {}
        for uuid, (scheduler_hints, zone) in specs.items():
            hints = {k: (v[0] if len(v) == 1 else v)
                     for k, v in scheduler_hints.items()}
            hints['_pinned_az'] = zone
            result[uuid] = hints
        return result

    # ---------------------------------------------------------------- show

    @staticmethod
    def _get_server(req, server_id, action, expected_attrs=None):
        return server_lookup.get_server(
            req, server_id, server_policies.SERVERS % action, expected_attrs)

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        """GET /servers/{id}."""
        instance = self._get_server(
            req, id, 'show', self._expected_attrs(req, 'show') + ['fault'])
        return self._view_builder.show(
            req, instance, self._scheduler_hints(req, [instance]))

    # -------------------------------------------------------------- create

    @wsgi.response(202)
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(*schema.CREATE_RANGES[0])
    @validation.schema(*schema.CREATE_RANGES[1])
    @validation.schema(*schema.CREATE_RANGES[2])
    @validation.schema(*schema.CREATE_RANGES[3])
    @validation.schema(*schema.CREATE_RANGES[4])
    @validation.schema(*schema.CREATE_RANGES[5])
    @validation.schema(*schema.CREATE_RANGES[6])
    @validation.schema(*schema.CREATE_RANGES[7])
    @validation.schema(*schema.CREATE_RANGES[8])
    @validation.schema(*schema.CREATE_RANGES[9])
    @validation.schema(*schema.CREATE_RANGES[10])
    @validation.schema(*schema.CREATE_RANGES[11])
    def create(self, req, body):
        """POST /servers: check everything, then accept the build (202)."""
        from nova_clone import quota
        context = common.get_context(req)
        server = body['server']
        zone, forced_host, forced_node = create_args.parse_zone(
            context, server.get('availability_zone'))
        policy.authorize(context, server_policies.SERVERS % 'create',
                         target={'project_id': context.project_id,
                                 'user_id': context.user_id,
                                 'availability_zone': zone})
        if server.get('trusted_image_certificates'):
            policy.authorize(
                context, server_policies.SERVERS % 'create:trusted_certs',
                target={'project_id': context.project_id})
        flavor = create_args.get_flavor(context, server['flavorRef'])
        image_ref = server.get('imageRef') or None
        bdm_image = create_args.check_block_devices(server, image_ref)
        image_ref = image_ref or bdm_image
        if not image_ref:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Missing imageRef attribute'))
        image = create_args.get_image(context, image_ref, self.image_api)
        create_args.check_flavor_fits_image(context, flavor, image)
        key_pair = create_args.get_key_pair(context, server.get('key_name'))
        networks = create_args.check_networks(req, server)
        create_args.check_security_groups(server)
        destination = create_args.requested_destination(req, context, server)
        files = create_args.injected_files(server)
        hints = create_args.scheduler_hints(body)
        min_count, max_count = create_args.min_max_count(server)
        metadata = server.get('metadata') or {}
        quota.check_metadata_quota(context, metadata)
        count = quota.check_num_instances_quota(context, flavor, min_count,
                                                max_count)
        create_args.check_group(context, hints, count)

        admin_password = server.get('adminPass') or \
            create_args.generate_password()
        attrs = {'config_drive': create_args.config_drive(server),
                 'auto_disk_config':
                     server.get('OS-DCF:diskConfig') == 'AUTO'}
        if server.get('accessIPv4'):
            attrs['access_ip_v4'] = server['accessIPv4']
        if server.get('accessIPv6'):
            attrs['access_ip_v6'] = server['accessIPv6']
        if server.get('hostname'):
            attrs['hostname'] = server['hostname']
        for prop in ('kernel_id', 'ramdisk_id'):
            value = (image.get('properties') or {}).get(prop)
            if value:
                attrs[prop] = value
        user_data = server.get('user_data')
        instances, reservation_id = self.compute_api.create(
            context, flavor, image, min_count=count, max_count=count,
            display_name=server['name'],
            display_description=create_args.description(req, server),
            metadata=metadata, key_pair=key_pair, user_data=user_data,
            availability_zone=zone, scheduler_hints=hints,
            admin_password=admin_password, injected_files=files,
            requested_networks=None if networks == 'none' else networks,
            tags=server.get('tags'), forced_host=forced_host,
            forced_node=forced_node, instance_attrs=attrs,
            requested_destination=destination,
            trusted_certs=api_images.trusted_certs(
                server.get('trusted_image_certificates')))
        if strutils.bool_from_string(server.get('return_reservation_id',
                                                False)):
            return wsgi.ResponseObject({'reservation_id': reservation_id},
                                       code=202)
        instance = instances[0]
        body = self._view_builder.basic(req, instance)
        body['server'].pop('name')
        body['server']['OS-DCF:diskConfig'] = \
            'AUTO' if attrs['auto_disk_config'] else 'MANUAL'
        body['server']['security_groups'] = [{'name': 'default'}]
        if CONF.api.enable_instance_password:
            body['server']['adminPass'] = admin_password
        location = body['server']['links'][0]['href']
        return wsgi.ResponseObject(body, code=202,
                                   headers={'Location': location})

    # -------------------------------------------------------------- update

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.schema(schema.update, '2.1', '2.18')
    @validation.schema(schema.update_v219, '2.19', '2.89')
    @validation.schema(schema.update_v290, '2.90', '2.93')
    @validation.schema(schema.update_v294, '2.94')
    def update(self, req, id, body):
        """PUT /servers/{id}: name, description, hostname, access IPs."""
        changes = body['server']
        instance = self._get_server(
            req, id, 'update', self._expected_attrs(req, 'show'))
        updates = {}
        if 'name' in changes:
            updates['display_name'] = changes['name']
        if 'description' in changes:
            updates['display_description'] = changes['description']
        if 'hostname' in changes:
            updates['hostname'] = changes['hostname']
        if 'accessIPv4' in changes:
            updates['access_ip_v4'] = changes['accessIPv4'] or None
        if 'accessIPv6' in changes:
            updates['access_ip_v6'] = changes['accessIPv6'] or None
        if 'OS-DCF:diskConfig' in changes:
            updates['auto_disk_config'] = \
                changes['OS-DCF:diskConfig'] == 'AUTO'
        context = common.get_context(req)
        instance = self.compute_api.update_instance(context, instance,
                                                    updates)
        return self._view_builder.update_or_rebuild(
            req, instance, self._scheduler_hints(req, [instance]))

    # -------------------------------------------------------------- delete

    @wsgi.response(204)
    @wsgi.expected_errors((404, 409))
    @validation.query_schema(schema.show_query)
    def delete(self, req, id):
        """DELETE /servers/{id}: 204 at once, the host cleans up after."""
        instance = self._get_server(req, id, 'delete', [])
        context = common.get_context(req)
        if instance.locked and not context.is_admin:
            raise webob.exc.HTTPConflict(explanation=_(
                'Instance %s is locked') % id)
        try:
            self.compute_api.soft_delete_or_delete(context, instance.uuid,
                                                   instance)
        except exception.InstanceNotFound:
            raise webob.exc.HTTPNotFound(explanation=_(
                'Instance %s could not be found.') % id)
        except (exception.InstanceInvalidState,
                exception.UnexpectedTaskStateError) as exc:
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
