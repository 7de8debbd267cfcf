"""Client side of the conductor RPC API (topic ``conductor``).

Version history:

* 1.0 - Initial version: object_class_action_versions, object_action,
  object_backport_versions.
"""

from nova_clone import conf as nova_conf
from nova_clone import rpc

CONF = nova_conf.CONF

RPC_TOPIC = 'conductor'


class ConductorAPI:
    """RPC client of ConductorManager (the object indirection calls)."""

    # NOTE: release names an operator may pin in [upgrade_levels] conductor.
    VERSION_ALIASES = {}

    def __init__(self):
        self.client = rpc.get_pinned_client(
            RPC_TOPIC, '1.0', CONF.upgrade_levels.conductor,
            self.VERSION_ALIASES)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        """Run ``objname.objmethod(context, *args, **kwargs)`` remotely."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run ``objinst.objmethod(*args, **kwargs)`` remotely.

        :returns: ``(updates, result)``; updates are the changed fields.
        """
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        """:returns: ``objinst`` as a primitive of the given versions."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)


class ComputeTaskAPI:
    """RPC client of ComputeTaskManager (namespace ``compute_task``).

    Version history of the ``compute_task`` namespace:

    * 1.0 - Initial version: schedule_and_build_instances,
      build_instances.
    * 1.1 - Adds unshelve_instance.
    """

    VERSION_ALIASES = {}

    def __init__(self):
        self.client = rpc.get_pinned_client(
            RPC_TOPIC, '1.1', CONF.upgrade_levels.conductor,
            self.VERSION_ALIASES, namespace='compute_task')

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, admin_password,
                                     injected_files, requested_networks,
                                     block_device_mapping, tags=None):
        """Cast: schedule new servers, create them in their cells, build.

        :param build_requests: BuildRequest objects (API DB).
        :param request_specs: the RequestSpec of each, in the same order.
        :param block_device_mapping: BlockDeviceMapping objects (not yet
            created) shared by all the instances.
        """
        cctxt = self.client.prepare(version='1.0')
        cctxt.cast(context, 'schedule_and_build_instances',
                   build_requests=build_requests,
                   request_specs=request_specs, image=image,
                   admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   block_device_mapping=block_device_mapping, tags=tags)

    def build_instances(self, context, instances, image, filter_properties,
                        admin_password, injected_files, requested_networks,
                        security_groups, block_device_mapping,
                        legacy_bdm=True, request_spec=None,
                        host_lists=None):
        """Cast: (re)build existing instances, e.g. a compute's reschedule.

        :param host_lists: per instance, the remaining alternate
            Selections; when given, the scheduler is not asked again.
        """
        cctxt = self.client.prepare(version='1.0')
        cctxt.cast(context, 'build_instances', instances=instances,
                   image=image, filter_properties=filter_properties,
                   admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   security_groups=security_groups,
                   block_device_mapping=block_device_mapping,
                   legacy_bdm=legacy_bdm, request_spec=request_spec,
                   host_lists=host_lists)

    def unshelve_instance(self, context, instance, request_spec):
        """Cast: power on a shelved server, or schedule and spawn an
        offloaded one."""
        cctxt = self.client.prepare(version='1.1')
        cctxt.cast(context, 'unshelve_instance', instance=instance,
                   request_spec=request_spec)
