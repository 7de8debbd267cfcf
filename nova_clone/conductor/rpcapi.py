"""Client side of the conductor RPC API (topic ``conductor``).

Version history:

* 1.0 - Initial version: object_class_action_versions, object_action,
  object_backport_versions.
"""

import oslo_messaging as messaging

from nova_clone import conf as nova_conf
from nova_clone.objects import base as objects_base
from nova_clone import rpc

CONF = nova_conf.CONF

RPC_TOPIC = 'conductor'


class ConductorAPI:
    """RPC client of ConductorManager (the object indirection calls)."""

    # NOTE: release names an operator may pin in [upgrade_levels] conductor.
    VERSION_ALIASES = {}

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        pin = CONF.upgrade_levels.conductor
        version_cap = self.VERSION_ALIASES.get(pin, pin)
        self.client = rpc.get_client(
            target, version_cap=version_cap,
            serializer=objects_base.NovaObjectSerializer())

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
