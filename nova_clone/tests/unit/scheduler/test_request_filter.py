"""Request filters: what each adds to the Placement query."""

import fixtures

from nova_clone import context as nova_context
from nova_clone.exception import build as build_exc
from nova_clone import objects
from nova_clone.scheduler.client.report import resources
from nova_clone.scheduler import request_filter
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes


class RequestFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.ctxt = nova_context.get_admin_context()
        self.request = resources.ResourceRequest()
        self.aggs = [
            fakes.aggregate({'availability_zone': 'az1'}, name='a1'),
            fakes.aggregate({'filter_tenant_id': 'p1,p2'}, name='t1'),
            fakes.aggregate({'filter_tenant_id_2': 'p1'}, name='t2')]
        self.useFixture(fixtures.MockPatch(
            'nova_clone.objects.AggregateList.get_all',
            return_value=objects.AggregateList(objects=self.aggs)))
        self.useFixture(fixtures.MockPatch(
            'nova_clone.objects.AggregateList.get_by_metadata',
            side_effect=lambda ctxt, key, value: [
                a for a in self.aggs if a.metadata.get(key) == value]))

    def test_compute_status(self):
        self.assertTrue(request_filter.compute_status_filter(
            self.ctxt, fakes.spec(), self.request))
        self.assertEqual({'COMPUTE_STATUS_DISABLED'},
                         self.request.root_forbidden)

    def test_az_to_aggregate(self):
        spec = fakes.spec(availability_zone='az1')
        self.assertTrue(request_filter.map_az_to_placement_aggregate(
            self.ctxt, spec, self.request))
        self.assertEqual([{self.aggs[0].uuid}],
                         self.request.unsuffixed.member_of)

    def test_az_without_aggregate_or_disabled(self):
        self.assertFalse(request_filter.map_az_to_placement_aggregate(
            self.ctxt, fakes.spec(availability_zone='nova'), self.request))
        self.assertFalse(request_filter.map_az_to_placement_aggregate(
            self.ctxt, fakes.spec(), self.request))
        self.flags(group='scheduler',
                   query_placement_for_availability_zone=False)
        self.assertFalse(request_filter.map_az_to_placement_aggregate(
            self.ctxt, fakes.spec(availability_zone='az1'), self.request))
        self.assertEqual([], self.request.unsuffixed.member_of)

    def test_tenant_aggregate(self):
        self.flags(group='scheduler',
                   limit_tenants_to_placement_aggregate=True)
        self.assertTrue(request_filter.require_tenant_aggregate(
            self.ctxt, fakes.spec(project_id='p1'), self.request))
        self.assertEqual([{self.aggs[1].uuid, self.aggs[2].uuid}],
                         self.request.unsuffixed.member_of)

    def test_tenant_without_aggregate(self):
        self.flags(group='scheduler',
                   limit_tenants_to_placement_aggregate=True)
        self.assertFalse(request_filter.require_tenant_aggregate(
            self.ctxt, fakes.spec(project_id='p9'), self.request))
        self.flags(group='scheduler',
                   placement_aggregate_required_for_tenants=True)
        self.assertRaises(build_exc.RequestFilterFailed,
                          request_filter.require_tenant_aggregate,
                          self.ctxt, fakes.spec(project_id='p9'),
                          self.request)

    def test_tenant_filter_off(self):
        self.assertFalse(request_filter.require_tenant_aggregate(
            self.ctxt, fakes.spec(project_id='p1'), self.request))

    def test_image_type(self):
        self.flags(group='scheduler',
                   query_placement_for_image_type_support=True)
        spec = fakes.spec(image=fakes.image(disk_format='qcow2'))
        self.assertTrue(request_filter.require_image_type_support(
            self.ctxt, spec, self.request))
        self.assertEqual({'COMPUTE_IMAGE_TYPE_QCOW2'},
                         self.request.root_required)

    def test_image_type_skipped(self):
        self.flags(group='scheduler',
                   query_placement_for_image_type_support=True)
        bfv = fakes.spec(image=fakes.image(disk_format='qcow2'), is_bfv=True)
        odd = fakes.spec(image=fakes.image(disk_format='weird'))
        for spec in (bfv, odd, fakes.spec()):
            self.assertFalse(request_filter.require_image_type_support(
                self.ctxt, spec, self.request))
        self.assertEqual(set(), self.request.root_required)
