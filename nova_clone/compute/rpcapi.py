"""Client side of the compute RPC API (topic ``compute``, server = host).

Version history:

* 1.0 - Initial version: build_and_run_instance, terminate_instance.
* 1.1 - Adds external_instance_event.
* 1.2 - Adds get_host_uptime.
* 1.3 - Adds the server actions: stop/start_instance, reboot_instance,
  pause/unpause_instance, suspend/resume_instance, rescue/unrescue_instance,
  rebuild_instance, snapshot_instance, backup_instance, set_admin_password,
  get_console_output, get_diagnostics, get_instance_diagnostics,
  trigger_crash_dump, soft_delete_instance, restore_instance.
* 1.4 - Adds the consoles: get_vnc_console, get_spice_console,
  get_serial_console, validate_console_port.
* 1.5 - Adds host_power_action and host_maintenance_mode (os-hosts).
* 1.6 - Adds shelve_instance, shelve_offload_instance, unshelve_instance.
"""

from nova_clone import conf as nova_conf
from nova_clone import rpc

CONF = nova_conf.CONF

RPC_TOPIC = 'compute'


class ComputeAPI:
    """RPC client of ComputeManager; every method targets one host."""

    # NOTE: release names an operator may pin in [upgrade_levels] compute.
    VERSION_ALIASES = {}

    def __init__(self):
        self.client = rpc.get_pinned_client(
            RPC_TOPIC, '1.6', CONF.upgrade_levels.compute,
            self.VERSION_ALIASES)

    def _prepare(self, host, version='1.0'):
        return self.client.prepare(server=host, version=version)

    def build_and_run_instance(self, ctxt, instance, host, image,
                               request_spec, filter_properties,
                               admin_password=None, injected_files=None,
                               requested_networks=None,
                               security_groups=None,
                               block_device_mapping=None, node=None,
                               limits=None, host_list=None,
                               accel_uuids=None):
        """Cast: build ``instance`` on ``host``/``node``.

        :param image: the Glance image dict (or ``{}`` for volume boot).
        :param request_spec: the RequestSpec object.
        :param filter_properties: legacy dict (``retry``, ``limits``,
            ``scheduler_hints``...).
        :param limits: the SchedulerLimits of the chosen host, as a dict.
        :param host_list: the Selection objects (chosen + alternates) so a
            failed build can be rescheduled without another scheduler
            round trip.
        """
        self._prepare(host).cast(
            ctxt, 'build_and_run_instance', instance=instance, image=image,
            request_spec=request_spec, filter_properties=filter_properties,
            admin_password=admin_password, injected_files=injected_files,
            requested_networks=requested_networks,
            security_groups=security_groups,
            block_device_mapping=block_device_mapping, node=node,
            limits=limits, host_list=host_list, accel_uuids=accel_uuids)

    def terminate_instance(self, ctxt, instance, bdms, delete_type=None):
        """Cast: destroy ``instance`` on its host and soft-delete it."""
        self._prepare(instance.host).cast(
            ctxt, 'terminate_instance', instance=instance, bdms=bdms,
            delete_type=delete_type)

    def external_instance_event(self, ctxt, instances, events, host):
        """Cast: hand ``events`` (of ``instances``, all on ``host``) to it."""
        self._prepare(host, version='1.1').cast(
            ctxt, 'external_instance_event', instances=instances,
            events=events)

    def get_host_uptime(self, ctxt, host):
        """Call: the compute host's ``uptime`` line."""
        return self._prepare(host, version='1.2').call(ctxt,
                                                       'get_host_uptime')

    # ------------------------------------------------ server actions (1.3)

    def _cast(self, ctxt, instance, method, **kwargs):
        self._prepare(instance.host, version='1.3').cast(
            ctxt, method, instance=instance, **kwargs)

    def _call(self, ctxt, instance, method, **kwargs):
        return self._prepare(instance.host, version='1.3').call(
            ctxt, method, instance=instance, **kwargs)

    def stop_instance(self, ctxt, instance, clean_shutdown=True):
        """Cast: power the guest off; the instance becomes STOPPED."""
        self._cast(ctxt, instance, 'stop_instance',
                   clean_shutdown=clean_shutdown)

    def start_instance(self, ctxt, instance):
        """Cast: power a STOPPED guest on."""
        self._cast(ctxt, instance, 'start_instance')

    def reboot_instance(self, ctxt, instance, reboot_type):
        """Cast: reboot (``SOFT`` or ``HARD``)."""
        self._cast(ctxt, instance, 'reboot_instance',
                   reboot_type=reboot_type)

    def pause_instance(self, ctxt, instance):
        self._cast(ctxt, instance, 'pause_instance')

    def unpause_instance(self, ctxt, instance):
        self._cast(ctxt, instance, 'unpause_instance')

    def suspend_instance(self, ctxt, instance):
        self._cast(ctxt, instance, 'suspend_instance')

    def resume_instance(self, ctxt, instance):
        self._cast(ctxt, instance, 'resume_instance')

    def rescue_instance(self, ctxt, instance, rescue_password,
                        rescue_image_ref=None, clean_shutdown=True):
        self._cast(ctxt, instance, 'rescue_instance',
                   rescue_password=rescue_password,
                   rescue_image_ref=rescue_image_ref,
                   clean_shutdown=clean_shutdown)

    def unrescue_instance(self, ctxt, instance):
        self._cast(ctxt, instance, 'unrescue_instance')

    def rebuild_instance(self, ctxt, instance, new_pass, injected_files,
                         image_ref, orig_image_ref,
                         preserve_ephemeral=False):
        """Cast: re-create the guest from ``image_ref`` on its host."""
        self._cast(ctxt, instance, 'rebuild_instance', new_pass=new_pass,
                   injected_files=injected_files, image_ref=image_ref,
                   orig_image_ref=orig_image_ref,
                   preserve_ephemeral=preserve_ephemeral)

    def snapshot_instance(self, ctxt, instance, image_id):
        """Cast: upload the guest's root disk into Glance image
        ``image_id``.
        """
        self._cast(ctxt, instance, 'snapshot_instance', image_id=image_id)

    def backup_instance(self, ctxt, instance, image_id, backup_type,
                        rotation):
        """Cast: snapshot, then keep the newest ``rotation`` backups."""
        self._cast(ctxt, instance, 'backup_instance', image_id=image_id,
                   backup_type=backup_type, rotation=rotation)

    def set_admin_password(self, ctxt, instance, new_pass):
        """Call: set the guest's administrator password."""
        return self._call(ctxt, instance, 'set_admin_password',
                          new_pass=new_pass)

    def get_console_output(self, ctxt, instance, tail_length):
        """Call: the guest's console log (last ``tail_length`` lines)."""
        return self._call(ctxt, instance, 'get_console_output',
                          tail_length=tail_length)

    def get_diagnostics(self, ctxt, instance):
        """Call: the driver's free-form diagnostics dict."""
        return self._call(ctxt, instance, 'get_diagnostics')

    def get_instance_diagnostics(self, ctxt, instance):
        """Call: the standard Diagnostics object as a primitive dict."""
        return self._call(ctxt, instance, 'get_instance_diagnostics')

    def trigger_crash_dump(self, ctxt, instance):
        self._cast(ctxt, instance, 'trigger_crash_dump')

    def soft_delete_instance(self, ctxt, instance):
        """Cast: stop the guest; it stays restorable until reclaimed."""
        self._cast(ctxt, instance, 'soft_delete_instance')

    def restore_instance(self, ctxt, instance):
        """Cast: start a soft-deleted guest again."""
        self._cast(ctxt, instance, 'restore_instance')

    # -------------------------------------------------------- consoles (1.4)

    def _console_call(self, ctxt, instance, method, **kwargs):
        return self._prepare(instance.host, version='1.4').call(
            ctxt, method, instance=instance, **kwargs)

    def get_vnc_console(self, ctxt, instance, console_type):
        """Call: :returns: connection info with a new token's access_url."""
        return self._console_call(ctxt, instance, 'get_vnc_console',
                                  console_type=console_type)

    def get_spice_console(self, ctxt, instance, console_type):
        """Call: :returns: connection info with a new token's access_url."""
        return self._console_call(ctxt, instance, 'get_spice_console',
                                  console_type=console_type)

    def get_serial_console(self, ctxt, instance, console_type):
        """Call: :returns: connection info with a new token's access_url."""
        return self._console_call(ctxt, instance, 'get_serial_console',
                                  console_type=console_type)

    def validate_console_port(self, ctxt, instance, port, console_type):
        """Call (from a console proxy): :returns: True while the guest's
        console still listens on ``port``.
        """
        return self._console_call(ctxt, instance, 'validate_console_port',
                                  port=port, console_type=console_type)

    # --------------------------------------------------- os-hosts (1.5)

    def host_power_action(self, ctxt, host, action):
        """Call: reboot/shutdown/startup the hypervisor host."""
        return self._prepare(host, version='1.5').call(
            ctxt, 'host_power_action', action=action)

    def host_maintenance_mode(self, ctxt, host, mode):
        """Call: put the host in (``mode`` True) or out of maintenance."""
        return self._prepare(host, version='1.5').call(
            ctxt, 'host_maintenance_mode', host=host, mode=mode)

    # ------------------------------------------------------ shelve (1.6)

    def shelve_instance(self, ctxt, instance, image_id, clean_shutdown=True):
        """Cast: power off, snapshot into ``image_id``, SHELVED."""
        self._prepare(instance.host, version='1.6').cast(
            ctxt, 'shelve_instance', instance=instance, image_id=image_id,
            clean_shutdown=clean_shutdown)

    def shelve_offload_instance(self, ctxt, instance, clean_shutdown=True):
        """Cast: destroy the shelved guest and free its host."""
        self._prepare(instance.host, version='1.6').cast(
            ctxt, 'shelve_offload_instance', instance=instance,
            clean_shutdown=clean_shutdown)

    def unshelve_instance(self, ctxt, instance, host, image=None,
                          filter_properties=None, node=None,
                          request_spec=None):
        """Cast: spawn an offloaded server from its snapshot on ``host``
        (or, with ``image`` None, power on one still on its host)."""
        self._prepare(host, version='1.6').cast(
            ctxt, 'unshelve_instance', instance=instance, image=image,
            filter_properties=filter_properties, node=node,
            request_spec=request_spec)
