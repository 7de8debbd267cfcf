"""Versioned notification objects: fingerprints, shapes and emission."""

import collections

from oslo_versionedobjects import fixture

from nova_clone.compute import utils as compute_utils
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.notifications.objects import base as notif_base
from nova_clone.notifications.objects import exception as notif_exc
from nova_clone.notifications.objects import instance as notif_instance
from nova_clone import objects
from nova_clone.tests import base
from nova_clone.tests.unit.compute import fakes
from nova_clone.tests.unit.notifications import fake_notifier

# NOTE: a changed hash means a changed payload: bump the object's version
# (matching nova's when nova made the same change), then update it here.
NOTIFICATION_OBJECT_DATA = {
    'BlockDevicePayload': '1.0-29751e1b6d41b1454e36768a1e764df8',
    'EventType': '1.21-e1c7807322e3fb9f73a7f4c3c9296a44',
    'ExceptionNotification': '1.0-a73147b93b520ff0061865849d3dfa56',
    'ExceptionPayload': '1.1-6c43008bd81885a63bc7f7c629f0793b',
    'FlavorPayload': '1.4-b214082580c1f11f2e4d2cf946775ec6',
    'InstanceActionNotification': '1.0-a73147b93b520ff0061865849d3dfa56',
    'InstanceActionPayload': '1.8-da08c60e4acf9e0e058529046514dd9c',
    'InstanceCreateNotification': '1.0-a73147b93b520ff0061865849d3dfa56',
    'InstanceCreatePayload': '1.12-736727b50bfb65965c6cd316262b9a6e',
    'InstancePayload': '1.8-7b7123171f0950276a4327b1a3cede81',
    'IpPayload': '1.0-90e6d3f5aba0a947929cd24fb8a3abf3',
    'KeypairPayload': '1.0-6daebbbde0e1bf35c1556b1ecd9385c1',
    'NotificationPublisher': '2.2-b6ad48126247e10b46b6b0240e52e614',
}

# nova's InstancePayload 1.8 fields (doc/notification_samples).
INSTANCE_PAYLOAD_KEYS = {
    'uuid', 'user_id', 'tenant_id', 'reservation_id', 'display_name',
    'display_description', 'host_name', 'host', 'node', 'os_type',
    'architecture', 'availability_zone', 'flavor', 'image_uuid',
    'key_name', 'kernel_id', 'ramdisk_id', 'created_at', 'launched_at',
    'terminated_at', 'deleted_at', 'updated_at', 'state', 'power_state',
    'task_state', 'progress', 'ip_addresses', 'block_devices', 'metadata',
    'locked', 'auto_disk_config', 'request_id', 'action_initiator_user',
    'action_initiator_project', 'locked_reason'}
FLAVOR_PAYLOAD_KEYS = {
    'flavorid', 'name', 'root_gb', 'vcpus', 'ephemeral_gb', 'memory_mb',
    'disabled', 'rxtx_factor', 'extra_specs', 'projects', 'swap',
    'is_public', 'vcpu_weight', 'description'}


def _schema_data(obj_class):
    if issubclass(obj_class, notif_base.NotificationPayloadBase):
        return (collections.OrderedDict(sorted(obj_class.SCHEMA.items())),)
    return ()


class NotificationObjectVersionsTestCase(base.NoDBTestCase):

    def test_versions(self):
        checker = fixture.ObjectVersionChecker(
            {cls.obj_name(): [cls]
             for cls in notif_base.NOTIFICATION_CLASSES})
        expected, actual = checker.test_hashes(
            NOTIFICATION_OBJECT_DATA, extra_data_func=_schema_data)
        self.assertEqual(expected, actual,
                         'Notification objects changed; bump their '
                         'versions and update the hashes.')

    def test_not_in_rpc_registry(self):
        registered = objects.base.NovaObjectRegistry.obj_classes()
        for cls in notif_base.NOTIFICATION_CLASSES:
            self.assertNotIn(cls.obj_name(), registered)


class PayloadShapeTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.context = nova_context.RequestContext(
            user_id='fake-user', project_id='fake-project')
        self.instance = fakes.fake_instance(
            self.context, host='compute', node='fake-mini',
            vm_state='active', task_state=None, power_state=1,
            metadata={'k': 'v'})

    def test_instance_create_payload(self):
        payload = notif_instance.InstanceCreatePayload(
            self.context, self.instance, None, bdms=[])
        prim = payload.obj_to_primitive()
        self.assertEqual('InstanceCreatePayload', prim['nova_object.name'])
        self.assertEqual('nova', prim['nova_object.namespace'])
        self.assertEqual('1.12', prim['nova_object.version'])
        data = prim['nova_object.data']
        self.assertEqual(
            INSTANCE_PAYLOAD_KEYS | {'fault', 'keypairs', 'tags',
                                     'trusted_image_certificates',
                                     'instance_name'},
            set(data))
        self.assertEqual('active', data['state'])
        self.assertEqual('running', data['power_state'])
        self.assertEqual('MANUAL', data['auto_disk_config'])
        self.assertEqual('fake-project', data['tenant_id'])
        self.assertEqual('some-server', data['host_name'])
        self.assertEqual('instance-00000001', data['instance_name'])
        self.assertEqual({'k': 'v'}, data['metadata'])
        self.assertEqual([], data['ip_addresses'])
        self.assertIsNone(data['block_devices'])
        self.assertEqual(self.context.request_id, data['request_id'])
        flavor = data['flavor']
        self.assertEqual('FlavorPayload', flavor['nova_object.name'])
        self.assertEqual('1.4', flavor['nova_object.version'])
        self.assertEqual(FLAVOR_PAYLOAD_KEYS,
                         set(flavor['nova_object.data']))

    def test_instance_action_payload_with_fault(self):
        try:
            raise exception.InstanceNotFound(instance_id='x')
        except exception.InstanceNotFound as e:
            fault = notif_exc.ExceptionPayload.from_exception(e)
        payload = notif_instance.InstanceActionPayload(
            self.context, self.instance, fault)
        prim = payload.obj_to_primitive()
        self.assertEqual('1.8', prim['nova_object.version'])
        self.assertEqual(INSTANCE_PAYLOAD_KEYS | {'fault'},
                         set(prim['nova_object.data']))
        fault = prim['nova_object.data']['fault']['nova_object.data']
        self.assertEqual(
            {'module_name', 'function_name', 'exception',
             'exception_message', 'traceback'}, set(fault))
        self.assertEqual('InstanceNotFound', fault['exception'])
        self.assertEqual('Instance x could not be found.',
                         fault['exception_message'])
        self.assertEqual('test_instance_action_payload_with_fault',
                         fault['function_name'])

    def test_ip_payload_from_network_info(self):
        vif = {'id': 'ce531f90-199f-48c0-816c-13e38010b442',
               'address': 'fa:16:3e:4c:2c:30', 'devname': 'tapce531f90-19',
               'meta': {},
               'network': {'label': 'private-network', 'subnets': [
                   {'version': 4, 'ips': [{'address': '192.168.1.3',
                                            'type': 'fixed',
                                            'version': 4}]}]}}
        ips = notif_instance.IpPayload.from_network_info([vif])
        data = ips[0].obj_to_primitive()['nova_object.data']
        self.assertEqual(
            {'label': 'private-network', 'mac': 'fa:16:3e:4c:2c:30',
             'meta': {}, 'port_uuid': vif['id'], 'version': 4,
             'address': '192.168.1.3', 'device_name': 'tapce531f90-19'},
            data)

    def test_block_devices_when_enabled(self):
        self.flags(bdms_in_notifications=True, group='notifications')
        bdm = objects.BlockDeviceMapping(
            destination_type='volume', source_type='volume',
            device_name='/dev/sdb', boot_index=None,
            delete_on_termination=False, tag=None,
            volume_id='a07f71dc-8151-4e7d-a0cc-cd24a3f11113')
        local = objects.BlockDeviceMapping(destination_type='local',
                                           source_type='image')
        payloads = notif_instance.BlockDevicePayload.from_bdms([bdm, local])
        self.assertEqual(1, len(payloads))
        self.assertEqual(
            {'device_name': '/dev/sdb', 'boot_index': None,
             'delete_on_termination': False, 'tag': None,
             'volume_id': 'a07f71dc-8151-4e7d-a0cc-cd24a3f11113'},
            payloads[0].obj_to_primitive()['nova_object.data'])

    def test_event_type(self):
        self.assertEqual('instance.create.start', notif_base.EventType(
            'instance', 'create', 'start').to_notification_event_type_field())
        self.assertEqual('instance.exists', notif_base.EventType(
            'instance', 'exists').to_notification_event_type_field())
        self.assertRaises(ValueError, notif_base.EventType, 'instance',
                          'not-an-action')


class EmitTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        fixture = self.useFixture(fake_notifier.FakeNotifierFixture())
        self.notifier = fixture.notifier
        self.fixture_legacy = lambda: fixture.legacy
        self.context = nova_context.RequestContext(
            user_id='fake-user', project_id='fake-project')
        self.instance = fakes.fake_instance(self.context)

    def test_envelope(self):
        self.flags(notification_format='both', group='notifications')
        compute_utils.notify_about_instance_create(
            self.context, self.instance, 'compute', phase='start')
        self.assertEqual(1, len(self.notifier.versioned))
        msg = self.notifier.versioned[0]
        self.assertEqual({'event_type', 'payload', 'priority',
                          'publisher_id'}, set(msg))
        self.assertEqual('instance.create.start', msg['event_type'])
        self.assertEqual('INFO', msg['priority'])
        self.assertEqual('nova-compute:compute', msg['publisher_id'])
        self.assertEqual({'nova_object.name', 'nova_object.namespace',
                          'nova_object.version', 'nova_object.data'},
                         set(msg['payload']))

    def test_error_priority(self):
        self.flags(notification_format='versioned', group='notifications')
        compute_utils.notify_about_instance_action(
            self.context, self.instance, 'compute', 'delete', phase='error',
            exception=ValueError('x'))
        msg = self.notifier.versioned[0]
        self.assertEqual('ERROR', msg['priority'])
        self.assertEqual('instance.delete.error', msg['event_type'])

    def test_unversioned_format_sends_only_legacy(self):
        self.flags(notification_format='unversioned', group='notifications')
        compute_utils.notify_about_instance_create(
            self.context, self.instance, 'compute', phase='start')
        self.assertEqual([], self.notifier.versioned)
        [msg] = self.fixture_legacy()
        self.assertEqual('compute.instance.create.start', msg['event_type'])
        self.assertEqual('compute.compute', msg['publisher_id'])
        self.assertEqual(self.instance.uuid, msg['payload']['instance_id'])

    def test_unpopulated_payload_is_refused(self):
        self.flags(notification_format='versioned', group='notifications')
        payload = notif_instance.InstanceActionPayload.__new__(
            notif_instance.InstanceActionPayload)
        notif_base.NotificationPayloadBase.__init__(payload)
        notification = notif_instance.InstanceActionNotification(
            priority='info',
            publisher=notif_base.NotificationPublisher('h', 'nova-compute'),
            event_type=notif_base.EventType('instance', 'delete'),
            payload=payload)
        self.assertRaises(AssertionError, notification.emit, self.context)
