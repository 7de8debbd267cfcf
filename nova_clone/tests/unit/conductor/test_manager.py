"""ConductorManager: the object indirection endpoint, without RPC or DB."""

from unittest import mock

import oslo_messaging as messaging
from oslo_versionedobjects import fields as ovo_fields

from nova_clone.conductor import manager as conductor_manager
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.objects import base as objects_base
from nova_clone.tests import base

# NOTE: register_if(False) builds the field properties without putting this
# test-only class into nova_clone's (process-wide) object registry.
@objects_base.NovaObjectRegistry.register_if(False)
class _Widget(objects_base.NovaObject):
    """A tiny object whose remotable-looking methods touch no database."""

    VERSION = '1.1'
    fields = {
        'id': ovo_fields.IntegerField(nullable=True),
        'name': ovo_fields.StringField(nullable=True),
        'size': ovo_fields.IntegerField(nullable=True),
        'meta': ovo_fields.DictOfStringsField(nullable=True),
        'part': ovo_fields.ObjectField('_Widget', nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if target_version == '1.0':
            primitive.pop('size', None)

    def rename(self, name):
        self.name = name
        self.id = 7
        return 'renamed'

    def grow_meta(self):
        # mutates a dict field in place
        self.meta['k'] = 'v'

    def touch_only(self):
        # changes the field but marks nothing new: value stays equal
        self.name = self.name
        return None

    def explode(self):
        raise exception.InstanceNotFound(instance_id='x')

    @classmethod
    def make(cls, context, size):
        return cls(context, id=1, name='w', size=size)

    @classmethod
    def fail(cls, context):
        raise exception.InstanceNotFound(instance_id='y')


class ConductorManagerTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.mgr = conductor_manager.ConductorManager(host='h')
        self.ctxt = nova_context.get_admin_context()
        patcher = mock.patch.object(
            objects_base.NovaObject, 'obj_class_from_name',
            return_value=_Widget)
        self.from_name = patcher.start()
        self.addCleanup(patcher.stop)

    def test_target_version(self):
        self.assertEqual('1.0', self.mgr.target.version)

    def test_class_action_same_version_returns_object(self):
        result = self.mgr.object_class_action_versions(
            self.ctxt, '_Widget', 'make', {'_Widget': '1.1'}, (5,), {})
        self.from_name.assert_called_once_with('_Widget', '1.1')
        self.assertIsInstance(result, _Widget)
        self.assertEqual(5, result.size)

    def test_class_action_backports_for_older_caller(self):
        result = self.mgr.object_class_action_versions(
            self.ctxt, '_Widget', 'make', {'_Widget': '1.0'}, (), {'size': 3})
        self.assertIsInstance(result, dict)
        self.assertEqual('1.0', result['nova_object.version'])
        self.assertNotIn('size', result['nova_object.data'])
        self.assertEqual('w', result['nova_object.data']['name'])

    def test_class_action_newer_caller_gets_ours(self):
        result = self.mgr.object_class_action_versions(
            self.ctxt, '_Widget', 'make', {'_Widget': '1.5'}, (1,), {})
        self.assertIsInstance(result, _Widget)

    def test_class_action_error_is_expected(self):
        exc = self.assertRaises(
            messaging.ExpectedException,
            self.mgr.object_class_action_versions,
            self.ctxt, '_Widget', 'fail', {'_Widget': '1.1'}, (), {})
        self.assertIsInstance(exc.exc_info[1], exception.InstanceNotFound)

    def test_object_action_returns_changed_fields(self):
        widget = _Widget(self.ctxt, id=1, name='old', size=2)
        widget.obj_reset_changes()
        updates, result = self.mgr.object_action(
            self.ctxt, widget, 'rename', ('new',), {})
        self.assertEqual('renamed', result)
        self.assertEqual('new', updates['name'])
        self.assertEqual(7, updates['id'])
        self.assertNotIn('size', updates)
        self.assertEqual({'name', 'id'}, set(updates['obj_what_changed']))

    def test_object_action_reports_newly_set_fields(self):
        widget = _Widget(self.ctxt, size=2)
        widget.obj_reset_changes()
        updates, result = self.mgr.object_action(
            self.ctxt, widget, 'rename', ('n',), {})
        # id/name were unset before the call: they count as changes
        self.assertEqual('n', updates['name'])
        self.assertEqual(7, updates['id'])
        self.assertNotIn('size', updates)

    def test_object_action_unchanged_value_is_not_an_update(self):
        widget = _Widget(self.ctxt, id=1, name='same')
        widget.obj_reset_changes()
        updates, result = self.mgr.object_action(
            self.ctxt, widget, 'touch_only', (), {})
        self.assertIsNone(result)
        self.assertNotIn('name', updates)

    def test_object_action_sees_in_place_changes_and_objects(self):
        widget = _Widget(self.ctxt, id=1, name='same', meta={},
                         part=_Widget(self.ctxt, id=2))
        widget.obj_reset_changes()
        updates, result = self.mgr.object_action(
            self.ctxt, widget, 'grow_meta', (), {})
        self.assertEqual({'k': 'v'}, updates['meta'])
        # NOTE: an object field always goes back, as with a deep clone
        # (objects compare by identity).
        self.assertIn('part', updates)
        self.assertNotIn('name', updates)
        self.assertNotIn('id', updates)

    def test_object_action_error_is_expected(self):
        widget = _Widget(self.ctxt, id=1)
        exc = self.assertRaises(messaging.ExpectedException,
                                self.mgr.object_action, self.ctxt, widget,
                                'explode', (), {})
        self.assertIsInstance(exc.exc_info[1], exception.InstanceNotFound)

    def test_backport_versions(self):
        widget = _Widget(self.ctxt, id=1, name='w', size=9)
        prim = self.mgr.object_backport_versions(
            self.ctxt, widget, {'_Widget': '1.0'})
        self.assertEqual('1.0', prim['nova_object.version'])
        self.assertNotIn('size', prim['nova_object.data'])

    def test_backport_versions_ping(self):
        self.assertIsNone(
            self.mgr.object_backport_versions(self.ctxt, None, {}))
