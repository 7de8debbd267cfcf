"""From a ``POST /servers`` body to the arguments of compute.api.create.

Everything a boot request names is looked up and checked here, before
anything is written: the flavor, the image (in Glance) against the
flavor, the key pair, networks (none without Neutron), the zone and any
forced host, personality files, scheduler hints, and every quota. A
failure raises the webob error the user sees; nothing has been stored.
"""

import base64
import string

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.compute import aggregate_zones
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.policies import servers as server_policies
from nova_clone import policy
from nova_clone import quota

CONF = nova_conf.CONF
GiB = 1024 ** 3

_PASSWORD_CHARS = string.ascii_letters + string.digits


def bad_request(message):
    return webob.exc.HTTPBadRequest(explanation=message)


def generate_password(length=12):
    """:returns: a random admin password (nova's length and alphabet)."""
    import secrets
    return ''.join(secrets.choice(_PASSWORD_CHARS) for _ in range(length))


def id_from_href(href):
    """:returns: the id at the end of an id-or-link reference."""
    return str(href).rstrip('/').rsplit('/', 1)[-1]


def get_flavor(context, flavor_ref):
    """:returns: the flavor, if the caller may boot it: a private flavor
    only for admins and the projects given access.
    """
    try:
        flavor = objects.Flavor.get_by_flavor_id(context,
                                                 id_from_href(flavor_ref))
    except exception.FlavorNotFound:
        raise bad_request(_('Invalid flavorRef provided.'))
    if not flavor.is_public and not context.is_admin and \
            context.project_id not in (flavor.projects or []):
        raise bad_request(_('Invalid flavorRef provided.'))
    return flavor


def get_image(context, image_ref, image_api):
    """:returns: Glance's image dict for ``image_ref``, which must be active.
    """
    image_id = id_from_href(image_ref)
    if not uuidutils.is_uuid_like(image_id):
        raise bad_request(_('Invalid imageRef provided.'))
    try:
        image = image_api.get(context, image_id)
    except exception.ImageNotFound:
        raise bad_request(_('Can not find requested image'))
    except exception.ImageNotAuthorized:
        raise bad_request(_('Can not find requested image'))
    if image.get('status') != 'active':
        raise bad_request(_('Image %s is not active.') % image_id)
    return image


def check_flavor_fits_image(context, flavor, image):
    """The flavor's RAM and root disk must hold what the image asks for."""
    if flavor.memory_mb < int(image.get('min_ram') or 0):
        raise bad_request(_("Flavor's memory is too small for requested "
                            "image."))
    if flavor.root_gb == 0:
        # NOTE: a zero-disk flavor gets a root disk the size of the image
        # and so no limit at all; since Victoria only admins may do that.
        if not policy.authorize(
                context, server_policies.SERVERS % 'create:zero_disk_flavor',
                target={'project_id': context.project_id},
                do_raise=False):
            raise webob.exc.HTTPForbidden(explanation=_(
                'Only volume-backed servers are allowed for flavors with '
                'zero disk.'))
        return
    root_bytes = flavor.root_gb * GiB
    size = int(image.get('size') or 0)
    if size > root_bytes:
        raise bad_request(_(
            "Flavor's disk is too small for requested image. Flavor disk "
            "is %(flavor_size)i bytes, image is %(image_size)i bytes.") % {
                'flavor_size': root_bytes, 'image_size': size})
    min_disk = int(image.get('min_disk') or 0) * GiB
    if min_disk > root_bytes:
        raise bad_request(_(
            "Flavor's disk is smaller than the minimum size specified in "
            "image metadata. Flavor disk is %(flavor_size)i bytes, minimum "
            "size is %(image_min_disk)i bytes.") % {
                'flavor_size': root_bytes, 'image_min_disk': min_disk})


def get_key_pair(context, key_name):
    if key_name is None:
        return None
    try:
        return objects.KeyPair.get_by_name(context, context.user_id,
                                           key_name)
    except exception.KeypairNotFound:
        raise bad_request(_('Invalid key_name provided.'))


def check_networks(req, server):
    """:returns: the requested networks; only 'none' can be had here.

    Neutron arrives in its own issue; until then a server has no ports. An
    older microversion that names no networks means the same.
    """
    networks = server.get('networks')
    if networks in (None, 'none', []):
        return 'none'
    if networks == 'auto':
        raise bad_request(_(
            'Unable to automatically allocate a network: this cloud has no '
            'network service. Use "networks": "none".'))
    raise bad_request(_(
        'Networks cannot be requested: this cloud has no network service. '
        'Boot with "networks": "none" (openstack server create --nic '
        'none).'))


def check_security_groups(server):
    for group in server.get('security_groups') or []:
        if group.get('name') not in (None, 'default'):
            raise bad_request(_(
                'Security group %s cannot be used: this cloud has no '
                'network service.') % group.get('name'))


def known_zones(context):
    """:returns: every zone a server may be booted into."""
    zones = {CONF.default_availability_zone}
    for agg in objects.AggregateList.get_all(context):
        zone = (agg.metadata or {}).get(aggregate_zones.AZ_KEY)
        if zone:
            zones.add(zone)
    return zones


def parse_zone(context, zone):
    """:returns: (zone, forced_host, forced_node) from ``az[:host[:node]]``.
    """
    if not zone:
        return None, None, None
    host = node = None
    if ':' in zone:
        parts = zone.split(':')
        if len(parts) > 3:
            raise bad_request(_('Unable to parse availability_zone'))
        zone, host = parts[0], parts[1] or None
        node = parts[2] if len(parts) == 3 and parts[2] else None
        if host or node:
            policy.authorize(context,
                             server_policies.SERVERS % 'create:forced_host',
                             target={'project_id': context.project_id})
    if zone:
        check_zone(context, zone)
    return zone or None, host, node


def check_zone(context, zone):
    """:raises: HTTPBadRequest unless servers may go into ``zone``."""
    if zone not in known_zones(context.elevated()):
        raise bad_request(_('The requested availability zone is not '
                            'available'))


def check_host(context, host):
    """:raises: HTTPBadRequest unless ``host`` is a mapped compute host.
    """
    try:
        objects.HostMapping.get_by_host(context.elevated(), host)
    except exception.HostMappingNotFound:
        raise bad_request(_('Compute host %s could not be found.') % host)


def requested_destination(req, context, server):
    """:returns: a Destination for the 2.74 ``host``/``hypervisor_hostname``.
    """
    host = server.get('host')
    node = server.get('hypervisor_hostname')
    if not (host or node):
        return None
    policy.authorize(
        context, server_policies.SERVERS % 'create:requested_destination',
        target={'project_id': context.project_id})
    if host:
        check_host(context, host)
    return objects.Destination(host=host, node=node)


def injected_files(server):
    """:returns: [(path, bytes)] from the pre-2.57 ``personality``."""
    files = []
    for item in server.get('personality') or []:
        path, contents = item.get('path'), item.get('contents', '')
        try:
            data = base64.b64decode(''.join(contents.split()))
        except (ValueError, TypeError):
            raise bad_request(_('Personality content for %s cannot be '
                                'decoded') % path)
        if len(path or '') > CONF.quota.injected_file_path_length >= 0:
            raise webob.exc.HTTPForbidden(explanation=_(
                'Personality file path exceeds maximum 255'))
        if len(data) > CONF.quota.injected_file_content_bytes >= 0:
            raise webob.exc.HTTPForbidden(explanation=_(
                'Personality file content exceeds maximum %s') %
                CONF.quota.injected_file_content_bytes)
        files.append((path, data))
    if len(files) > CONF.quota.injected_files >= 0:
        raise webob.exc.HTTPForbidden(explanation=_(
            'Personality file limit exceeded'))
    return files


def scheduler_hints(body):
    hints = body.get('os:scheduler_hints') or \
        body.get('OS-SCH-HNT:scheduler_hints') or {}
    return dict(hints)


def check_group(context, hints, count):
    """The ``group`` hint must name a group with room for ``count`` more.
    """
    group_hint = hints.get('group')
    if not group_hint:
        return
    if isinstance(group_hint, list):
        group_hint = group_hint[0]
    try:
        group = objects.InstanceGroup.get_by_hint(context, group_hint)
    except exception.InstanceGroupNotFound:
        raise bad_request(_('Invalid server group: %s was not found.') %
                          group_hint)
    try:
        quota.check_server_group_members(context, group, count)
    except exception.OverQuota as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())


def min_max_count(server):
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise bad_request(_('min_count must be <= max_count'))
    return min_count, max_count


def check_block_devices(server, image_ref):
    """Image-backed boots may describe their root disk and local disks.

    Volumes need the block storage service, which this cloud lacks.
    """
    if server.get('block_device_mapping'):
        raise bad_request(_('Block device mapping (legacy) requires the '
                            'block storage service, which is not '
                            'available.'))
    for bdm in server.get('block_device_mapping_v2') or []:
        if bdm.get('destination_type', 'local') == 'volume' or \
                bdm.get('source_type') in ('volume', 'snapshot'):
            raise bad_request(_('Volume block devices require the block '
                                'storage service, which is not '
                                'available.'))
        if bdm.get('source_type') == 'image':
            boot_index = bdm.get('boot_index')
            if boot_index is None or int(boot_index) != 0:
                raise bad_request(_('Image block devices must be the boot '
                                    'device (boot_index 0).'))
            if image_ref and bdm.get('uuid') and \
                    bdm['uuid'] != id_from_href(image_ref):
                raise bad_request(_('The image block device must be the '
                                    'imageRef.'))
            if not image_ref:
                return bdm.get('uuid')
    return None


def config_drive(server):
    value = server.get('config_drive')
    if value is None:
        return ''
    return 'True' if strutils.bool_from_string(value) else ''


def description(req, server):
    if api_version_request.is_supported(req, '2.19'):
        return server.get('description')
    return None
