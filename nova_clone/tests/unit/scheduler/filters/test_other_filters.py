"""NumInstances, IoOps (and their aggregate variants), IsolatedHosts,
AggregateMultiTenancyIsolation and AggregateImagePropertiesIsolation.
"""

from nova_clone.scheduler.filters import aggregate_image_properties_isolation
from nova_clone.scheduler.filters import aggregate_multitenancy_isolation
from nova_clone.scheduler.filters import io_ops_filter
from nova_clone.scheduler.filters import isolated_hosts_filter
from nova_clone.scheduler.filters import num_instances_filter
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class CountFiltersTestCase(base.NoDBTestCase):

    def test_num_instances(self):
        self.flags(group='filter_scheduler', max_instances_per_host=2)
        filt = num_instances_filter.NumInstancesFilter()
        spec = fakes.spec()
        self.assertTrue(filt.host_passes(
            fakes.host_state(num_instances=1), spec))
        self.assertFalse(filt.host_passes(
            fakes.host_state(num_instances=2), spec))

    def test_aggregate_num_instances(self):
        self.flags(group='filter_scheduler', max_instances_per_host=10)
        filt = num_instances_filter.AggregateNumInstancesFilter()
        aggs = [fakes.aggregate({'max_instances_per_host': '3'}),
                fakes.aggregate({'max_instances_per_host': '2'})]
        spec = fakes.spec()
        self.assertFalse(filt.host_passes(
            fakes.host_state(num_instances=2, aggregates=aggs), spec))
        self.assertTrue(filt.host_passes(
            fakes.host_state(num_instances=1, aggregates=aggs), spec))
        # A broken value falls back to the option.
        bad = [fakes.aggregate({'max_instances_per_host': 'many'})]
        self.assertTrue(filt.host_passes(
            fakes.host_state(num_instances=5, aggregates=bad), spec))

    def test_io_ops(self):
        self.flags(group='filter_scheduler', max_io_ops_per_host=8)
        filt = io_ops_filter.IoOpsFilter()
        spec = fakes.spec()
        self.assertTrue(filt.host_passes(fakes.host_state(num_io_ops=7),
                                         spec))
        self.assertFalse(filt.host_passes(fakes.host_state(num_io_ops=8),
                                          spec))

    def test_aggregate_io_ops(self):
        filt = io_ops_filter.AggregateIoOpsFilter()
        aggs = [fakes.aggregate({'max_io_ops_per_host': '1'})]
        spec = fakes.spec()
        self.assertFalse(filt.host_passes(
            fakes.host_state(num_io_ops=1, aggregates=aggs), spec))
        self.assertTrue(filt.host_passes(
            fakes.host_state(num_io_ops=0, aggregates=aggs), spec))


class IsolatedHostsFilterTestCase(base.NoDBTestCase):

    def _passes(self, host, image_id, isolated_images=(IMAGE_ID,),
                restrict=True):
        self.flags(group='filter_scheduler', isolated_hosts=['iso'],
                   isolated_images=list(isolated_images),
                   restrict_isolated_hosts_to_isolated_images=restrict)
        spec = fakes.spec(image=fakes.image(id=image_id) if image_id
                          else fakes.image())
        return isolated_hosts_filter.IsolatedHostsFilter().host_passes(
            fakes.host_state(host), spec)

    def test_restricted_matrix(self):
        other = 'a1b2c3d4-0000-4000-8000-000000000000'
        self.assertTrue(self._passes('iso', IMAGE_ID))
        self.assertFalse(self._passes('iso', other))
        self.assertFalse(self._passes('plain', IMAGE_ID))
        self.assertTrue(self._passes('plain', other))

    def test_unrestricted_matrix(self):
        other = 'a1b2c3d4-0000-4000-8000-000000000000'
        self.assertTrue(self._passes('iso', IMAGE_ID, restrict=False))
        self.assertTrue(self._passes('iso', other, restrict=False))
        self.assertFalse(self._passes('plain', IMAGE_ID, restrict=False))
        self.assertTrue(self._passes('plain', other, restrict=False))

    def test_no_isolated_images(self):
        self.assertFalse(self._passes('iso', None, isolated_images=()))
        self.assertTrue(self._passes('plain', None, isolated_images=()))
        self.assertTrue(self._passes('iso', None, isolated_images=(),
                                     restrict=False))

    def test_volume_backed_without_image_id(self):
        self.assertFalse(self._passes('iso', None))
        self.assertTrue(self._passes('plain', None))


class MultiTenancyIsolationTestCase(base.NoDBTestCase):

    def _passes(self, project_id, *metadatas):
        filt = aggregate_multitenancy_isolation.\
            AggregateMultiTenancyIsolation()
        host = fakes.host_state(
            aggregates=[fakes.aggregate(md) for md in metadatas])
        return filt.host_passes(host, fakes.spec(project_id=project_id))

    def test_no_tenant_metadata(self):
        self.assertTrue(self._passes('p1', {'foo': 'bar'}))
        self.assertTrue(self._passes('p1'))

    def test_listed_tenant(self):
        self.assertTrue(self._passes('p1', {'filter_tenant_id': 'p0,p1'}))
        self.assertTrue(self._passes('p1', {'filter_tenant_id': 'p0',
                                            'filter_tenant_id2': 'p1'}))

    def test_other_tenant(self):
        self.assertFalse(self._passes('p2', {'filter_tenant_id': 'p0,p1'}))


class ImagePropertiesIsolationTestCase(base.NoDBTestCase):

    def _passes(self, props, metadata):
        filt = aggregate_image_properties_isolation.\
            AggregateImagePropertiesIsolation()
        host = fakes.host_state(aggregates=[fakes.aggregate(metadata)])
        return filt.host_passes(host, fakes.spec(image=fakes.image(props)))

    def test_matching_property(self):
        self.assertTrue(self._passes({'os_distro': 'ubuntu'},
                                     {'os_distro': 'ubuntu'}))

    def test_mismatching_property(self):
        self.assertFalse(self._passes({'os_distro': 'fedora'},
                                      {'os_distro': 'ubuntu'}))

    def test_image_without_property(self):
        self.assertTrue(self._passes({}, {'os_distro': 'ubuntu'}))

    def test_namespace(self):
        self.flags(group='filter_scheduler',
                   aggregate_image_properties_isolation_namespace='os',
                   aggregate_image_properties_isolation_separator='_')
        self.assertFalse(self._passes({'os_distro': 'fedora'},
                                      {'os_distro': 'ubuntu'}))
        self.assertTrue(self._passes({'hw_disk_bus': 'scsi'},
                                     {'hw_disk_bus': 'virtio'}))
