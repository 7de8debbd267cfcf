"""The vm_state of an instance: the stable state the user sees.

Values are nova's (doc: reference/vm-states); they are stored in
``instances.vm_state`` and compared across services, so never rename them.
"""

# The guest is running (or was, as far as nova knows).
ACTIVE = 'active'
# The instance was never spawned yet: scheduling, claiming, spawning.
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
# Powered off, disks kept.
STOPPED = 'stopped'
RESCUED = 'rescued'
# A resize or cold migration waits for confirmation.
RESIZED = 'resized'
# Deleted by the user but reclaimable ([DEFAULT] reclaim_instance_interval).
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
# Shelved and removed from its host; it holds no host resources.
SHELVED_OFFLOADED = 'shelved_offloaded'

ALL_STATES = (ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED,
              RESIZED, SOFT_DELETED, DELETED, ERROR, SHELVED,
              SHELVED_OFFLOADED)

# States in which a soft (guest-cooperative) reboot is accepted.
ALLOW_SOFT_REBOOT = [ACTIVE]
# States in which a hard reboot is accepted.
ALLOW_HARD_REBOOT = ALLOW_SOFT_REBOOT + [STOPPED, PAUSED, SUSPENDED, ERROR]
# States in which a crash dump may be triggered.
ALLOW_TRIGGER_CRASH_DUMP = [ACTIVE, PAUSED, RESCUED, RESIZED, ERROR]
# States whose instances no longer count against their host's resources.
ALLOW_RESOURCE_REMOVAL = [DELETED, SHELVED_OFFLOADED]
