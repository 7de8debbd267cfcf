"""Build flows: first scheduling of new servers, and reschedules.

``schedule_and_build_instances`` turns the API's BuildRequests into real
instances: ask the scheduler (which claims allocations in Placement),
create each instance in the chosen host's cell, map it, drop its
BuildRequest and cast the build to the compute. A request no host can take
is buried in cell0 in ERROR with a fault, so the user can see and delete
it.

``build_instances`` serves a compute whose build failed: it counts the
attempt, claims the next alternate host's allocation request and casts the
build there, or gives up with ERROR once alternates or attempts run out.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_clone.compute import instance_actions
from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone.compute import vm_states
from nova_clone.conductor import build_utils
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.scheduler import rpcapi as scheduler_rpcapi
from nova_clone.scheduler import utils as scheduler_utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


class BuildFlows:
    """The build flows; one instance lives in ComputeTaskManager."""

    def __init__(self, report_client):
        self.report_client = report_client
        self._scheduler_rpcapi = None
        self._compute_rpcapi = None

    # NOTE: RPC clients are built on first use, so a manager can be built
    # (e.g. in a unit test, or before rpc.init) without a transport.
    @property
    def scheduler_rpcapi(self):
        if self._scheduler_rpcapi is None:
            self._scheduler_rpcapi = scheduler_rpcapi.SchedulerAPI()
        return self._scheduler_rpcapi

    @property
    def compute_rpcapi(self):
        if self._compute_rpcapi is None:
            self._compute_rpcapi = compute_rpcapi.ComputeAPI()
        return self._compute_rpcapi

    # ------------------------------------------------------------ first boot

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, admin_password,
                                     injected_files, requested_networks,
                                     block_device_mapping, tags=None):
        instance_uuids = [spec.instance_uuid for spec in request_specs]
        try:
            host_lists = self.scheduler_rpcapi.select_destinations(
                context, request_specs[0], instance_uuids,
                return_objects=True, return_alternates=True)
        except Exception as exc:
            if not isinstance(exc, exception.NoValidHost):
                LOG.exception('Failed to schedule instances %s',
                              instance_uuids)
            else:
                LOG.warning('No host for instances %s: %s', instance_uuids,
                            exc.format_message())
            for build_request, spec in zip(build_requests, request_specs):
                self._bury_in_cell0(context, spec, exc, build_request,
                                    block_device_mapping, tags)
            return

        host_mappings = {}
        for build_request, spec, host_list in zip(build_requests,
                                                  request_specs, host_lists):
            selection = host_list[0]
            alternates = list(host_list[1:])
            cell = self._cell_of_host(context, selection.service_host,
                                      host_mappings)
            if cell is None:
                exc = exception.HostMappingNotFound(
                    name=selection.service_host)
                self.report_client.delete_allocation_for_instance(
                    context, spec.instance_uuid, force=True)
                self._bury_in_cell0(context, spec, exc, build_request,
                                    block_device_mapping, tags)
                continue
            self._build_in_cell(context, build_request, spec, selection,
                                alternates, cell, image, admin_password,
                                injected_files, requested_networks,
                                block_device_mapping, tags)

    @staticmethod
    def _cell_of_host(context, host, cache):
        if host not in cache:
            try:
                cache[host] = objects.HostMapping.get_by_host(
                    context, host).cell_mapping
            except exception.HostMappingNotFound:
                LOG.error('No host mapping for host %s: run '
                          '"nova-manage cell_v2 discover_hosts"', host)
                cache[host] = None
        return cache[host]

    @staticmethod
    def _new_instance(build_request):
        instance = build_request.instance.obj_clone()
        # NOTE: the copy in the BuildRequest carries API-side timestamps
        # and no id; the cell row gets its own.
        for attr in ('id', 'created_at', 'updated_at'):
            if instance.obj_attr_is_set(attr):
                delattr(instance, '_obj_' + attr)
        for attr in list(instance.fields):
            if instance.obj_attr_is_set(attr):
                instance._changed_fields.add(attr)
        return instance

    def _build_in_cell(self, context, build_request, spec, selection,
                       alternates, cell, image, admin_password,
                       injected_files, requested_networks,
                       block_device_mapping, tags):
        uuid = spec.instance_uuid
        try:
            objects.BuildRequest.get_by_instance_uuid(context, uuid)
        except exception.BuildRequestNotFound:
            # NOTE: deleted by the user while it was being scheduled; the
            # claimed allocations would leak if left in Placement.
            LOG.info('Build request of %s gone before the instance was '
                     'created; dropping its allocations', uuid)
            self.report_client.delete_allocation_for_instance(
                context, uuid, force=True)
            return
        instance = self._new_instance(build_request)
        instance.availability_zone = build_utils.host_availability_zone(
            context, selection.service_host)
        bdms = self._create_in_cell(context, cell, build_request, instance,
                                    block_device_mapping, tags)
        if bdms is None:
            return
        filter_props = build_utils.legacy_filter_properties(spec)
        build_utils.populate_retry(filter_props, uuid)
        build_utils.populate_filter_properties(filter_props, selection)
        with nova_context.target_cell(context, cell) as cctxt:
            self.compute_rpcapi.build_and_run_instance(
                cctxt, instance=instance, host=selection.service_host,
                image=image, request_spec=spec,
                filter_properties=filter_props,
                admin_password=admin_password,
                injected_files=injected_files,
                requested_networks=requested_networks,
                security_groups=[], block_device_mapping=bdms,
                node=selection.nodename, limits=filter_props['limits'],
                host_list=alternates)

    def _create_in_cell(self, context, cell, build_request, instance,
                        block_device_mapping, tags, fault=None):
        """Create ``instance`` in ``cell``, map it, drop its BuildRequest.

        :param fault: the error to record (a server buried in cell0).
        :returns: the created BDMs, or None when the user deleted the
            server meanwhile.
        """
        uuid = instance.uuid
        with nova_context.target_cell(context, cell) as cctxt:
            instance._context = cctxt
            instance.create()
            objects.InstanceAction.action_start(
                cctxt, uuid, instance_actions.CREATE, want_result=False)
            if fault is not None:
                build_utils.record_fault(cctxt, instance, fault)
            bdms = self._create_block_device_mappings(
                cctxt, uuid, block_device_mapping)
            if tags:
                instance.tags = objects.TagList.create(
                    cctxt, uuid, [t.tag for t in tags])
        instance._context = context
        self._map_instance(context, uuid, cell)
        if not self._delete_build_request(context, build_request,
                                          instance, cell):
            return None
        return bdms

    @staticmethod
    def _create_block_device_mappings(cctxt, instance_uuid, bdms):
        created = objects.BlockDeviceMappingList(objects=[])
        for template in (bdms or []):
            bdm = template.obj_clone()
            bdm._context = cctxt
            bdm.instance_uuid = instance_uuid
            if bdm.obj_attr_is_set('id'):
                delattr(bdm, '_obj_id')
            bdm.create()
            created.objects.append(bdm)
        return created

    @staticmethod
    def _map_instance(context, instance_uuid, cell):
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance_uuid)
        mapping.cell_mapping = cell
        mapping.save()

    @staticmethod
    def _delete_build_request(context, build_request, instance, cell):
        """:returns: False when the user deleted the server meanwhile."""
        try:
            build_request.destroy()
        except exception.BuildRequestNotFound:
            # NOTE: the API saw the BuildRequest and deleted it before the
            # instance existed; finish that delete in the cell.
            LOG.info('Instance %s was deleted while being scheduled',
                     instance.uuid)
            with nova_context.target_cell(context, cell) as cctxt:
                instance._context = cctxt
                try:
                    instance.destroy()
                except exception.InstanceNotFound:
                    pass
            return False
        return True

    def _bury_in_cell0(self, context, spec, exc, build_request,
                       block_device_mapping, tags):
        """Create the instance in cell0 in ERROR, with a fault."""
        try:
            cell0 = objects.CellMapping.get_by_uuid(
                context, objects.CellMapping.CELL0_UUID)
        except exception.CellMappingNotFound:
            LOG.error('No cell0 mapping: cannot record the failed build of '
                      '%s (run "nova-manage cell_v2 map_cell0")',
                      spec.instance_uuid)
            return
        instance = self._new_instance(build_request)
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        self._create_in_cell(context, cell0, build_request, instance,
                             block_device_mapping, tags, fault=exc)

    # ------------------------------------------------------------ reschedule

    def build_instances(self, context, instances, image, filter_properties,
                        admin_password, injected_files, requested_networks,
                        security_groups, block_device_mapping,
                        legacy_bdm=True, request_spec=None, host_lists=None):
        filter_properties = dict(filter_properties or {})
        try:
            build_utils.populate_retry(filter_properties, instances[0].uuid)
            if host_lists is None:
                host_lists = self.scheduler_rpcapi.select_destinations(
                    context, request_spec, [i.uuid for i in instances],
                    return_objects=True, return_alternates=True)
        except Exception as exc:
            LOG.warning('Rescheduling of %s failed: %s',
                        [i.uuid for i in instances], exc)
            for instance in instances:
                self._fail_reschedule(context, instance, exc)
            return
        for instance, host_list in zip(instances, host_lists):
            self._rebuild_on_alternate(
                context, instance, list(host_list), image,
                dict(filter_properties), admin_password, injected_files,
                requested_networks, security_groups, request_spec)

    def _claim_first_available(self, context, instance, host_list,
                               request_spec):
        """Pop alternates until one's allocation request can be claimed."""
        while host_list:
            selection = host_list.pop(0)
            if not selection.allocation_request:
                return selection
            alloc_req = jsonutils.loads(selection.allocation_request)
            if scheduler_utils.claim_resources(
                    context, self.report_client, request_spec,
                    instance.uuid, alloc_req,
                    selection.allocation_request_version):
                return selection
            LOG.debug('Alternate %s no longer fits instance %s',
                      selection.service_host, instance.uuid)
        return None

    def _rebuild_on_alternate(self, context, instance, host_list, image,
                              filter_properties, admin_password,
                              injected_files, requested_networks,
                              security_groups, request_spec):
        selection = self._claim_first_available(context, instance,
                                                host_list, request_spec)
        if selection is None:
            exc = exception.MaxRetriesExceeded(
                reason='Exhausted all hosts available for retrying build '
                       'failures for instance %s.' % instance.uuid)
            self._fail_reschedule(context, instance, exc)
            return
        build_utils.populate_filter_properties(filter_properties, selection)
        instance.availability_zone = selection.availability_zone or \
            CONF.default_availability_zone
        instance.save()
        bdms = objects.BlockDeviceMappingList.get_by_instance_uuid(
            context, instance.uuid)
        self.compute_rpcapi.build_and_run_instance(
            context, instance=instance, host=selection.service_host,
            image=image, request_spec=request_spec,
            filter_properties=filter_properties,
            admin_password=admin_password, injected_files=injected_files,
            requested_networks=requested_networks,
            security_groups=security_groups, block_device_mapping=bdms,
            node=selection.nodename, limits=filter_properties['limits'],
            host_list=host_list)

    def _fail_reschedule(self, context, instance, exc):
        build_utils.set_error_with_fault(context, instance, exc)
        # NOTE: whatever the last host claimed must not leak.
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid, force=True)
