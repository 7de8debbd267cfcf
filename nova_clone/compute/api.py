"""compute.api.API: what nova-api does for servers before any RPC.

``create`` writes, per instance, a BuildRequest, a RequestSpec and an
InstanceMapping without a cell in the API database, then casts
``schedule_and_build_instances`` to the conductor; the caller answers 202
at once. ``delete`` finds where the server is in its life: a build request
is simply removed; an instance that never reached a host (cell0, or no
host) is deleted in its cell right here; otherwise the delete is recorded
as an instance action and cast to the instance's compute host.

Request validation, quota and Glance/Neutron lookups belong to the REST
layer that calls this module (the image arrives as Glance's image dict).
"""

from oslo_log import log as logging
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova_clone.compute import api_actions
from nova_clone.compute import api_images
from nova_clone.compute import api_shelve
from nova_clone.compute import instance_actions
from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone.conductor import api as conductor_api
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone import exception
from nova_clone.image import glance
from nova_clone import objects
from nova_clone.objects import fields
from nova_clone.scheduler.client import report

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


def build_request_instance(request):
    """:returns: a build request's instance, every field readable.

    The serialized copy only holds what the API set at create time; the
    fields a host fills in later read as their defaults (or None).
    """
    instance = request.instance
    for name, field in instance.fields.items():
        if instance.obj_attr_is_set(name) or \
                name in objects.instance.INSTANCE_OPTIONAL_ATTRS:
            continue
        if field.default is not fields.UnspecifiedDefault:
            setattr(instance, name, field.default)
        elif field.nullable:
            setattr(instance, name, None)
    if not instance.obj_attr_is_set('tags'):
        instance.tags = request.tags if request.obj_attr_is_set('tags') \
            else objects.TagList(objects=[])
    for name in ('metadata', 'system_metadata'):
        if not instance.obj_attr_is_set(name):
            setattr(instance, name, {})
    if not instance.obj_attr_is_set('info_cache'):
        instance.info_cache = None
    if not instance.obj_attr_is_set('fault'):
        instance.fault = None
    instance.obj_reset_changes()
    return instance


class API(api_actions.ActionsMixin, api_images.ImagesMixin,
          api_shelve.ShelveMixin):
    """Server operations as nova-api performs them."""

    def __init__(self):
        self.compute_task_api = conductor_api.ComputeTaskAPI()
        self._compute_rpcapi = None
        self._reportclient = None
        self._image_api = None

    @property
    def image_api(self):
        if self._image_api is None:
            self._image_api = glance.API()
        return self._image_api

    @staticmethod
    def reclaim_interval():
        """Seconds a deleted server stays restorable (0: delete at once)."""
        return CONF.reclaim_instance_interval

    @property
    def compute_rpcapi(self):
        if self._compute_rpcapi is None:
            self._compute_rpcapi = compute_rpcapi.ComputeAPI()
        return self._compute_rpcapi

    @property
    def reportclient(self):
        if self._reportclient is None:
            self._reportclient = report.SchedulerReportClient()
        return self._reportclient

    # ----------------------------------------------------------------- create

    def _new_instance(self, context, flavor, image, name, index,
                      reservation_id, description, metadata, key_pair,
                      user_data, availability_zone):
        instance = objects.Instance(
            context, uuid=uuidutils.generate_uuid(),
            project_id=context.project_id, user_id=context.user_id,
            display_name=name, display_description=description,
            hostname=name, image_ref=image.get('id') or '',
            flavor=flavor, instance_type_id=flavor.id, vcpus=flavor.vcpus,
            memory_mb=flavor.memory_mb, root_gb=flavor.root_gb,
            ephemeral_gb=flavor.ephemeral_gb,
            vm_state=vm_states.BUILDING,
            task_state=task_states.SCHEDULING, power_state=0,
            launch_index=index, reservation_id=reservation_id,
            metadata=dict(metadata or {}),
            system_metadata=api_images.image_sysmeta(image),
            config_drive='', locked=False, user_data=user_data,
            availability_zone=availability_zone,
            key_name=key_pair.name if key_pair else None,
            key_data=key_pair.public_key if key_pair else None,
            old_flavor=None, new_flavor=None,
            keypairs=objects.KeyPairList(
                objects=[key_pair] if key_pair else []))
        return instance

    @staticmethod
    def _instance_name(display_name, index, count):
        # NOTE: nova names multi-create servers "<name>-<n>" from 1.
        if count > 1:
            return '%s-%d' % (display_name, index + 1)
        return display_name

    def create(self, context, flavor, image, min_count=1, max_count=None,
               display_name=None, display_description=None, metadata=None,
               key_pair=None, user_data=None, availability_zone=None,
               scheduler_hints=None, admin_password=None,
               injected_files=None, requested_networks=None, tags=None,
               forced_host=None, forced_node=None, instance_attrs=None,
               requested_destination=None, trusted_certs=None):
        """Accept a boot request; the build goes on asynchronously.

        :param flavor: a Flavor object.
        :param image: Glance's image dict.
        :param key_pair: a KeyPair object or None.
        :param instance_attrs: further Instance fields the request set
            (config_drive, hostname, access IPs, auto_disk_config...).
        :param requested_destination: a Destination (2.74 host/node).
        :returns: ``(instances, reservation_id)``.
        :raises: InstanceGroupNotFound for an unknown ``group`` hint.
        """
        count = max_count or min_count or 1
        hints = dict(scheduler_hints or {})
        group = None
        if hints.get('group'):
            group_hint = hints['group']
            if isinstance(group_hint, list):
                group_hint = group_hint[0]
            group = objects.InstanceGroup.get_by_hint(context, group_hint)
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        # NOTE: the request specs, build requests, instance mappings and
        # group members of the whole request are written in one API
        # database transaction (one write lock, one commit) instead of
        # three or four per server.
        with api_db_api.context_manager.writer.using(context):
            build_requests, specs, instances = self._write_build_records(
                context, count, flavor, image, display_name,
                display_description, metadata, key_pair, user_data,
                availability_zone, reservation_id, instance_attrs,
                trusted_certs, group, hints, forced_host, forced_node,
                requested_destination, tags)
        self.compute_task_api.schedule_and_build_instances(
            context, build_requests, specs, image, admin_password,
            injected_files or [], requested_networks,
            objects.BlockDeviceMappingList(objects=[]),
            tags=objects.TagList(objects=[objects.Tag(tag=t)
                                          for t in (tags or [])]))
        return instances, reservation_id

    def _write_build_records(self, context, count, flavor, image,
                             display_name, display_description, metadata,
                             key_pair, user_data, availability_zone,
                             reservation_id, instance_attrs, trusted_certs,
                             group, hints, forced_host, forced_node,
                             requested_destination, tags):
        """:returns: (build requests, request specs, instances) written."""
        build_requests, specs, instances = [], [], []
        for index in range(count):
            name = self._instance_name(display_name or 'server', index,
                                       count)
            instance = self._new_instance(
                context, flavor, image, name, index, reservation_id,
                display_description, metadata, key_pair, user_data,
                availability_zone)
            for key, value in (instance_attrs or {}).items():
                setattr(instance, key, value)
            api_images.set_trusted_certs(instance.system_metadata,
                                         trusted_certs)
            spec = objects.RequestSpec(
                context, instance_uuid=instance.uuid,
                project_id=context.project_id, user_id=context.user_id,
                flavor=flavor, num_instances=count,
                image=objects.ImageMeta.from_dict(image),
                instance_group=group,
                scheduler_hints={k: v if isinstance(v, list) else [v]
                                 for k, v in hints.items()},
                availability_zone=availability_zone, is_bfv=False,
                ignore_hosts=None,
                force_hosts=[forced_host] if forced_host else None,
                force_nodes=[forced_node] if forced_node else None)
            if requested_destination is not None:
                spec.requested_destination = requested_destination
            spec.create()
            request = objects.BuildRequest(
                context, instance_uuid=instance.uuid,
                project_id=context.project_id, instance=instance,
                block_device_mappings=objects.BlockDeviceMappingList(
                    objects=[]),
                tags=objects.TagList(objects=[
                    objects.Tag(tag=t) for t in (tags or [])]))
            request.create()
            objects.InstanceMapping(
                context, instance_uuid=instance.uuid, cell_mapping=None,
                project_id=context.project_id,
                user_id=context.user_id).create()
            if group is not None:
                objects.InstanceGroup.add_members(context, group.uuid,
                                                  [instance.uuid])
            build_requests.append(request)
            specs.append(spec)
            instances.append(instance)
        return build_requests, specs, instances

    # -------------------------------------------------------------------- get

    @staticmethod
    def get(context, instance_uuid, expected_attrs=None):
        """:returns: the instance (or, while scheduling, its build copy).

        :raises: InstanceNotFound
        """
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance_uuid)
        if mapping.cell_mapping is None:
            try:
                return build_request_instance(
                    objects.BuildRequest.get_by_instance_uuid(
                        context, instance_uuid))
            except exception.BuildRequestNotFound:
                # NOTE: scheduled meanwhile; the mapping now has a cell.
                mapping = objects.InstanceMapping.get_by_instance_uuid(
                    context, instance_uuid)
                if mapping.cell_mapping is None:
                    raise exception.InstanceNotFound(
                        instance_id=instance_uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, instance_uuid, expected_attrs=expected_attrs)
        return instance

    # ----------------------------------------------------------------- update

    @staticmethod
    def update_instance(context, instance, updates):
        """Apply user-visible field changes; :returns: the instance.

        A server still waiting for a cell changes in its build request, so
        the instance the conductor creates carries the new values.
        """
        if not instance.obj_attr_is_set('id'):
            try:
                request = objects.BuildRequest.get_by_instance_uuid(
                    context, instance.uuid)
            except exception.BuildRequestNotFound:
                # NOTE: scheduled meanwhile: update it in its cell.
                return API._update_in_cell(context, instance.uuid, updates)
            for key, value in updates.items():
                setattr(request.instance, key, value)
            request.instance = request.instance
            request.save()
            return build_request_instance(request)
        return API._update_in_cell(context, instance.uuid, updates)

    @staticmethod
    def _update_in_cell(context, instance_uuid, updates):
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance_uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, instance_uuid,
                expected_attrs=['flavor', 'info_cache', 'metadata',
                                'system_metadata', 'tags'])
            for key, value in updates.items():
                setattr(instance, key, value)
            instance.save()
        return instance

    # ----------------------------------------------------------------- delete

    def delete(self, context, instance_uuid, force=False):
        """Delete a server wherever it is in its life.

        :param force: recorded as ``force_delete`` (forceDelete of a
            soft-deleted server).

        :raises: InstanceNotFound
        """
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance_uuid)
        if mapping.cell_mapping is None and \
                self._delete_build_request(context, instance_uuid):
            mapping.queued_for_delete = True
            mapping.save()
            return
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance_uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance_uuid)
            self.forget_shelve_snapshot(cctxt, instance)
            if mapping.cell_mapping.is_cell0() or not instance.host:
                self._local_delete(cctxt, instance)
            else:
                objects.InstanceAction.action_start(
                    cctxt, instance_uuid, instance_actions.DELETE,
                    want_result=False)
                instance.task_state = task_states.DELETING
                instance.save()
                bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
                    cctxt, instance_uuid)
                self.compute_rpcapi.terminate_instance(
                    cctxt, instance, bdms,
                    delete_type='force_delete' if force else 'delete')
        mapping.queued_for_delete = True
        mapping.save()

    @staticmethod
    def _delete_build_request(context, instance_uuid):
        """:returns: True when the server was only a build request."""
        try:
            request = objects.BuildRequest.get_by_instance_uuid(
                context, instance_uuid)
            request.destroy()
        except exception.BuildRequestNotFound:
            return False
        # NOTE: the conductor sees the build request gone and drops the
        # instance (and any allocations) it may be creating.
        return True

    def _local_delete(self, cctxt, instance):
        """Delete an instance no compute host has (cell0, never built)."""
        objects.InstanceAction.action_start(
            cctxt, instance.uuid, instance_actions.DELETE, want_result=False)
        instance.vm_state = vm_states.DELETED
        instance.task_state = None
        instance.terminated_at = timeutils.utcnow()
        instance.save()
        instance.destroy()
        objects.ConsoleAuthToken.clean_console_auths_for_instance(
            cctxt, instance.uuid)
        self.reportclient.delete_allocation_for_instance(
            cctxt, instance.uuid, force=True)
