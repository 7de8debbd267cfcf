"""Conductor client helpers used by services (and the object indirection)."""

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_versionedobjects import base as ovo_base

from nova_clone.conductor import rpcapi

LOG = logging.getLogger(__name__)


class API:
    """Conductor calls a service makes directly."""

    def __init__(self):
        self.conductor_rpcapi = rpcapi.ConductorAPI()

    def object_backport_versions(self, context, objinst, object_versions):
        """:returns: ``objinst`` backported by the conductor."""
        return self.conductor_rpcapi.object_backport_versions(
            context, objinst, object_versions)

    def wait_until_ready(self, context, attempts=None, timeout=5):
        """Block until the conductor answers (compute start-up).

        :param attempts: give up after this many timeouts (None: never).
        :param timeout: seconds per attempt; short, because a message sent
            before the conductor's queue exists is simply dropped.
        :raises MessagingTimeout: when ``attempts`` ran out.
        """
        tried = 0
        while True:
            try:
                cctxt = self.conductor_rpcapi.client.prepare(timeout=timeout)
                cctxt.call(context, 'object_backport_versions',
                           objinst=None, object_versions={})
                return
            except messaging.MessagingTimeout:
                tried += 1
                if attempts is not None and tried >= attempts:
                    raise
                LOG.warning('Timed out waiting for nova-conductor. Is it '
                            'running? Or did this service start before '
                            'nova-conductor? Reattempting establishment '
                            'of nova-conductor connection...')


class ConductorIndirectionAPI(ovo_base.VersionedObjectIndirectionAPI):
    """Object indirection through nova-conductor.

    A service without database access (nova-compute) sets an instance of
    this as ``NovaObject.indirection_api``; every remotable method then
    runs in the conductor.
    """

    def __init__(self):
        self._rpcapi = rpcapi.ConductorAPI()

    def object_action(self, context, objinst, objmethod, args, kwargs):
        return self._rpcapi.object_action(context, objinst, objmethod,
                                          args, kwargs)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        return self._rpcapi.object_class_action_versions(
            context, objname, objmethod, object_versions, args, kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        return self._rpcapi.object_backport_versions(context, objinst,
                                                     object_versions)


class ComputeTaskAPI:
    """The conductor's task flows, as the API and computes start them."""

    def __init__(self):
        self.conductor_compute_rpcapi = rpcapi.ComputeTaskAPI()

    def schedule_and_build_instances(self, context, build_requests,
                                     request_spec, image, admin_password,
                                     injected_files, requested_networks,
                                     block_device_mapping, tags=None):
        self.conductor_compute_rpcapi.schedule_and_build_instances(
            context, build_requests, request_spec, image, admin_password,
            injected_files, requested_networks, block_device_mapping,
            tags=tags)

    def build_instances(self, context, instances, image, filter_properties,
                        admin_password, injected_files, requested_networks,
                        security_groups, block_device_mapping,
                        legacy_bdm=True, request_spec=None,
                        host_lists=None):
        self.conductor_compute_rpcapi.build_instances(
            context, instances=instances, image=image,
            filter_properties=filter_properties,
            admin_password=admin_password, injected_files=injected_files,
            requested_networks=requested_networks,
            security_groups=security_groups,
            block_device_mapping=block_device_mapping,
            legacy_bdm=legacy_bdm, request_spec=request_spec,
            host_lists=host_lists)

    def unshelve_instance(self, context, instance, request_spec):
        self.conductor_compute_rpcapi.unshelve_instance(
            context, instance=instance, request_spec=request_spec)
