"""/os-availability-zone over HTTP with two computes in two zones."""

from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.tests.functional.api import servers_base

AZ = '/v2.1/os-availability-zone'


class AvailabilityZoneTest(servers_base.ServersApiTestBase):

    def _zone_host2(self, zone='zone-a'):
        resp = self.api('POST', '/v2.1/os-aggregates', {'aggregate': {
            'name': 'a1', 'availability_zone': zone}})
        agg_id = resp.body['aggregate']['id']
        self.api('POST', '/v2.1/os-aggregates/%s/action' % agg_id,
                 {'add_host': {'host': 'host2'}})

    def _set_disabled(self, host, disabled=True):
        with nova_context.target_cell(self.admin, self.cell1) as cctxt:
            service = objects.Service.get_by_args(cctxt, host,
                                                  'nova-compute')
            service.disabled = disabled
            service.save()

    def _zones(self, path=AZ, **kw):
        resp = self.api('GET', path, **kw)
        self.assertEqual(200, resp.status, resp.text)
        return resp.body['availabilityZoneInfo']

    def test_list_without_aggregates_is_the_default_zone(self):
        self.assertEqual([{'zoneName': 'nova',
                           'zoneState': {'available': True},
                           'hosts': None}],
                         self._zones(user='demo', project='p1'))

    def test_zones_from_aggregates_and_detail(self):
        self._zone_host2()
        listed = self._zones(user='demo', project='p1')
        self.assertEqual([('nova', True), ('zone-a', True)],
                         [(z['zoneName'], z['zoneState']['available'])
                          for z in listed])
        self.assertIsNone(listed[0]['hosts'])
        self.assertEqual(403, self.api('GET', AZ + '/detail', user='demo',
                                       project='p1').status)
        detail = {z['zoneName']: z for z in self._zones(AZ + '/detail')}
        self.assertEqual({'internal', 'nova', 'zone-a'}, set(detail))
        self.assertEqual({'host2'}, set(detail['zone-a']['hosts']))
        self.assertEqual({'host1'}, set(detail['nova']['hosts']))
        service = detail['zone-a']['hosts']['host2']['nova-compute']
        self.assertEqual({'available', 'active', 'updated_at'}, set(service))
        self.assertTrue(service['available'])
        self.assertTrue(service['active'])
        internal = detail['internal']['hosts']
        self.assertIn('nova-conductor', internal['conductor'])
        self.assertIn('nova-scheduler', internal['scheduler'])
        self.assertEqual({'available': True},
                         detail['internal']['zoneState'])

    def test_disabled_zone_is_unavailable(self):
        self._zone_host2()
        self._set_disabled('host2')
        listed = self._zones()
        self.assertEqual([('nova', True), ('zone-a', False)],
                         [(z['zoneName'], z['zoneState']['available'])
                          for z in listed])
        detail = {z['zoneName']: z for z in self._zones(AZ + '/detail')}
        self.assertIsNone(detail['zone-a']['hosts'])
        self.assertEqual({'available': False}, detail['zone-a']['zoneState'])
        self._set_disabled('host2', False)
        self.assertTrue(all(z['zoneState']['available']
                            for z in self._zones()))

    def test_internal_zone_name_from_config(self):
        self.flags(internal_service_availability_zone='control',
                   default_availability_zone='compute-az')
        names = [z['zoneName'] for z in self._zones(AZ + '/detail')]
        self.assertEqual(['compute-az', 'control'], names)
        self.assertEqual(['compute-az'],
                         [z['zoneName'] for z in self._zones()])

    def test_boot_into_zone(self):
        self._zone_host2()
        self.builder.create_flavor(name='f1', flavorid='1')
        server_id = self.boot(availability_zone='zone-a').body['server'][
            'id']
        server = self.wait_for_server(server_id, 'ACTIVE')
        self.assertEqual('host2', server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('zone-a', server['OS-EXT-AZ:availability_zone'])
        self.boot(availability_zone='zone-b', expect=400)
