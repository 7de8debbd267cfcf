"""InstanceEvents: register, wait, wake, time out."""

import threading

from nova_clone import exception
from nova_clone.compute import instance_events
from nova_clone.objects import external_event
from nova_clone.tests import base

UUID = '2b4c8a3e-0d9e-4a77-9f0c-5d2b1f3e4a6c'


class _Instance:
    uuid = UUID


def _event(name='network-vif-plugged', tag='p1', status='completed'):
    return external_event.InstanceExternalEvent(
        instance_uuid=UUID, name=name, tag=tag, status=status, data={})


class InstanceEventsTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.events = instance_events.InstanceEvents()

    def _deliver_later(self, event):
        timer = threading.Timer(0.05, self.events.deliver, [event])
        timer.start()
        self.addCleanup(timer.join)

    def test_waits_until_every_event_arrived(self):
        names = [('network-vif-plugged', 'p1'), ('network-vif-plugged', 'p2')]
        with self.events.wait_for(_Instance(), names, deadline=5):
            self.assertEqual(['network-vif-plugged-p1',
                              'network-vif-plugged-p2'],
                             self.events.waiting(UUID))
            self._deliver_later(_event(tag='p2'))
            self._deliver_later(_event(tag='p1'))
        self.assertEqual([], self.events.waiting(UUID))

    def test_times_out_and_forgets_the_waiters(self):
        with self.assertRaises(exception.InstanceEventTimeout):
            with self.events.wait_for(_Instance(), [('network-vif-plugged',
                                                     'p1')], deadline=0.1):
                pass
        self.assertEqual([], self.events.waiting(UUID))

    def test_failed_event_raises_or_calls_back(self):
        with self.assertRaises(exception.InstanceEventFailed):
            with self.events.wait_for(_Instance(), [('network-vif-plugged',
                                                     'p1')], deadline=5):
                self._deliver_later(_event(status='failed'))
        seen = []
        with self.events.wait_for(_Instance(), [('network-vif-plugged',
                                                 'p1')], deadline=5,
                                  error_callback=lambda n, i: seen.append(n)):
            self._deliver_later(_event(status='failed'))
        self.assertEqual(['network-vif-plugged'], seen)

    def test_unawaited_event_is_dropped(self):
        self.assertFalse(self.events.deliver(_event()))

    def test_failure_in_the_body_clears_the_waiters(self):
        with self.assertRaises(ValueError):
            with self.events.wait_for(_Instance(), [('network-vif-plugged',
                                                     'p1')]):
                raise ValueError()
        self.assertEqual([], self.events.waiting(UUID))
