"""A notifier that keeps versioned notifications in a list (no transport).
"""

import fixtures

from nova_clone import rpc


class _Prepared(object):
    def __init__(self, sink, publisher_id):
        self._sink = sink
        self._publisher_id = publisher_id

    def _notify(self, priority, ctxt, event_type, payload):
        self._sink.append({'event_type': event_type, 'payload': payload,
                           'priority': priority.upper(),
                           'publisher_id': self._publisher_id})

    def info(self, ctxt, event_type, payload):
        self._notify('info', ctxt, event_type, payload)

    def error(self, ctxt, event_type, payload):
        self._notify('error', ctxt, event_type, payload)

    def warn(self, ctxt, event_type, payload):
        self._notify('warn', ctxt, event_type, payload)


class FakeNotifier(object):
    """Stands in for ``rpc.NOTIFIER``; messages land in ``versioned``."""

    def __init__(self):
        self.versioned = []

    def is_enabled(self):
        return True

    def prepare(self, publisher_id=None, **kwargs):
        return _Prepared(self.versioned, publisher_id)

    def event_types(self):
        return [n['event_type'] for n in self.versioned]


class FakeNotifierFixture(fixtures.Fixture):
    """Install a :class:`FakeNotifier` as the process notifier."""

    def _setUp(self):
        # NOTE: two sinks, as rpc has two notifiers: versioned payloads
        # and the legacy (unversioned) dicts.
        self.notifier = FakeNotifier()
        self.legacy_notifier = FakeNotifier()
        self.useFixture(fixtures.MonkeyPatch('nova_clone.rpc.NOTIFIER',
                                             self.legacy_notifier))
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.rpc.VERSIONED_NOTIFIER', self.notifier))
        assert rpc.VERSIONED_NOTIFIER is self.notifier

    @property
    def versioned(self):
        return self.notifier.versioned

    @property
    def legacy(self):
        return self.legacy_notifier.versioned
