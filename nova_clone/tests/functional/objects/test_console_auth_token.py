"""ConsoleAuthToken on a migrated cell DB: hashing, expiry, cleanup."""

from oslo_utils import timeutils

from nova_clone.db.main.api import console_auth_tokens as db
from nova_clone import exception
from nova_clone import objects
from nova_clone.objects import console_auth_token as cat_obj
from nova_clone.tests.functional.objects import test_cell_objects


class ConsoleAuthTokenTest(test_cell_objects._CellTestCase):

    def setUp(self):
        super().setUp()
        self.instance = self._instance()

    def _authorize(self, console_type='novnc', ttl=600, host='host1'):
        token = objects.ConsoleAuthToken(
            self.ctxt, console_type=console_type, host=host, port=5900,
            internal_access_path=None, instance_uuid=self.instance.uuid,
            access_url_base='http://proxy:6080/vnc_auto.html')
        return token, token.authorize(ttl)

    def test_only_the_hash_is_stored_and_validate_finds_it(self):
        obj, token = self._authorize()
        self.assertGreater(len(token), 30)
        self.assertEqual(
            'http://proxy:6080/vnc_auto.html?path=%3Ftoken%3D' + token,
            obj.access_url)
        row = db.console_auth_token_get_valid(self.ctxt,
                                              cat_obj.token_hash(token))
        self.assertNotEqual(token, row.token_hash)
        self.assertNotIn(token, repr(dict(row)))
        found = objects.ConsoleAuthToken.validate(self.ctxt, token)
        self.assertEqual((self.instance.uuid, 'host1', 5900, 'novnc'),
                         (found.instance_uuid, found.host, found.port,
                          found.console_type))
        # A token may be used again until it expires.
        objects.ConsoleAuthToken.validate(self.ctxt, token)
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          token, instance_uuid='other')

    def test_serial_url_uses_token_parameter(self):
        obj, token = self._authorize(console_type='serial')
        self.assertTrue(obj.access_url.endswith('?token=' + token))

    def test_unknown_and_expired_tokens_are_invalid(self):
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          'nope')
        _, token = self._authorize(ttl=10)
        self.addCleanup(timeutils.clear_time_override)
        timeutils.set_time_override()
        timeutils.advance_time_seconds(11)
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          token)

    def test_clean_expired_by_host(self):
        self._authorize(ttl=0)
        self._authorize(ttl=0, host='host2')
        _, live = self._authorize(ttl=600)
        self.assertEqual(1, objects.ConsoleAuthToken
                         .clean_expired_console_auths(self.ctxt, 'host2'))
        self.assertEqual(1, objects.ConsoleAuthToken
                         .clean_expired_console_auths(self.ctxt))
        objects.ConsoleAuthToken.validate(self.ctxt, live)

    def test_instance_delete_invalidates(self):
        _, token = self._authorize()
        objects.ConsoleAuthToken.clean_console_auths_for_instance(
            self.ctxt, self.instance.uuid)
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          token)

    def test_deleted_instance_token_is_invalid(self):
        _, token = self._authorize()
        self.instance.destroy()
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          token)

    def test_authorize_twice_refused(self):
        obj, _ = self._authorize()
        self.assertRaises(exception.ObjectActionError, obj.authorize, 60)
