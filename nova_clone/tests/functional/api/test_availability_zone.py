"""/os-availability-zone over HTTP with two computes in two zones."""

from nova_clone.tests.functional.api import servers_base

AZ = '/v2.1/os-availability-zone'


class AvailabilityZoneTest(servers_base.ServersApiTestBase):

    def test_zones_from_aggregates_detail_and_disabled_zone(self):
        resp = self.api('POST', '/v2.1/os-aggregates', {'aggregate': {
            'name': 'a1', 'availability_zone': 'zone-a'}})
        agg_id = resp.body['aggregate']['id']
        self.api('POST', '/v2.1/os-aggregates/%s/action' % agg_id,
                 {'add_host': {'host': 'host2'}})
        listed = self.api('GET', AZ, user='demo', project='p1'
                          ).body['availabilityZoneInfo']
        self.assertEqual([('nova', True), ('zone-a', True)],
                         [(z['zoneName'], z['zoneState']['available'])
                          for z in listed])
        self.assertIsNone(listed[0]['hosts'])
        self.assertEqual(403, self.api('GET', AZ + '/detail', user='demo',
                                       project='p1').status)
        detail = {z['zoneName']: z for z in self.api(
            'GET', AZ + '/detail').body['availabilityZoneInfo']}
        self.assertEqual({'internal', 'nova', 'zone-a'}, set(detail))
        self.assertEqual({'host2'}, set(detail['zone-a']['hosts']))
        service = detail['zone-a']['hosts']['host2']['nova-compute']
        self.assertTrue(service['available'])
        self.assertIn('nova-conductor', detail['internal']['hosts'][
            'conductor'])
        # A server may be booted into the zone; an unknown zone is a 400.
        self.builder.create_flavor(name='f1', flavorid='1')
        server_id = self.boot(availability_zone='zone-a').body['server'][
            'id']
        server = self.wait_for_server(server_id, 'ACTIVE')
        self.assertEqual('host2', server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('zone-a', server['OS-EXT-AZ:availability_zone'])
        self.boot(availability_zone='zone-b', expect=400)
