"""Waiting for external events (Neutron's vif-plugged and friends).

A compute operation that needs another service to finish something first
(a port wired, a volume re-imaged) registers the event names it expects
*before* starting that work, then waits for them with a deadline.
``POST /os-server-external-events`` reaches the host as
``external_instance_event``, which pops the waiter and wakes it. Events
nobody waits for are dropped (logged), as nova does: a late event must not
block a later operation.
"""

import contextlib
import threading
import time

from oslo_log import log as logging

from nova_clone import exception
from nova_clone.objects import external_event

LOG = logging.getLogger(__name__)


class _Waiter:
    """One expected event; ``event`` is the InstanceExternalEvent or None."""

    def __init__(self):
        self._done = threading.Event()
        self.event = None

    def send(self, event):
        self.event = event
        self._done.set()

    def wait(self, timeout):
        """:returns: the event, or None when ``timeout`` passed first."""
        self._done.wait(timeout)
        return self.event


class InstanceEvents:
    """The waiters of every instance on this host, keyed by event key."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waiters = {}

    def prepare(self, instance_uuid, name, tag=None):
        """:returns: the waiter for ``name``/``tag`` on ``instance_uuid``."""
        key = external_event.InstanceExternalEvent.make_key(name, tag)
        with self._lock:
            per_instance = self._waiters.setdefault(instance_uuid, {})
            return per_instance.setdefault(key, _Waiter())

    def pop(self, event):
        """:returns: the waiter ``event`` answers, removed; or None."""
        with self._lock:
            per_instance = self._waiters.get(event.instance_uuid, {})
            waiter = per_instance.pop(event.key, None)
            if not per_instance:
                self._waiters.pop(event.instance_uuid, None)
            return waiter

    def clear(self, instance_uuid):
        """Forget the waiters of an instance (deleted, or its op failed)."""
        with self._lock:
            return self._waiters.pop(instance_uuid, {})

    def waiting(self, instance_uuid):
        """:returns: the event keys still awaited for ``instance_uuid``."""
        with self._lock:
            return sorted(self._waiters.get(instance_uuid, {}))

    def deliver(self, event):
        """Wake whoever waits for ``event``.

        :returns: True when a waiter took it.
        """
        waiter = self.pop(event)
        if waiter is None:
            LOG.debug('No waiter for event %s of instance %s; dropped',
                      event.key, event.instance_uuid)
            return False
        waiter.send(event)
        return True

    @contextlib.contextmanager
    def wait_for(self, instance, event_names, deadline=300,
                 error_callback=None):
        """Register ``event_names``, run the body, then wait for them all.

        :param event_names: ``(name, tag)`` pairs.
        :param error_callback: called with ``(name, instance)`` for an event
            that arrives with status ``failed``; by default that raises
            InstanceEventFailed.
        :raises: InstanceEventTimeout when ``deadline`` seconds pass first.
        """
        waiters = {external_event.InstanceExternalEvent.make_key(name, tag):
                   self.prepare(instance.uuid, name, tag)
                   for name, tag in event_names}
        try:
            yield
        except Exception:
            self.clear(instance.uuid)
            raise
        end = time.monotonic() + deadline
        for key, waiter in waiters.items():
            event = waiter.wait(max(0, end - time.monotonic()))
            if event is None:
                self.clear(instance.uuid)
                raise exception.InstanceEventTimeout(
                    instance_uuid=instance.uuid, event=key,
                    timeout=deadline)
            if event.status == 'failed':
                if error_callback is None:
                    raise exception.InstanceEventFailed(
                        instance_uuid=instance.uuid, event=key)
                error_callback(event.name, instance)
