"""ComputeFilter, AvailabilityZoneFilter, ComputeCapabilitiesFilter,
AggregateInstanceExtraSpecsFilter and AllHostsFilter.
"""

import datetime
from unittest import mock

from oslo_utils import timeutils

from nova_clone.scheduler.filters import aggregate_instance_extra_specs
from nova_clone.scheduler.filters import all_hosts_filter
from nova_clone.scheduler.filters import availability_zone_filter
from nova_clone.scheduler.filters import compute_capabilities_filter
from nova_clone.scheduler.filters import compute_filter
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes


class ComputeFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = compute_filter.ComputeFilter()
        self.spec = fakes.spec()

    def _host(self, **service):
        values = {'disabled': False, 'forced_down': False,
                  'updated_at': timeutils.utcnow(with_timezone=False)}
        values.update(service)
        return fakes.host_state(service=values)

    def test_passes_enabled_and_up(self):
        self.assertTrue(self.filt.host_passes(self._host(), self.spec))

    def test_fails_disabled(self):
        host = self._host(disabled=True, disabled_reason='maintenance')
        self.assertFalse(self.filt.host_passes(host, self.spec))

    def test_fails_down(self):
        old = timeutils.utcnow(with_timezone=False) - datetime.timedelta(
            hours=1)
        host = self._host(updated_at=old)
        self.assertFalse(self.filt.host_passes(host, self.spec))

    def test_fails_forced_down(self):
        self.assertFalse(self.filt.host_passes(self._host(forced_down=True),
                                               self.spec))

    def test_runs_once_per_request_and_not_on_rebuild(self):
        self.assertFalse(self.filt.run_filter_for_index(1))
        self.assertTrue(self.filt.run_filter_for_index(0))
        spec = fakes.spec(scheduler_hints={'_nova_check_type': ['rebuild']})
        host = self._host(disabled=True)
        self.assertEqual([host], list(self.filt.filter_all([host], spec)))


class AvailabilityZoneFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = availability_zone_filter.AvailabilityZoneFilter()

    def _host(self, zone=None):
        aggs = [fakes.aggregate({'availability_zone': zone})] if zone else []
        return fakes.host_state(aggregates=aggs)

    def test_no_zone_requested(self):
        self.assertTrue(self.filt.host_passes(self._host('az1'),
                                              fakes.spec()))

    def test_zone_matches_aggregate(self):
        spec = fakes.spec(availability_zone='az1')
        self.assertTrue(self.filt.host_passes(self._host('az1'), spec))

    def test_zone_differs(self):
        spec = fakes.spec(availability_zone='az2')
        self.assertFalse(self.filt.host_passes(self._host('az1'), spec))

    def test_default_zone_for_host_without_zone(self):
        self.flags(default_availability_zone='nova')
        self.assertTrue(self.filt.host_passes(
            self._host(), fakes.spec(availability_zone='nova')))
        self.assertFalse(self.filt.host_passes(
            self._host(), fakes.spec(availability_zone='az1')))


class ComputeCapabilitiesFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = compute_capabilities_filter.ComputeCapabilitiesFilter()

    def _passes(self, extra_specs, **host_attrs):
        host = fakes.host_state(**host_attrs)
        spec = fakes.spec(fakes.flavor(extra_specs=extra_specs))
        return self.filt.host_passes(host, spec)

    def test_no_extra_specs(self):
        self.assertTrue(self._passes({}))

    def test_scoped_attribute_matches(self):
        self.assertTrue(self._passes(
            {'capabilities:hypervisor_type': 's== kvm'},
            hypervisor_type='kvm'))

    def test_scoped_attribute_mismatch(self):
        self.assertFalse(self._passes(
            {'capabilities:hypervisor_type': 's== kvm'},
            hypervisor_type='qemu'))

    def test_numeric_operator(self):
        self.assertTrue(self._passes({'capabilities:free_ram_mb': '>= 512'},
                                     free_ram_mb=1024))
        self.assertFalse(self._passes({'capabilities:free_ram_mb': '>= 512'},
                                      free_ram_mb=256))

    def test_missing_capability_fails(self):
        self.assertFalse(self._passes({'capabilities:no_such_thing': '1'}))

    def test_stats_lookup(self):
        self.assertTrue(self._passes({'capabilities:gpu': '<in> tesla'},
                                     stats={'gpu': 'nvidia tesla'}))
        self.assertFalse(self._passes({'capabilities:gpu': '<in> tesla'},
                                      stats={'gpu': 'amd'}))

    def test_json_cpu_info_path(self):
        cpu_info = '{"arch": "x86_64", "features": ["aes", "mmx"]}'
        self.assertTrue(self._passes(
            {'capabilities:cpu_info:arch': 'x86_64'}, cpu_info=cpu_info))
        self.assertFalse(self._passes(
            {'capabilities:cpu_info:arch': 'aarch64'}, cpu_info=cpu_info))
        self.assertFalse(self._passes(
            {'capabilities:cpu_info:arch': 'x86_64'}, cpu_info='not json'))

    def test_unscoped_key_known_to_host(self):
        self.assertTrue(self._passes({'hypervisor_type': 'kvm'},
                                     hypervisor_type='kvm'))
        self.assertFalse(self._passes({'hypervisor_type': 'kvm'},
                                      hypervisor_type='qemu'))

    def test_unscoped_unknown_and_other_scopes_ignored(self):
        self.assertTrue(self._passes({'unknown_key': 'x',
                                      'hw:cpu_policy': 'dedicated',
                                      'resources:VCPU': '2'}))


class AggregateInstanceExtraSpecsFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = \
            aggregate_instance_extra_specs.AggregateInstanceExtraSpecsFilter()

    def _passes(self, extra_specs, *metadatas):
        host = fakes.host_state(
            aggregates=[fakes.aggregate(md) for md in metadatas])
        spec = fakes.spec(fakes.flavor(extra_specs=extra_specs))
        return self.filt.host_passes(host, spec)

    def test_no_extra_specs(self):
        self.assertTrue(self._passes({}, {'ssd': 'true'}))

    def test_scoped_match(self):
        self.assertTrue(self._passes(
            {'aggregate_instance_extra_specs:ssd': 'true'}, {'ssd': 'true'}))

    def test_scoped_mismatch(self):
        self.assertFalse(self._passes(
            {'aggregate_instance_extra_specs:ssd': 'true'},
            {'ssd': 'false'}))

    def test_missing_key_fails(self):
        self.assertFalse(self._passes(
            {'aggregate_instance_extra_specs:ssd': 'true'}, {}))

    def test_unscoped_key_checked(self):
        self.assertTrue(self._passes({'ssd': 'true'}, {'ssd': 'true'}))
        self.assertFalse(self._passes({'ssd': 'true'}, {}))

    def test_other_scopes_ignored(self):
        self.assertTrue(self._passes({'hw:cpu_policy': 'dedicated'}, {}))

    def test_any_aggregate_value_may_match(self):
        self.assertTrue(self._passes({'speed': '>= 10'},
                                     {'speed': '1'}, {'speed': '40'}))
        self.assertFalse(self._passes({'speed': '>= 10'},
                                      {'speed': '1'}, {'speed': '5'}))


class AllHostsFilterTestCase(base.NoDBTestCase):

    def test_passes(self):
        self.assertTrue(all_hosts_filter.AllHostsFilter().host_passes(
            fakes.host_state(), fakes.spec()))


class ComputeFilterPerServiceTestCase(base.NoDBTestCase):

    def test_nodes_of_one_service_ask_once(self):
        filt = compute_filter.ComputeFilter()
        service = {'host': 'host1', 'disabled': False, 'forced_down': False,
                   'updated_at': timeutils.utcnow(with_timezone=False)}
        hosts = [fakes.host_state('host1', node='n%d' % i, service=service)
                 for i in range(3)]
        other = fakes.host_state('host2')
        with mock.patch.object(filt.servicegroup_api, 'service_is_up',
                               return_value=True) as is_up:
            self.assertEqual(hosts + [other], list(filt.filter_all(
                hosts + [other], fakes.spec())))
        self.assertEqual(2, is_up.call_count)
