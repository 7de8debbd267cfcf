"""The server status word and its inverse for the status filter."""

import testtools

from nova_clone.api.openstack import server_states


class ServerStatesTest(testtools.TestCase):

    def test_status_from_states(self):
        cases = [
            (('active', None), 'ACTIVE'),
            (('active', 'rebooting'), 'REBOOT'),
            (('active', 'rebooting_hard'), 'HARD_REBOOT'),
            (('active', 'deleting'), 'ACTIVE'),
            (('active', 'resize_prep'), 'RESIZE'),
            (('building', 'scheduling'), 'BUILD'),
            (('stopped', None), 'SHUTOFF'),
            (('stopped', 'rebuilding'), 'REBUILD'),
            (('resized', None), 'VERIFY_RESIZE'),
            (('resized', 'resize_reverting'), 'REVERT_RESIZE'),
            (('error', None), 'ERROR'),
            (('error', 'rebuilding'), 'REBUILD'),
            (('soft-delete', None), 'SOFT_DELETED'),
            (('shelved_offloaded', None), 'SHELVED_OFFLOADED'),
            (('bogus', None), 'UNKNOWN'),
        ]
        for (vm, task), status in cases:
            self.assertEqual(status,
                             server_states.status_from_state(vm, task),
                             (vm, task))

    def test_states_from_status(self):
        vms, tasks = server_states.states_from_status('reboot')
        self.assertEqual(['active'], vms)
        self.assertEqual({'rebooting', 'reboot_pending', 'reboot_started'},
                         set(tasks))
        vms, tasks = server_states.states_from_status('ACTIVE')
        self.assertEqual(['active'], vms)
        self.assertIsNone(tasks)
        vms, tasks = server_states.states_from_status('REBUILD')
        self.assertEqual({'active', 'stopped', 'error'}, set(vms))
        self.assertEqual(([], []), server_states.states_from_status('nope'))
