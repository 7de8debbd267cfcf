"""Server bodies: the short form (index) and the full one (detail/show).

Which keys a server shows depends on the microversion and, for the
host-level ``OS-EXT-SRV-ATTR:*`` keys, on policy; the per-request choices
are made once in ``_Options`` so a list of a thousand servers does not run
a thousand policy checks.
"""

import hashlib

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack import server_states
from nova_clone.compute import api_images
from nova_clone import exception
from nova_clone import objects
from nova_clone.policies import servers as server_policies
from nova_clone import policy
from nova_clone import servicegroup




def _allowed(context, rule, target):
    return policy.authorize(context, rule, target=target, do_raise=False)


class _Options:
    """What this request may see, decided once per request."""

    def __init__(self, req):
        self.context = common.get_context(req)
        self.version = req.api_version_request
        target = {'project_id': self.context.project_id}
        self.extended = _allowed(self.context, server_policies.EXTENDED_ATTRS,
                                 target)
        self.host_status = self.at('2.16') and _allowed(
            self.context, server_policies.SERVERS % 'show:host_status',
            target)
        self.flavor_specs = self.at('2.47') and _allowed(
            self.context, server_policies.SERVERS % 'show:flavor-extra-specs',
            target)
        self.admin = self.context.is_admin
        # NOTE: host -> status, so a list looks each host up once.
        self.host_statuses = {}

    def at(self, version):
        return self.version >= api_version_request.APIVersionRequest(version)


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'servers'

    servicegroup_api = common.lazy_client(servicegroup.API)

    # ---------------------------------------------------------------- short

    def basic(self, req, instance):
        return {'server': {
            'id': instance.uuid,
            'name': instance.display_name,
            'links': self._get_links(req, instance.uuid),
        }}

    def index(self, req, instances):
        servers = [self.basic(req, inst)['server'] for inst in instances]
        return self._collection(req, servers)

    def _collection(self, req, servers):
        body = {'servers': servers}
        links = self._get_collection_links(req, servers, 'servers', 'id')
        if links:
            body['servers_links'] = links
        return body

    # ----------------------------------------------------------------- full

    def detail(self, req, instances, scheduler_hints=None):
        opts = _Options(req)
        servers = [self._show(req, inst, opts, scheduler_hints)
                   for inst in instances]
        return self._collection(req, servers)

    def show(self, req, instance, scheduler_hints=None):
        opts = _Options(req)
        body = self._show(req, instance, opts, scheduler_hints)
        if opts.at('2.71'):
            # NOTE: show, update and rebuild (not lists) name the group.
            body['server_groups'] = self._server_groups(opts.context,
                                                        instance)
        return {'server': body}

    # NOTE: before 2.75 update and rebuild answered without the fields
    # other API extensions used to add to a server.
    _NOT_IN_UPDATE_BEFORE_275 = (
        'key_name', 'config_drive', 'OS-EXT-AZ:availability_zone',
        'os-extended-volumes:volumes_attached', 'host_status',
        'security_groups')
    _PREFIXES_NOT_IN_UPDATE_BEFORE_275 = ('OS-EXT-STS:', 'OS-SRV-USG:',
                                          'OS-EXT-SRV-ATTR:')

    def update_or_rebuild(self, req, instance, scheduler_hints=None,
                          rebuild=False):
        """The server as PUT /servers/{id} and rebuild answer it."""
        opts = _Options(req)
        body = self.show(req, instance, scheduler_hints)
        server = body['server']
        if rebuild and opts.at('2.57'):
            # NOTE: a rebuild names user_data at the top level only.
            server['user_data'] = instance.user_data
            server.pop('OS-EXT-SRV-ATTR:user_data', None)
        if opts.at('2.75'):
            return body
        keep_key = rebuild and opts.at('2.54')
        for key in list(server):
            if key == 'key_name' and keep_key:
                continue
            if key in self._NOT_IN_UPDATE_BEFORE_275 or key.startswith(
                    self._PREFIXES_NOT_IN_UPDATE_BEFORE_275):
                del server[key]
        return body

    @staticmethod
    def _server_groups(context, instance):
        try:
            group = objects.InstanceGroup.get_by_instance_uuid(
                context, instance.uuid)
        except exception.InstanceGroupNotFound:
            return []
        return [group.uuid]

    def _show(self, req, inst, opts, scheduler_hints=None):
        status = server_states.status_from_state(inst.vm_state,
                                                 inst.task_state)
        body = {
            'id': inst.uuid,
            'name': inst.display_name,
            'status': status,
            'tenant_id': inst.project_id,
            'user_id': inst.user_id,
            'metadata': dict(inst.metadata or {}),
            'hostId': self._host_id(inst),
            'image': self._image(req, inst, opts),
            'flavor': self._flavor(req, inst, opts),
            'created': common.isotime(inst.created_at),
            'updated': common.isotime(inst.updated_at or inst.created_at),
            'addresses': self._addresses(inst),
            'accessIPv4': str(inst.access_ip_v4 or ''),
            'accessIPv6': str(inst.access_ip_v6 or ''),
            'links': self._get_links(req, inst.uuid),
            'OS-DCF:diskConfig': 'AUTO' if inst.auto_disk_config
            else 'MANUAL',
            'key_name': inst.key_name,
            'config_drive': inst.config_drive or '',
            'OS-EXT-AZ:availability_zone': inst.availability_zone or '',
            'OS-EXT-STS:task_state': inst.task_state,
            'OS-EXT-STS:vm_state': inst.vm_state,
            'OS-EXT-STS:power_state': inst.power_state or 0,
            'OS-SRV-USG:launched_at': common.db_time(inst.launched_at),
            'OS-SRV-USG:terminated_at': common.db_time(inst.terminated_at),
            'os-extended-volumes:volumes_attached': [],
        }
        if status in server_states.PROGRESS_STATUSES:
            body['progress'] = inst.progress or 0
        if status in ('ERROR', 'DELETED'):
            fault = self._fault(inst, opts)
            if fault:
                body['fault'] = fault
        if opts.extended:
            body.update(self._extended(inst, opts))
        elif opts.at('2.90'):
            body['OS-EXT-SRV-ATTR:hostname'] = inst.hostname
        if opts.at('2.9'):
            body['locked'] = bool(inst.locked)
        if opts.host_status:
            body['host_status'] = self._host_status(inst, opts)
        if opts.at('2.19'):
            body['description'] = inst.display_description
        if opts.at('2.26'):
            tags = inst.tags if inst.obj_attr_is_set('tags') else []
            body['tags'] = [t.tag for t in tags]
        if opts.at('2.63'):
            body['trusted_image_certificates'] = \
                api_images.get_trusted_certs(inst)
        if opts.at('2.73'):
            body['locked_reason'] = (inst.system_metadata or {}).get(
                'locked_reason') if inst.locked else None
        hints = (scheduler_hints or {}).get(inst.uuid, {})
        if opts.at('2.96'):
            body['pinned_availability_zone'] = hints.get('_pinned_az')
        if opts.at('2.100'):
            body['scheduler_hints'] = {k: v for k, v in hints.items()
                                       if not k.startswith('_')}
        return body

    @staticmethod
    def _host_id(inst):
        # NOTE: an opaque per-project host id: users may tell whether two
        # of their servers share a host without learning the host's name.
        if not inst.host:
            return ''
        return hashlib.sha224(
            ((inst.project_id or '') + inst.host).encode()).hexdigest()

    def _image(self, req, inst, opts):
        if not inst.image_ref:
            # NOTE: a volume-backed server shows an empty string.
            return ''
        body = {'id': inst.image_ref,
                'links': [{'rel': 'bookmark', 'href': self._get_bookmark_link(
                    req, inst.image_ref, 'images')}]}
        if opts.at('2.98'):
            body['properties'] = {
                key[len('image_'):]: value
                for key, value in (inst.system_metadata or {}).items()
                if key.startswith('image_') and value is not None}
        return body

    def _flavor(self, req, inst, opts):
        flavor = inst.flavor
        if not opts.at('2.47'):
            return {'id': flavor.flavorid,
                    'links': [{'rel': 'bookmark',
                               'href': self._get_bookmark_link(
                                   req, flavor.flavorid, 'flavors')}]}
        body = {'vcpus': flavor.vcpus, 'ram': flavor.memory_mb,
                'disk': flavor.root_gb, 'ephemeral': flavor.ephemeral_gb,
                'swap': flavor.swap, 'original_name': flavor.name}
        if opts.flavor_specs:
            body['extra_specs'] = dict(flavor.extra_specs or {})
        return body

    @staticmethod
    def _addresses(inst):
        """:returns: {network label: [addresses]} from the info cache."""
        if not inst.obj_attr_is_set('info_cache') or inst.info_cache is None:
            return {}
        network_info = inst.info_cache.network_info or []
        addresses = {}
        for vif in network_info:
            label = (vif.get('network') or {}).get('label') or 'network'
            entries = addresses.setdefault(label, [])
            for subnet in (vif.get('network') or {}).get('subnets', []):
                for ip in subnet.get('ips', []):
                    entries.append({
                        'version': ip.get('version', 4),
                        'addr': ip.get('address'),
                        'OS-EXT-IPS:type': ip.get('type', 'fixed'),
                        'OS-EXT-IPS-MAC:mac_addr': vif.get('address'),
                    })
        return addresses

    @staticmethod
    def _fault(inst, opts):
        fault = inst.fault if inst.obj_attr_is_set('fault') else None
        if fault is None:
            return None
        body = {'code': fault.code,
                'created': common.isotime(fault.created_at),
                'message': fault.message}
        # NOTE: a 500's traceback is for administrators only.
        if fault.details and (opts.admin or fault.code != 500):
            body['details'] = fault.details
        return body

    @staticmethod
    def _extended(inst, opts):
        body = {
            'OS-EXT-SRV-ATTR:host': inst.host,
            'OS-EXT-SRV-ATTR:hypervisor_hostname': inst.node,
            'OS-EXT-SRV-ATTR:instance_name': inst.name
            if inst.obj_attr_is_set('id') else '',
        }
        if opts.at('2.3'):
            body.update({
                'OS-EXT-SRV-ATTR:reservation_id': inst.reservation_id,
                'OS-EXT-SRV-ATTR:launch_index': inst.launch_index,
                'OS-EXT-SRV-ATTR:kernel_id': inst.kernel_id or '',
                'OS-EXT-SRV-ATTR:ramdisk_id': inst.ramdisk_id or '',
                'OS-EXT-SRV-ATTR:hostname': inst.hostname,
                'OS-EXT-SRV-ATTR:root_device_name': inst.root_device_name,
                'OS-EXT-SRV-ATTR:user_data': inst.user_data,
            })
        return body

    def _host_status(self, inst, opts):
        """:returns: UP, DOWN, MAINTENANCE, UNKNOWN or '' (no host).

        The compute services of a cell are read once per request, on the
        first server of that cell that needs one.
        """
        if not inst.host:
            return ''
        if inst.host not in opts.host_statuses:
            try:
                services = objects.ServiceList.get_by_binary(
                    inst._context, 'nova-compute', include_disabled=True)
            except Exception:
                services = []
            for service in services:
                opts.host_statuses[service.host] = self._service_status(
                    service)
        return opts.host_statuses.get(inst.host, 'UNKNOWN')

    def _service_status(self, service):
        if service.forced_down:
            return 'DOWN'
        if self.servicegroup_api.service_is_up(service):
            return 'MAINTENANCE' if service.disabled else 'UP'
        return 'DOWN'
