"""Per-node instance statistics kept in ``ComputeNode.stats``.

The keys are nova's: ``num_instances``, ``num_vm_<vm_state>``,
``num_task_<task_state>`` (``num_task_None`` for idle instances),
``num_os_type_<os_type>``, ``num_proj_<project_id>``, ``io_workload`` and
``failed_builds``. Filters and weighers (IoOpsFilter, NumInstancesFilter,
BuildFailureWeigher) read them.
"""

from nova_clone.compute import task_states
from nova_clone.compute import vm_states

# Task states that load the host's disks and network (io_workload).
_IO_TASKS = (task_states.RESIZE_MIGRATING, task_states.REBUILDING,
             task_states.RESIZE_PREP, task_states.IMAGE_SNAPSHOT,
             task_states.IMAGE_BACKUP, task_states.RESCUING,
             task_states.UNSHELVING)


class Stats(dict):
    """A dict of counters plus the per-instance state they were built from.
    """

    def __init__(self):
        super().__init__()
        # uuid -> (vm_state, task_state, os_type, project_id) counted.
        self.states = {}

    def clear(self):
        super().clear()
        self.states.clear()

    def digest_stats(self, stats):
        """Merge stats a driver reports (any JSON dict) into these."""
        if not stats:
            return
        self.update(stats)

    def _add(self, key, amount):
        self[key] = self.get(key, 0) + amount

    @staticmethod
    def _keys(state):
        vm_state, task_state, os_type, project_id = state
        return ('num_vm_%s' % vm_state, 'num_task_%s' % task_state,
                'num_os_type_%s' % os_type, 'num_proj_%s' % project_id)

    def update_stats_for_instance(self, instance, is_removed=False):
        """Count ``instance`` in its current states (or forget it).

        :param is_removed: the instance left this node (deleted,
            offloaded or its claim aborted).
        """
        uuid = instance.uuid
        old = self.states.pop(uuid, None)
        if old is not None:
            for key in self._keys(old):
                self._add(key, -1)
        else:
            if is_removed:
                return
            self._add('num_instances', 1)
        if is_removed or instance.vm_state in vm_states.ALLOW_RESOURCE_REMOVAL:
            if old is not None:
                self._add('num_instances', -1)
        else:
            new = (instance.vm_state, instance.task_state,
                   getattr(instance, 'os_type', None), instance.project_id)
            self.states[uuid] = new
            for key in self._keys(new):
                self._add(key, 1)
        self['io_workload'] = self.io_workload

    @property
    def num_instances(self):
        return self.get('num_instances', 0)

    @property
    def io_workload(self):
        """:returns: how many I/O heavy operations run (builds included)."""
        total = self.get('num_vm_%s' % vm_states.BUILDING, 0)
        for task in _IO_TASKS:
            total += self.get('num_task_%s' % task, 0)
        return total

    def calculate_workload(self):
        """:returns: the number of instances with a task in progress."""
        return sum(value for key, value in self.items()
                   if key.startswith('num_task_')
                   and not key.endswith('None'))

    def build_failed(self):
        """Count one more build that failed on this node."""
        self['failed_builds'] = self.get('failed_builds', 0) + 1

    def build_succeeded(self):
        """A success resets the failure streak."""
        self['failed_builds'] = 0

    def to_node_stats(self):
        """:returns: the stats as ComputeNode.stats stores them (strings).
        """
        return {key: str(value) for key, value in self.items()}
