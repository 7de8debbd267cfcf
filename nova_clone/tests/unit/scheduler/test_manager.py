"""SchedulerManager: RPC target, delegation, reset and the host
discovery periodic task.
"""

from unittest import mock

import fixtures

from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.scheduler import manager
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes


class SchedulerManagerTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.manager = manager.SchedulerManager(host='sched1')
        self.ctxt = nova_context.get_admin_context()

    def test_target_and_names(self):
        self.assertEqual('1.0', self.manager.target.version)
        self.assertEqual('scheduler', self.manager.service_name)
        self.assertEqual('sched1', self.manager.host)

    def test_select_destinations_delegates(self):
        spec = fakes.spec()
        with mock.patch.object(self.manager.selector, 'select_destinations',
                               return_value=[['sel']]) as select:
            result = self.manager.select_destinations(
                self.ctxt, spec, ['u1'], return_objects=True,
                return_alternates=False)
        self.assertEqual([['sel']], result)
        select.assert_called_once_with(self.ctxt, spec, ['u1'],
                                       return_objects=True,
                                       return_alternates=False)

    def test_reset_reloads_filters(self):
        self.flags(group='filter_scheduler',
                   enabled_filters=['AllHostsFilter'])
        self.manager.reset()
        self.assertEqual(['AllHostsFilter'], [
            f.__class__.__name__
            for f in self.manager.host_manager.enabled_filters])
        self.flags(group='filter_scheduler', enabled_filters=['Nope'])
        self.assertRaises(exception.SchedulerHostFilterNotFound,
                          self.manager.reset)

    def _services(self, *hosts):
        self.useFixture(fixtures.MockPatch(
            'nova_clone.objects.ServiceList.get_by_binary',
            return_value=objects.ServiceList(objects=[
                objects.Service(host=h, binary='nova-scheduler')
                for h in hosts])))
        return self.useFixture(fixtures.MockPatch(
            'nova_clone.cmd.manage.host_discovery.discover_hosts')).mock

    def test_discover_hosts_by_leader(self):
        discover = self._services('sched1', 'sched2')
        discover.return_value = ['compute1']
        self.manager._discover_hosts_in_cells(self.ctxt)
        discover.assert_called_once_with(self.ctxt)

    def test_discover_hosts_skipped_when_not_leader(self):
        discover = self._services('sched0', 'sched1')
        self.manager._discover_hosts_in_cells(self.ctxt)
        discover.assert_not_called()

    def test_discover_hosts_collision_warns_once(self):
        self.useFixture(fixtures.MockPatch(
            'nova_clone.scheduler.manager.HOST_MAPPING_EXISTS_WARNING',
            False))
        logger = self.useFixture(fixtures.FakeLogger(level='WARNING'))
        discover = self._services('sched1')
        discover.side_effect = exception.HostMappingExists(name='compute1')
        self.manager._discover_hosts_in_cells(self.ctxt)
        self.manager._discover_hosts_in_cells(self.ctxt)
        self.assertEqual(1, logger.output.count('only be enabled on a '
                                                'single scheduler'))


class FreezeHeapTestCase(base.NoDBTestCase):

    def test_frozen_once_per_process(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.scheduler.manager._HEAP_FROZEN', False))
        with mock.patch.object(manager.gc, 'freeze') as freeze, \
                mock.patch.object(manager.gc, 'collect'):
            manager.freeze_heap()
            manager.freeze_heap()
        freeze.assert_called_once_with()
