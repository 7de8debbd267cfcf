"""Unit tests of the object registry, fingerprints and serializer."""

import fixtures
from oslo_versionedobjects import exception as ovo_exc
from oslo_versionedobjects import fixture

from nova_clone import context
from nova_clone import objects
from nova_clone.objects import base
from nova_clone.objects import fields
from nova_clone.tests import base as test_base

# Every object's VERSION-hash. A changed hash means a changed wire format:
# bump VERSION (with a history comment and obj_make_compatible) and then
# update the hash here.
OBJECT_FINGERPRINTS = {
    'Aggregate': '1.0-f315cb68906307ca2d1cca84d4753585',
    'AggregateList': '1.0-3ea55a050354e72ef3306adefa553957',
    'BlockDeviceMapping': '1.0-b9df5fb966c3bef70c7799920bd159b5',
    'BlockDeviceMappingList': '1.0-644b4ec0ecae1df75798c64406de45c3',
    'BuildRequest': '1.0-077dee42bed93f8a5b62be77657b7152',
    'BuildRequestList': '1.0-cd95608eccb89fbc702c8b52f38ec738',
    'CellMapping': '1.0-5d652928000a5bc369d79d5bde7e497d',
    'CellMappingList': '1.0-f84d170dd49b216cec41881ab100b0b4',
    'ComputeNode': '1.0-f35236f0fe1a34a082bc21b4588c2e61',
    'ComputeNodeList': '1.0-12888e7ec8c3d41fa7b4dd60ffbabae9',
    'ConsoleAuthToken': '1.0-70a2faecbbdc2a122eda9a55bf0b3fd2',
    'Destination': '1.0-74854e8cfe7fe616294d93a5d189d885',
    'Flavor': '1.0-690bfcd69a43b3140a23523156750e95',
    'FlavorList': '1.0-52b5928600e7ca973aa4fc1e46f3934c',
    'HVSpec': '1.0-8065093c265f0a5f4c092ddfaff3d7f0',
    'HostMapping': '1.0-1a3390a696792a552ab7bd31a77ba9ac',
    'HostMappingList': '1.0-18ac2bfb8c1eb5545bed856da58a79bc',
    'ImageMeta': '1.0-87f850c86a56e7f0e49e676318c5b0b6',
    'ImageMetaProps': '1.0-c7538d3ae40fd8f72019dadbf383ec1c',
    'Instance': '1.0-4fa1dbafde6292f6f992641cb83320c1',
    'InstanceAction': '1.0-f9f293e526b66fca0d05c3b3a2d13914',
    'InstanceActionEvent': '1.0-c67bce47341e48337fb8963799fdf7c5',
    'InstanceActionEventList': '1.0-13d92fb953030cdbfee56481756e02be',
    'InstanceActionList': '1.0-a2b2fb6006b47c27076d3a1d48baa759',
    'InstanceExternalEvent': '1.0-39947fb4738f76c516f1f9954ea1a153',
    'InstanceFault': '1.0-7ef01f16f1084ad1304a513d6d410a38',
    'InstanceFaultList': '1.0-6bb72de2872fe49ded5eb937a93f2451',
    'InstanceGroup': '1.0-b64158e0dbb701c543a77a6b8ca7a858',
    'InstanceGroupList': '1.0-90f8f1a445552bb3bbc9fa1ae7da27d4',
    'InstanceInfoCache': '1.0-cd8b96fefe0fc8d4d337243ba0bf0e1e',
    'InstanceList': '1.0-387e04167ad4c23c6aac18a3a72de354',
    'InstanceMapping': '1.0-3bd375e65c8eb9c45498d2f87b882e03',
    'InstanceMappingList': '1.0-d34b6ebb076d542ae0f8b440534118da',
    'KeyPair': '1.0-bfaa2a8b148cdf11e0c72435d9dd097a',
    'KeyPairList': '1.0-94aad3ac5c938eef4b5e83da0212f506',
    'Migration': '1.0-6ed577d80e71e9b9d88b8cf358af3781',
    'MigrationList': '1.0-983a9c29d4f1e747ce719dc9063b729b',
    'Quotas': '1.0-f695b4fa98861177a37c9964580af689',
    'RequestSpec': '1.0-84b4d84f82debff95d34245d98b465ed',
    'SchedulerLimits': '1.0-c66f676ee4049d579b9b184e3ed4826c',
    'SchedulerRetries': '1.0-3c9c8b16143ebbb6ad7030e999d14cc0',
    'Selection': '1.0-548e3c2f04da2a61ceaf9c4e1589f264',
    'Service': '1.0-0fd457b0aa71202b14900275380c1539',
    'ServiceList': '1.0-6c52cb616621c1af2415dcc11faf5c1a',
    'Tag': '1.0-8b8d7d5b48887651a0e01241672e2963',
    'TagList': '1.0-55231bdb671ecf7641d6a2e9109b5d8e',
    'TaskLog': '1.0-78b0534366f29aa3eebb01860fbe18fe',
    'TaskLogList': '1.0-cc8cce1af8a283b9d28b55fcd682e777',
}


class TestObjectVersions(test_base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()

    def test_fingerprints(self):
        checker = fixture.ObjectVersionChecker(
            base.NovaObjectRegistry.obj_classes())
        expected, actual = checker.test_hashes(OBJECT_FINGERPRINTS)
        self.assertEqual(expected, actual,
                         'Objects changed; bump their VERSION and update '
                         'OBJECT_FINGERPRINTS')

    def test_every_object_starts_at_1_0(self):
        for name, classes in base.NovaObjectRegistry.obj_classes().items():
            self.assertEqual(['1.0'], [cls.VERSION for cls in classes], name)

    def test_registry_publishes_classes_on_package(self):
        self.assertIs(objects.Instance,
                      base.NovaObjectRegistry.obj_classes()['Instance'][0])
        self.assertEqual('nova', objects.Instance.OBJ_PROJECT_NAMESPACE)


class TestSerializer(test_base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()

    def test_round_trip_nested(self):
        flavor = objects.Flavor(id=1, name='m1', memory_mb=512, vcpus=1,
                                root_gb=1, ephemeral_gb=0, flavorid='1',
                                swap=0, extra_specs={'a': 'b'})
        inst = objects.Instance(uuid='11111111-2222-3333-4444-555555555555',
                                flavor=flavor, metadata={'k': 'v'})
        ser = base.NovaObjectSerializer()
        prim = ser.serialize_entity(None, inst)
        self.assertEqual('nova', prim['nova_object.namespace'])
        back = ser.deserialize_entity(None, prim)
        self.assertEqual('m1', back.flavor.name)
        self.assertEqual({'k': 'v'}, back.metadata)

    def test_network_model_field(self):
        cache = objects.InstanceInfoCache(network_info='[{"id": "x"}]')
        self.assertEqual([{'id': 'x'}], cache.network_info)
        prim = cache.obj_to_primitive()
        back = objects.InstanceInfoCache.obj_from_primitive(prim)
        self.assertEqual([{'id': 'x'}], back.network_info)

    def test_enum_fields_validate(self):
        self.assertRaises(ValueError, objects.Migration,
                          migration_type='teleport')
        self.assertEqual(
            'live-migration',
            objects.Migration(migration_type='live-migration').migration_type)
        self.assertIn('x86_64', fields.Architecture.ALL)

    def test_cell0(self):
        cell = objects.CellMapping(uuid=objects.CellMapping.CELL0_UUID,
                                   name='cell0')
        self.assertTrue(cell.is_cell0())
        self.assertEqual('%s(cell0)' % objects.CellMapping.CELL0_UUID,
                         cell.identity)

    def test_orphaned_remotable_raises(self):
        self.assertRaises(ovo_exc.OrphanedObjectError,
                          objects.Service(id=1).save)

    def test_instance_name_template(self):
        inst = objects.Instance(id=10, uuid='11111111-2222-3333-4444-'
                                '555555555555')
        self.assertEqual('instance-0000000a', inst.name)


class _FakeIndirection:
    """Records remotable calls instead of running them (like conductor)."""

    def __init__(self):
        self.calls = []

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        self.calls.append((objname, objmethod, args))
        return 42

    def object_action(self, context, objinst, objmethod, args, kwargs):
        self.calls.append((objinst.obj_name(), objmethod, args))
        return {'disabled': True}, None


class TestIndirection(test_base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        objects.register_all()
        self.fake = _FakeIndirection()
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.objects.base.NovaObject.indirection_api', self.fake))

    def test_remotable_calls_go_through_indirection_api(self):
        ctxt = context.get_admin_context()
        self.assertEqual(42, objects.Service.get_minimum_version(
            ctxt, 'nova-compute'))
        service = objects.Service(ctxt, id=1, host='h')
        service.save()
        self.assertTrue(service.disabled)
        self.assertEqual(
            [('Service', 'get_minimum_version', ('nova-compute',)),
             ('Service', 'save', ())], self.fake.calls)
