"""The conductor's part of unshelve.

A server still on its host (SHELVED) is powered on there. An offloaded
one (SHELVED_OFFLOADED) has no host: it is scheduled again like a new
server, from its shelve snapshot and its request spec (which the API
pointed at a new zone or host for 2.77/2.91), and the chosen host spawns
it. When no host fits, the server stays offloaded with a fault.
"""

from oslo_log import log as logging

from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone.compute import vm_states
from nova_clone.conductor import build_utils
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.image import glance
from nova_clone import objects
from nova_clone.scheduler import rpcapi as scheduler_rpcapi

LOG = logging.getLogger(__name__)


class UnshelveTask:
    """Runs one unshelve; the conductor builds one per request."""

    def __init__(self, context, instance, request_spec):
        self.context = context
        self.instance = instance
        self.spec = request_spec
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    def execute(self):
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            self.context, self.instance.uuid)
        with nova_context.target_cell(self.context,
                                      mapping.cell_mapping) as cctxt:
            self.instance._context = cctxt
            if self.instance.vm_state == vm_states.SHELVED:
                self.compute_rpcapi.unshelve_instance(
                    cctxt, self.instance, self.instance.host)
                return
            self._schedule_and_cast(cctxt)

    def _snapshot(self, cctxt):
        image_id = (self.instance.system_metadata or {}).get(
            'shelved_image_id')
        if not image_id:
            raise exception.UnshelveException(
                instance_id=self.instance.uuid,
                reason='the server has no shelve snapshot')
        try:
            return glance.API().get(cctxt, image_id)
        except exception.ImageNotFound:
            raise exception.UnshelveException(
                instance_id=self.instance.uuid,
                reason='its shelve snapshot %s is gone' % image_id)

    def _schedule_and_cast(self, cctxt):
        instance, spec = self.instance, self.spec
        try:
            image = self._snapshot(cctxt)
            spec.image = objects.ImageMeta.from_dict(image)
            spec.ignore_hosts = None
            spec.retry = None
            host_lists = scheduler_rpcapi.SchedulerAPI().select_destinations(
                self.context, spec, [instance.uuid], return_objects=True,
                return_alternates=False)
        except Exception as exc:
            if isinstance(exc, exception.NoValidHost):
                LOG.warning('No host to unshelve %s onto: %s',
                            instance.uuid, exc.format_message())
            else:
                LOG.exception('Unshelving %s failed', instance.uuid)
            instance.task_state = None
            instance.save()
            build_utils.record_fault(cctxt, instance, exc)
            return
        selection = host_lists[0][0]
        instance.availability_zone = spec.availability_zone or \
            build_utils.host_availability_zone(self.context,
                                               selection.service_host)
        instance.save()
        filter_props = build_utils.legacy_filter_properties(spec)
        build_utils.populate_filter_properties(filter_props, selection)
        self.compute_rpcapi.unshelve_instance(
            cctxt, instance, selection.service_host, image=image,
            filter_properties=filter_props, node=selection.nodename,
            request_spec=spec)
