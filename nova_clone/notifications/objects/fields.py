"""Field types used only by notification payloads.

They render instance states the way nova's notifications do: the power
state as its name ('running'), ``auto_disk_config`` as 'AUTO'/'MANUAL'.
"""

from nova_clone.compute import power_state
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone.objects import fields


class _Choices(fields.Enum):
    """An enum whose values are the class's ``ALL`` tuple."""

    ALL = ()

    def __init__(self):
        super().__init__(valid_values=self.ALL)


class NotificationPriority(_Choices):
    AUDIT = 'audit'
    CRITICAL = 'critical'
    DEBUG = 'debug'
    INFO = 'info'
    ERROR = 'error'
    SAMPLE = 'sample'
    WARN = 'warn'

    ALL = (AUDIT, CRITICAL, DEBUG, INFO, ERROR, SAMPLE, WARN)


class NotificationPhase(_Choices):
    START = 'start'
    END = 'end'
    ERROR = 'error'
    PROGRESS = 'progress'

    ALL = (START, END, ERROR, PROGRESS)


class NotificationSource(_Choices):
    """The service that emits a notification (``publisher_id`` prefix)."""

    API = 'nova-api'
    COMPUTE = 'nova-compute'
    CONDUCTOR = 'nova-conductor'
    SCHEDULER = 'nova-scheduler'
    NETWORK = 'nova-network'
    CONSOLEAUTH = 'nova-consoleauth'
    CELLS = 'nova-cells'
    CONSOLE = 'nova-console'
    METADATA = 'nova-metadata'

    ALL = (API, COMPUTE, CONDUCTOR, SCHEDULER, NETWORK, CONSOLEAUTH, CELLS,
           CONSOLE, METADATA)


class NotificationAction(_Choices):
    """The verb of an ``<object>.<action>.<phase>`` event type."""

    UPDATE = 'update'
    EXCEPTION = 'exception'
    DELETE = 'delete'
    PAUSE = 'pause'
    UNPAUSE = 'unpause'
    RESIZE = 'resize'
    VOLUME_SWAP = 'volume_swap'
    SUSPEND = 'suspend'
    POWER_ON = 'power_on'
    POWER_OFF = 'power_off'
    REBOOT = 'reboot'
    SHUTDOWN = 'shutdown'
    SNAPSHOT = 'snapshot'
    INTERFACE_ATTACH = 'interface_attach'
    SHELVE = 'shelve'
    RESUME = 'resume'
    RESTORE = 'restore'
    EXISTS = 'exists'
    RESCUE = 'rescue'
    VOLUME_ATTACH = 'volume_attach'
    VOLUME_DETACH = 'volume_detach'
    CREATE = 'create'
    IMPORT = 'import'
    EVACUATE = 'evacuate'
    RESIZE_FINISH = 'resize_finish'
    LIVE_MIGRATION_ABORT = 'live_migration_abort'
    LIVE_MIGRATION_POST_DEST = 'live_migration_post_dest'
    LIVE_MIGRATION_POST = 'live_migration_post'
    LIVE_MIGRATION_PRE = 'live_migration_pre'
    LIVE_MIGRATION_ROLLBACK_DEST = 'live_migration_rollback_dest'
    LIVE_MIGRATION_ROLLBACK = 'live_migration_rollback'
    LIVE_MIGRATION_FORCE_COMPLETE = 'live_migration_force_complete'
    REBUILD = 'rebuild'
    REBUILD_SCHEDULED = 'rebuild_scheduled'
    INTERFACE_DETACH = 'interface_detach'
    RESIZE_CONFIRM = 'resize_confirm'
    RESIZE_PREP = 'resize_prep'
    RESIZE_REVERT = 'resize_revert'
    SELECT_DESTINATIONS = 'select_destinations'
    SHELVE_OFFLOAD = 'shelve_offload'
    SOFT_DELETE = 'soft_delete'
    TRIGGER_CRASH_DUMP = 'trigger_crash_dump'
    UNRESCUE = 'unrescue'
    UNSHELVE = 'unshelve'
    ADD_HOST = 'add_host'
    REMOVE_HOST = 'remove_host'
    ADD_MEMBER = 'add_member'
    UPDATE_METADATA = 'update_metadata'
    LOCK = 'lock'
    UNLOCK = 'unlock'
    UPDATE_PROP = 'update_prop'
    CONNECT = 'connect'
    USAGE = 'usage'
    BUILD_INSTANCES = 'build_instances'
    MIGRATE_SERVER = 'migrate_server'
    REBUILD_SERVER = 'rebuild_server'
    IMAGE_CACHE = 'cache_images'
    SHARE_ATTACH = 'share_attach'
    SHARE_DETACH = 'share_detach'

    ALL = (UPDATE, EXCEPTION, DELETE, PAUSE, UNPAUSE, RESIZE, VOLUME_SWAP,
           SUSPEND, POWER_ON, POWER_OFF, REBOOT, SHUTDOWN, SNAPSHOT,
           INTERFACE_ATTACH, SHELVE, RESUME, RESTORE, EXISTS, RESCUE,
           VOLUME_ATTACH, VOLUME_DETACH, CREATE, IMPORT, EVACUATE,
           RESIZE_FINISH, LIVE_MIGRATION_ABORT, LIVE_MIGRATION_POST_DEST,
           LIVE_MIGRATION_POST, LIVE_MIGRATION_PRE,
           LIVE_MIGRATION_ROLLBACK_DEST, LIVE_MIGRATION_ROLLBACK,
           LIVE_MIGRATION_FORCE_COMPLETE, REBUILD, REBUILD_SCHEDULED,
           INTERFACE_DETACH, RESIZE_CONFIRM, RESIZE_PREP, RESIZE_REVERT,
           SELECT_DESTINATIONS, SHELVE_OFFLOAD, SOFT_DELETE,
           TRIGGER_CRASH_DUMP, UNRESCUE, UNSHELVE, ADD_HOST, REMOVE_HOST,
           ADD_MEMBER, UPDATE_METADATA, LOCK, UNLOCK, UPDATE_PROP, CONNECT,
           USAGE, BUILD_INSTANCES, MIGRATE_SERVER, REBUILD_SERVER,
           IMAGE_CACHE, SHARE_ATTACH, SHARE_DETACH)


class InstanceState(fields.Enum):
    def __init__(self):
        super().__init__(valid_values=vm_states.ALL_STATES)


class InstanceTaskState(fields.Enum):
    def __init__(self):
        super().__init__(valid_values=task_states.ALL_STATES)


class InstancePowerState(fields.Enum):
    """Power states by name; integers (as stored) are converted."""

    def __init__(self):
        super().__init__(valid_values=tuple(
            power_state.STATE_MAP[s] for s in power_state.ALL_STATES))

    def coerce(self, obj, attr, value):
        if isinstance(value, int):
            value = power_state.name(value)
        return super().coerce(obj, attr, value)


class DiskConfig(_Choices):
    """``auto_disk_config`` as the API shows it."""

    MANUAL = 'MANUAL'
    AUTO = 'AUTO'

    ALL = (MANUAL, AUTO)

    def coerce(self, obj, attr, value):
        if isinstance(value, bool):
            value = self.AUTO if value else self.MANUAL
        return super().coerce(obj, attr, value)


class NotificationPriorityField(fields.BaseEnumField):
    AUTO_TYPE = NotificationPriority()


class NotificationPhaseField(fields.BaseEnumField):
    AUTO_TYPE = NotificationPhase()


class NotificationSourceField(fields.BaseEnumField):
    AUTO_TYPE = NotificationSource()


class NotificationActionField(fields.BaseEnumField):
    AUTO_TYPE = NotificationAction()


class InstanceStateField(fields.BaseEnumField):
    AUTO_TYPE = InstanceState()


class InstanceTaskStateField(fields.BaseEnumField):
    AUTO_TYPE = InstanceTaskState()


class InstancePowerStateField(fields.BaseEnumField):
    AUTO_TYPE = InstancePowerState()


class DiskConfigField(fields.BaseEnumField):
    AUTO_TYPE = DiskConfig()
