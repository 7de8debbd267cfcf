"""Policies of the server actions (``POST /servers/{id}/action``)."""

from nova_clone.policies import base

SERVERS = 'os_compute_api:servers:%s'
PAUSE = 'os_compute_api:os-pause-server:%s'
SUSPEND = 'os_compute_api:os-suspend-server:%s'
LOCK = 'os_compute_api:os-lock-server:%s'
ADMIN_ACTIONS = 'os_compute_api:os-admin-actions:%s'
DEFERRED_DELETE = 'os_compute_api:os-deferred-delete:%s'
RESCUE = 'os_compute_api:os-rescue'
UNRESCUE = 'os_compute_api:os-unrescue'
CONSOLE_OUTPUT = 'os_compute_api:os-console-output'
DIAGNOSTICS = 'os_compute_api:os-server-diagnostics'
ADMIN_PASSWORD = 'os_compute_api:os-admin-password'
CREATE_BACKUP = 'os_compute_api:os-create-backup'

_ACTION = ('POST', '/servers/{server_id}/action')


def _member(name, description, *operations):
    return base.project_rule(name, base.PROJECT_MEMBER_OR_ADMIN,
                             description, *(operations or (_ACTION,)))


def _admin(name, description, *operations):
    return base.project_rule(name, base.ADMIN, description,
                             *(operations or (_ACTION,)))


rules = [
    _member(SERVERS % 'start', 'Start a server (os-start)'),
    _member(SERVERS % 'stop', 'Stop a server (os-stop)'),
    _member(SERVERS % 'reboot', 'Reboot a server'),
    _member(SERVERS % 'rebuild', 'Rebuild a server'),
    _member(SERVERS % 'rebuild:trusted_certs',
            'Rebuild a server with trusted image certificate IDs'),
    _member(SERVERS % 'create_image', 'Create an image from a server'),
    _member(SERVERS % 'create_image:allow_volume_backed',
            'Create an image from a volume backed server'),
    _member(SERVERS % 'trigger_crash_dump',
            'Trigger crash dump in a server'),
    _member(PAUSE % 'pause', 'Pause a server'),
    _member(PAUSE % 'unpause', 'Unpause a paused server'),
    _member(SUSPEND % 'suspend', 'Suspend server'),
    _member(SUSPEND % 'resume', 'Resume suspended server'),
    _member(LOCK % 'lock', 'Lock a server'),
    _member(LOCK % 'unlock', 'Unlock a server'),
    _admin(LOCK % 'unlock:unlock_override',
           'Unlock a server, regardless who locked the server.'),
    _admin(ADMIN_ACTIONS % 'reset_state',
           'Reset the state of a given server'),
    _admin(ADMIN_ACTIONS % 'inject_network_info',
           'Inject network information into the server'),
    _member(DEFERRED_DELETE % 'restore', 'Restore a soft deleted server'),
    _member(DEFERRED_DELETE % 'force', 'Force delete a server before '
            'deferred cleanup'),
    _member(RESCUE, 'Rescue a server'),
    _member(UNRESCUE, 'Unrescue a server'),
    _member(CONSOLE_OUTPUT, 'Show console output for a server'),
    _admin(DIAGNOSTICS, 'Show the usage data for a server',
           ('GET', '/servers/{server_id}/diagnostics')),
    _member(ADMIN_PASSWORD, 'Change the administrative password for a '
            'server'),
    _member(CREATE_BACKUP, 'Create a back up of a server'),
]


def list_rules():
    """:returns: the server action rules."""
    return rules
