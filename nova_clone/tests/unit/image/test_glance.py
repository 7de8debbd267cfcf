"""The Glance client against the in-process Glance fixture."""

import os
import socket
from unittest import mock

import fixtures

from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.image import glance
from nova_clone.tests import base
from nova_clone.tests.fixtures import glance as glance_fixture


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class GlanceClientTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.glance = self.useFixture(
            glance_fixture.GlanceFixture(self.conf_fixture))
        self.api = glance.API()
        self.ctxt = nova_context.RequestContext(
            user_id='u1', project_id='p1', auth_token='tok')

    def test_get_splits_core_attributes_and_properties(self):
        self.glance.images[self.glance.IMAGE_ID]['hw_disk_bus'] = 'scsi'
        image = self.api.get(self.ctxt, self.glance.IMAGE_ID)
        self.assertEqual('active', image['status'])
        self.assertEqual(0, image['min_ram'])
        self.assertEqual('qcow2', image['disk_format'])
        self.assertEqual({'hw_disk_bus': 'scsi'}, image['properties'])
        self.assertTrue(image['is_public'])
        self.assertFalse(image['deleted'])
        self.assertEqual(8192, self.api.get(
            self.ctxt, self.glance.BIG_RAM_IMAGE_ID)['min_ram'])

    def test_get_unknown_is_image_not_found(self):
        self.assertRaises(exception.ImageNotFound, self.api.get,
                          self.ctxt, 'no-such-image')

    def test_token_is_sent(self):
        seen = []
        app = self.glance.app

        def spy(environ, start_response):
            seen.append(environ.get('HTTP_X_AUTH_TOKEN'))
            return app(environ, start_response)

        self.glance.server.set_app(spy)
        self.api.get(self.ctxt, self.glance.IMAGE_ID)
        self.assertEqual(['tok'], seen)

    def test_get_all_pages_with_limit_and_marker(self):
        everything = self.api.get_all(self.ctxt)
        self.assertEqual(4, len(everything))
        first = self.api.get_all(self.ctxt, limit=3)
        rest = self.api.get_all(self.ctxt, limit=3,
                                marker=first[-1]['id'])
        self.assertEqual([i['id'] for i in everything],
                         [i['id'] for i in first + rest])
        self.assertEqual(1, len(rest))
        self.assertRaises(exception.ImageBadRequest, self.api.get_all,
                          self.ctxt, marker='no-such-image')

    def test_get_all_translates_filters_and_sorts(self):
        self.glance.images[self.glance.BIG_DISK_IMAGE_ID][
            'instance_uuid'] = 'srv-1'
        by_prop = self.api.get_all(
            self.ctxt, filters={'property-instance_uuid': 'srv-1'})
        self.assertEqual([self.glance.BIG_DISK_IMAGE_ID],
                         [i['id'] for i in by_prop])
        queued = self.api.get_all(self.ctxt, filters={'status': 'queued'})
        self.assertEqual([self.glance.QUEUED_IMAGE_ID],
                         [i['id'] for i in queued])
        self.assertEqual([], self.api.get_all(
            self.ctxt, filters={'changes-since': '2999-01-01T00:00:00Z'}))
        names = [i['name'] for i in self.api.get_all(
            self.ctxt, sort_key='name', sort_dir='asc')]
        self.assertEqual(sorted(names), names)

    def test_create_update_upload_download_delete(self):
        image = self.api.create(self.ctxt, {
            'name': 'snap', 'disk_format': 'raw', 'container_format': 'bare',
            'properties': {'instance_uuid': 'srv-1', 'image_type':
                           'snapshot'}})
        self.assertEqual('queued', image['status'])
        self.assertEqual('snapshot', image['properties']['image_type'])
        updated = self.api.update(self.ctxt, image['id'], {'a': 'b'},
                                  remove=['image_type'])
        self.assertEqual({'instance_uuid': 'srv-1', 'a': 'b'},
                         updated['properties'])
        self.api.upload(self.ctxt, image['id'], b'x' * 100000)
        shown = self.api.get(self.ctxt, image['id'])
        self.assertEqual(('active', 100000), (shown['status'],
                                              shown['size']))
        self.assertEqual(b'x' * 100000, b''.join(
            self.api.download(self.ctxt, image['id'])))
        dst = os.path.join(self.useFixture(
            fixtures.TempDir()).path, 'disk')
        self.assertIsNone(self.api.download(self.ctxt, image['id'],
                                            dst_path=dst))
        with open(dst, 'rb') as data:
            self.assertEqual(100000, len(data.read()))
        self.api.delete(self.ctxt, image['id'])
        self.assertRaises(exception.ImageNotFound, self.api.delete,
                          self.ctxt, image['id'])

    def test_create_with_data_returns_active_image(self):
        image = self.api.create(self.ctxt, {'name': 'x'}, data=b'abc')
        self.assertEqual(('active', 3), (image['status'], image['size']))

    def test_protected_delete_is_not_authorized(self):
        self.glance.images[self.glance.IMAGE_ID]['protected'] = True
        self.assertRaises(exception.ImageNotAuthorized, self.api.delete,
                          self.ctxt, self.glance.IMAGE_ID)

    def test_endpoint(self):
        self.assertEqual(self.glance.endpoint, self.api.endpoint(self.ctxt))

    @mock.patch('nova_clone.concurrency.sleep')
    def test_api_servers_are_tried_in_turn(self, sleep):
        dead = 'http://127.0.0.1:%d' % _free_port()
        self.flags(endpoint_override=None, group='glance')
        self.flags(api_servers=[dead, self.glance.endpoint], group='glance')
        image = self.api.get(self.ctxt, self.glance.IMAGE_ID)
        self.assertEqual(self.glance.IMAGE_ID, image['id'])
        self.assertEqual(1, sleep.call_count)
        # The next call starts with the server that answered.
        self.api.get(self.ctxt, self.glance.IMAGE_ID)
        self.assertEqual(1, sleep.call_count)

    @mock.patch('nova_clone.concurrency.sleep')
    def test_connection_failure_after_retries(self, sleep):
        self.flags(endpoint_override='http://127.0.0.1:%d' % _free_port(),
                   group='glance')
        self.flags(num_retries=2, group='glance')
        self.assertRaises(exception.GlanceConnectionFailed, self.api.get,
                          self.ctxt, self.glance.IMAGE_ID)
        self.assertEqual(2, sleep.call_count)

    def test_no_endpoint_is_connection_failure(self):
        self.flags(endpoint_override=None, group='glance')
        self.assertRaises(exception.GlanceConnectionFailed, self.api.get,
                          self.ctxt, self.glance.IMAGE_ID)

    def test_catalog_endpoint_is_used(self):
        self.flags(endpoint_override=None, group='glance')
        ctxt = nova_context.RequestContext(
            user_id='u1', project_id='p1', auth_token='tok',
            service_catalog=[{'type': 'image', 'endpoints': [
                {'interface': 'public', 'url': self.glance.endpoint}]}])
        self.assertEqual(self.glance.IMAGE_ID,
                         self.api.get(ctxt, self.glance.IMAGE_ID)['id'])


class ContextCatalogTest(base.NoDBTestCase):
    """The image endpoint from either catalog layout keystone hands out."""

    def endpoint(self, catalog, interface=None):
        ctx = mock.Mock(auth_token='tok', service_catalog=catalog)
        return glance._ContextAuth(ctx).get_endpoint(
            None, service_type='image', interface=interface,
            region_name='RegionOne')

    def test_v2_layout_from_keystonemiddleware(self):
        catalog = [{'type': 'image', 'name': 'glance', 'endpoints': [
            {'region': 'RegionOne', 'publicURL': 'http://pub:9292',
             'internalURL': 'http://int:9292'}]}]
        self.assertEqual('http://int:9292', self.endpoint(catalog))
        self.assertEqual('http://pub:9292',
                         self.endpoint(catalog, ['public', 'internal']))

    def test_v3_layout_and_missing_service(self):
        catalog = [{'type': 'image', 'endpoints': [
            {'region': 'RegionOne', 'interface': 'public',
             'url': 'http://pub:9292'}]}]
        self.assertEqual('http://pub:9292', self.endpoint(catalog))
        self.assertIsNone(self.endpoint([{'type': 'placement',
                                          'endpoints': []}]))
