"""Console RPC endpoints of ComputeManager: ask the driver, hand out tokens.

A console request finds where the guest's console listens (the driver),
stores a token naming that place (ConsoleAuthToken, through the conductor)
and returns the connection info with the user's URL. The console proxies
later call ``validate_console_port`` so a token for a port the guest no
longer owns (it moved or restarted) cannot reach another guest.
"""

from oslo_log import log as logging

from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import manager
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: how often expired tokens are swept from the cell database.
CLEANUP_INTERVAL = 600


def _enabled_base_url(console_type):
    """:returns: (driver method name, proxy base URL) of ``console_type``.

    :raises: ConsoleTypeUnavailable when its console is switched off,
        ConsoleTypeInvalid for a type this host cannot serve.
    """
    if console_type == 'novnc':
        if not CONF.vnc.enabled:
            raise exception.ConsoleTypeUnavailable(console_type=console_type)
        return 'get_vnc_console', CONF.vnc.novncproxy_base_url
    if console_type in ('spice-html5', 'spice-direct'):
        if not CONF.spice.enabled:
            raise exception.ConsoleTypeUnavailable(console_type=console_type)
        if console_type == 'spice-direct':
            return ('get_spice_console',
                    CONF.spice.spice_direct_proxy_base_url)
        return 'get_spice_console', CONF.spice.html5proxy_base_url
    if console_type == 'serial':
        if not CONF.serial_console.enabled:
            raise exception.ConsoleTypeUnavailable(console_type=console_type)
        return 'get_serial_console', CONF.serial_console.base_url
    raise exception.ConsoleTypeInvalid(console_type=console_type)


def authorize_console(context, instance, console_type, console, base_url):
    """Store a token for ``console``; :returns: its connection info dict."""
    auth = objects.ConsoleAuthToken(
        context=context, console_type=console_type, host=console.host,
        port=console.port, tls_port=getattr(console, 'tls_port', None),
        internal_access_path=console.internal_access_path,
        instance_uuid=instance.uuid, access_url_base=base_url)
    auth.authorize(CONF.consoleauth.token_ttl)
    return console.get_connection_info(auth.token, auth.access_url)


class ConsolesMixin:
    """The console methods of ComputeManager (needs ``self.driver``)."""

    def _get_console(self, context, console_type, instance, expected):
        driver_method, base_url = _enabled_base_url(console_type)
        if driver_method != expected:
            raise exception.ConsoleTypeInvalid(console_type=console_type)
        try:
            console = getattr(self.driver, driver_method)(context, instance)
        except exception.InstanceNotFound:
            # NOTE: a guest still being built has no console yet: that is
            # "not ready" (409), not "no such server".
            if instance.vm_state != vm_states.BUILDING:
                raise
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        return authorize_console(context, instance, console_type, console,
                                 base_url)

    def get_vnc_console(self, context, console_type, instance):
        """RPC call: a VNC console token; :returns: connection info.

        :raises: ConsoleTypeInvalid, ConsoleTypeUnavailable,
            InstanceNotReady
        """
        return self._get_console(context, console_type, instance,
                                 'get_vnc_console')

    def get_spice_console(self, context, console_type, instance):
        """RPC call: a SPICE console token; :returns: connection info."""
        return self._get_console(context, console_type, instance,
                                 'get_spice_console')

    def get_serial_console(self, context, console_type, instance,
                           index=0):
        """RPC call: a serial console token; :returns: connection info.

        :param index: the serial port; only the first is exposed (the
            driver decides which socket it is).
        """
        return self._get_console(context, console_type, instance,
                                 'get_serial_console')

    def validate_console_port(self, context, instance, port, console_type):
        """RPC call: :returns: True while the guest's console of
        ``console_type`` still listens on ``port``.
        """
        if console_type in ('spice-html5', 'spice-direct'):
            console = self.driver.get_spice_console(context, instance)
        elif console_type == 'serial':
            console = self.driver.get_serial_console(context, instance)
        else:
            console = self.driver.get_vnc_console(context, instance)
        # NOTE: drivers report int or str ports; the token stores an int.
        return str(console.port) == str(port)

    # NOTE: oslo.service only collects periodic tasks from the manager
    # class's own namespace, so ComputeManager re-binds this name.
    @manager.periodic_task_decorator(spacing=CLEANUP_INTERVAL)
    def _cleanup_expired_console_tokens(self, context):
        """Delete the cell's expired console tokens (periodic).

        The rows name the console's address, not the compute service, so
        every host sweeps all expired rows; the delete is idempotent.
        """
        removed = objects.ConsoleAuthToken.clean_expired_console_auths(
            context)
        if removed:
            LOG.debug('Removed %d expired console tokens', removed)
