"""Lifecycle events a virt driver emits when a guest changes state."""

import time

from nova_clone.i18n import _

# Transitions, with nova's values since they are compared across services.
EVENT_LIFECYCLE_STARTED = 0
EVENT_LIFECYCLE_STOPPED = 1
EVENT_LIFECYCLE_PAUSED = 2
EVENT_LIFECYCLE_RESUMED = 3
EVENT_LIFECYCLE_SUSPENDED = 4
EVENT_LIFECYCLE_POSTCOPY_STARTED = 5
EVENT_LIFECYCLE_MIGRATION_COMPLETED = 6

NAMES = {
    EVENT_LIFECYCLE_STARTED: _('Started'),
    EVENT_LIFECYCLE_STOPPED: _('Stopped'),
    EVENT_LIFECYCLE_PAUSED: _('Paused'),
    EVENT_LIFECYCLE_RESUMED: _('Resumed'),
    EVENT_LIFECYCLE_SUSPENDED: _('Suspended'),
    EVENT_LIFECYCLE_POSTCOPY_STARTED: _('Postcopy started'),
    EVENT_LIFECYCLE_MIGRATION_COMPLETED: _('Migration completed'),
}


class Event(object):
    """Something that happened on the hypervisor, stamped with a time."""

    def __init__(self, timestamp=None):
        self.timestamp = timestamp if timestamp is not None else time.time()

    def __repr__(self):
        return '<%s: %s>' % (self.__class__.__name__, self.timestamp)


class InstanceEvent(Event):
    """An event about one guest, identified by its instance uuid."""

    def __init__(self, uuid, timestamp=None):
        super().__init__(timestamp)
        self.uuid = uuid

    def get_instance_uuid(self):
        """:returns: the uuid of the instance the event is about."""
        return self.uuid

    def __repr__(self):
        return '<%s: %s, %s>' % (self.__class__.__name__, self.timestamp,
                                 self.uuid)


class LifecycleEvent(InstanceEvent):
    """A guest's power state transition (started, stopped, paused...)."""

    def __init__(self, uuid, transition, timestamp=None):
        if transition not in NAMES:
            raise ValueError('Unknown lifecycle transition %r' % transition)
        super().__init__(uuid, timestamp)
        self.transition = transition

    def get_transition(self):
        """:returns: one of the ``EVENT_LIFECYCLE_*`` constants."""
        return self.transition

    def get_name(self):
        """:returns: the transition's display name."""
        return NAMES.get(self.transition, _('Unknown'))

    def __eq__(self, other):
        return (isinstance(other, LifecycleEvent) and
                self.uuid == other.uuid and
                self.transition == other.transition)

    def __hash__(self):
        return hash((self.uuid, self.transition))

    def __repr__(self):
        return '<%s: %s, %s => %s>' % (self.__class__.__name__,
                                       self.timestamp, self.uuid,
                                       self.get_name())
