"""Client side of the scheduler RPC API (topic ``scheduler``).

Version history:

* 1.0 - Initial version: select_destinations (Selection objects with
  alternates).
"""

from nova_clone import conf as nova_conf
from nova_clone import rpc

CONF = nova_conf.CONF

RPC_TOPIC = 'scheduler'


class SchedulerAPI:
    """RPC client of SchedulerManager."""

    # NOTE: release names an operator may pin in [upgrade_levels] scheduler.
    VERSION_ALIASES = {}

    def __init__(self):
        self.client = rpc.get_pinned_client(
            RPC_TOPIC, '1.0', CONF.upgrade_levels.scheduler,
            self.VERSION_ALIASES)

    def select_destinations(self, ctxt, spec_obj, instance_uuids,
                            return_objects=True, return_alternates=True):
        """Pick hosts for ``instance_uuids`` and claim their allocations.

        Scheduling many instances over Placement can be slow, so the call
        waits up to ``[DEFAULT] long_rpc_timeout`` while the scheduler's
        heartbeats (every ``rpc_response_timeout``) show it is alive.

        :returns: one list of Selection objects per instance, the chosen
            host first and then up to ``[scheduler] max_attempts - 1``
            alternates in the same cell.
        :raises: NoValidHost when no host fits; MessagingTimeout when the
            scheduler does not answer in time.
        """
        cctxt = self.client.prepare(
            version='1.0', call_monitor_timeout=CONF.rpc_response_timeout,
            timeout=CONF.long_rpc_timeout)
        return cctxt.call(ctxt, 'select_destinations', spec_obj=spec_obj,
                          instance_uuids=instance_uuids,
                          return_objects=return_objects,
                          return_alternates=return_alternates)
