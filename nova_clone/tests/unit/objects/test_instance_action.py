"""What an action event records when it ends."""

from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone.tests import base

UUID = '6a8e1f0c-1c57-4a3c-9d2c-3f5b2a6f7e10'


class PackEventFinishTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.ctxt = nova_context.get_admin_context()

    def _pack(self, exc_val, exc_tb='Traceback...'):
        return objects.InstanceActionEvent.pack_action_event_finish(
            self.ctxt, UUID, 'compute_x', exc_val=exc_val, exc_tb=exc_tb)

    def test_success(self):
        values = self._pack(None, exc_tb=None)
        self.assertEqual('Success', values['result'])
        self.assertNotIn('details', values)

    def test_string_from_rpc_is_kept(self):
        # NOTE: over the conductor indirection the exception arrives as
        # the text the compute chose; it must not become 'str'.
        values = self._pack('Build of instance x aborted: disk full')
        self.assertEqual('Error', values['result'])
        self.assertEqual('Build of instance x aborted: disk full',
                         values['details'])

    def test_nova_exception_message_and_other_class_name(self):
        values = self._pack(exception.NoValidHost(reason='none fit'))
        self.assertEqual('No valid host was found. none fit',
                         values['details'])
        self.assertEqual('KeyError', self._pack(KeyError('x'))['details'])
