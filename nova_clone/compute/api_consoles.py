"""Console URLs as nova-api hands them out: check, then ask the host.

The compute host owning the guest creates the token (it knows where the
console listens); nova-api only checks that the server has a host and
turns the returned connection info into the user's URL.
"""

from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone import exception

# NOTE: console types of hypervisors nova_clone has no driver for (RDP was
# Hyper-V's, WebMKS VMware's): refused up front rather than sent to a
# host that cannot answer.
UNSUPPORTED_TYPES = ('rdp-html5', 'webmks', 'xvpvnc')

# console protocol -> the compute RPC method serving it
_RPC_METHODS = {
    'vnc': 'get_vnc_console',
    'spice': 'get_spice_console',
    'serial': 'get_serial_console',
}


class ConsolesAPI:
    """Console requests of the compute API."""

    def __init__(self, rpcapi=None):
        self.compute_rpcapi = rpcapi or compute_rpcapi.ComputeAPI()

    def get_console_url(self, context, instance, protocol, console_type):
        """:returns: the URL of a new console of the server.

        :raises: ConsoleTypeUnavailable, ConsoleTypeInvalid,
            InstanceNotReady, ConsoleNotAvailable, NotImplementedError
        """
        if console_type in UNSUPPORTED_TYPES or protocol not in _RPC_METHODS:
            raise exception.ConsoleTypeUnavailable(console_type=console_type)
        # NOTE: no host yet (still scheduling or building in cell0): nothing
        # listens, and there is nobody to ask.
        if not instance.obj_attr_is_set('id') or not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        method = getattr(self.compute_rpcapi, _RPC_METHODS[protocol])
        connect_info = method(instance._context, instance=instance,
                              console_type=console_type)
        return connect_info['access_url']
