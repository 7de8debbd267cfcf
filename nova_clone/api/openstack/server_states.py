"""The API's server ``status``: derived from vm_state and task_state.

Users see one word per server; the two state machines underneath are what
nova records. A task in flight may override the vm_state's word (an ACTIVE
server being rebooted shows REBOOT); ``status_from_state`` is the mapping
and ``states_from_status`` its inverse for the ``status`` list filter.
"""

from nova_clone.compute import task_states
from nova_clone.compute import vm_states

_DEFAULT = 'default'

_REBUILD_TASKS = {
    task_states.REBUILDING: 'REBUILD',
    task_states.REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
    task_states.REBUILD_SPAWNING: 'REBUILD',
}
_RESIZE_TASKS = {
    task_states.RESIZE_PREP: 'RESIZE',
    task_states.RESIZE_MIGRATING: 'RESIZE',
    task_states.RESIZE_MIGRATED: 'RESIZE',
    task_states.RESIZE_FINISH: 'RESIZE',
}

STATE_MAP = {
    vm_states.ACTIVE: dict({
        _DEFAULT: 'ACTIVE',
        task_states.REBOOTING: 'REBOOT',
        task_states.REBOOT_PENDING: 'REBOOT',
        task_states.REBOOT_STARTED: 'REBOOT',
        task_states.REBOOTING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_PENDING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_STARTED_HARD: 'HARD_REBOOT',
        task_states.UPDATING_PASSWORD: 'PASSWORD',
        task_states.MIGRATING: 'MIGRATING',
    }, **_REBUILD_TASKS, **_RESIZE_TASKS),
    vm_states.BUILDING: {_DEFAULT: 'BUILD'},
    vm_states.STOPPED: dict({_DEFAULT: 'SHUTOFF'}, **_REBUILD_TASKS,
                            **_RESIZE_TASKS),
    vm_states.RESIZED: {
        _DEFAULT: 'VERIFY_RESIZE',
        task_states.RESIZE_REVERTING: 'REVERT_RESIZE',
    },
    vm_states.PAUSED: {_DEFAULT: 'PAUSED',
                       task_states.MIGRATING: 'MIGRATING'},
    vm_states.SUSPENDED: {_DEFAULT: 'SUSPENDED'},
    vm_states.RESCUED: {_DEFAULT: 'RESCUE'},
    vm_states.ERROR: dict({_DEFAULT: 'ERROR'}, **_REBUILD_TASKS),
    vm_states.DELETED: {_DEFAULT: 'DELETED'},
    vm_states.SOFT_DELETED: {_DEFAULT: 'SOFT_DELETED'},
    vm_states.SHELVED: {_DEFAULT: 'SHELVED'},
    vm_states.SHELVED_OFFLOADED: {_DEFAULT: 'SHELVED_OFFLOADED'},
}

# NOTE: statuses in which the API reports a build/migration progress.
PROGRESS_STATUSES = frozenset(('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                               'VERIFY_RESIZE', 'MIGRATING'))


def status_from_state(vm_state, task_state=None):
    """:returns: the API status of a server in these states."""
    words = STATE_MAP.get(vm_state)
    if words is None:
        return 'UNKNOWN'
    return words.get(task_state, words[_DEFAULT])


def states_from_status(status):
    """:returns: (vm_states, task_states or None) a status filter means.

    ``task_states`` is None when any task state (that does not change the
    word) matches; an unknown status yields no vm_states at all.
    """
    status = status.upper()
    vms, tasks, default_hit = [], set(), False
    for vm_state, words in STATE_MAP.items():
        for task, word in words.items():
            if word != status:
                continue
            if vm_state not in vms:
                vms.append(vm_state)
            if task == _DEFAULT:
                default_hit = True
            else:
                tasks.add(task)
    if default_hit:
        return vms, None
    return vms, sorted(tasks)
