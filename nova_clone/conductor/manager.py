"""The conductor's RPC endpoints.

ConductorManager serves object indirection: computes have no database
credentials; their remotable object methods arrive here, run against the
database, and the results (and, for instance methods, the fields the call
changed) go back over RPC.

ComputeTaskManager (namespace ``compute_task``) runs the task flows; the
flows themselves live in ``nova_clone.conductor.tasks``.
"""

import copy
import datetime

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import versionutils

from nova_clone.conductor.tasks import build
from nova_clone.conductor.tasks import unshelve
from nova_clone import exception
from nova_clone import manager
from nova_clone.objects import base as objects_base
from nova_clone.scheduler.client import report

LOG = logging.getLogger(__name__)


def _dispatch(target, method, args, kwargs):
    """Call ``target.method``; domain errors travel back as expected ones.

    NOTE: ExpectedException keeps oslo.messaging from logging a traceback
    for errors that are part of the API (InstanceNotFound, a lost
    compare-and-swap...); the caller gets the original exception.
    """
    try:
        return getattr(target, method)(*args, **kwargs)
    except exception.NovaException:
        raise messaging.ExpectedException()


_UNSET = object()
_CHANGED = object()
_IMMUTABLE = (str, int, float, type(None), datetime.datetime, bytes)


def _snapshot(value):
    """A field's value as object_action compares it after the call.

    NOTE: what a deep copy of the whole object (nova's obj_clone) would
    compare, at a fraction of the cost: immutable values as they are,
    objects that compare by identity as always changed (a clone of them
    never equals them), anything else deep-copied.
    """
    if isinstance(value, _IMMUTABLE):
        return value
    if (isinstance(value, objects_base.NovaObject)
            and type(value).__eq__ is object.__eq__):
        return _CHANGED
    return copy.deepcopy(value)


class ConductorManager(manager.Manager):
    """Object indirection endpoint (the compute hosts' database door)."""

    target = messaging.Target(version='1.0')

    def __init__(self, host=None, service_name='conductor'):
        super().__init__(host=host, service_name=service_name)
        self.compute_task_mgr = ComputeTaskManager()
        # NOTE: Service serves these beside the manager on the same topic.
        self.additional_endpoints = [self.compute_task_mgr]

    def reset(self):
        """SIGHUP: drop the Placement client's provider cache."""
        self.compute_task_mgr.reset()

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        """Run a remotable classmethod for a caller with older objects."""
        objclass = objects_base.NovaObject.obj_class_from_name(
            objname, object_versions[objname])
        result = _dispatch(objclass, objmethod, (context,) + tuple(args),
                           kwargs)
        if isinstance(result, objects_base.NovaObject):
            wanted = object_versions.get(result.obj_name(), result.VERSION)
            wanted_t = versionutils.convert_version_to_tuple(wanted)
            have_t = versionutils.convert_version_to_tuple(result.VERSION)
            # NOTE: only ever downgrade; a caller that asked for an older
            # version than ours gets exactly that version's primitive.
            if wanted_t < have_t or wanted_t[0] != have_t[0]:
                return result.obj_to_primitive(
                    target_version=wanted, version_manifest=object_versions)
        return result

    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run a remotable method on ``objinst``.

        :returns: ``(updates, result)``: the primitives of the fields the
            call changed, so the caller can apply them to its copy.
        """
        before = {name: _snapshot(getattr(objinst, name))
                  for name in objinst.fields if objinst.obj_attr_is_set(name)}
        result = _dispatch(objinst, objmethod, args, kwargs)
        updates = {}
        for name, field in objinst.fields.items():
            if not objinst.obj_attr_is_set(name):
                continue
            value = getattr(objinst, name)
            old = before.get(name, _UNSET)
            if old is _UNSET or old is _CHANGED or old != value:
                updates[name] = field.to_primitive(objinst, name, value)
        updates['obj_what_changed'] = objinst.obj_what_changed()
        return updates, result

    def object_backport_versions(self, context, objinst, object_versions):
        """:returns: ``objinst`` as a primitive of ``object_versions``."""
        if objinst is None:
            return None  # NOTE: the readiness ping of API.wait_until_ready
        target = object_versions[objinst.obj_name()]
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)


class ComputeTaskManager:
    """Task flows (namespace ``compute_task``): build and reschedule."""

    target = messaging.Target(namespace='compute_task', version='1.1')

    def __init__(self):
        self.report_client = report.SchedulerReportClient()
        self.build_flows = build.BuildFlows(self.report_client)

    def reset(self):
        self.report_client.clear_provider_cache()

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, image, admin_password,
                                     injected_files, requested_networks,
                                     block_device_mapping, tags=None):
        """Schedule new servers, create them in their cells, cast builds."""
        self.build_flows.schedule_and_build_instances(
            context, build_requests, request_specs, image, admin_password,
            injected_files, requested_networks, block_device_mapping,
            tags=tags)

    def build_instances(self, context, instances, image, filter_properties,
                        admin_password, injected_files, requested_networks,
                        security_groups, block_device_mapping,
                        legacy_bdm=True, request_spec=None,
                        host_lists=None):
        """Reschedule failed builds to alternates (or set them ERROR)."""
        self.build_flows.build_instances(
            context, instances, image, filter_properties, admin_password,
            injected_files, requested_networks, security_groups,
            block_device_mapping, legacy_bdm=legacy_bdm,
            request_spec=request_spec, host_lists=host_lists)

    def unshelve_instance(self, context, instance, request_spec):
        """Power on a shelved server, or schedule an offloaded one."""
        unshelve.UnshelveTask(context, instance, request_spec).execute()
