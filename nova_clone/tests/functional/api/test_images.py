"""/images and /images/{id}/metadata: Glance's images through the
deprecated proxies (until 2.35 and 2.38)."""

from nova_clone.tests.fixtures import glance as glance_fixture
from nova_clone.tests.functional.api import base

IMAGES = '/v2.1/images'


class ImagesTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.glance = self.useFixture(
            glance_fixture.GlanceFixture(self.conf_fixture))
        self.image_url = '%s/%s' % (IMAGES, self.glance.IMAGE_ID)

    def test_list_is_basic_with_glance_link(self):
        listed = self.api('GET', IMAGES).body['images']
        self.assertEqual(4, len(listed))
        self.assertEqual({'id', 'name', 'links'}, set(listed[0]))
        links = {link['rel']: link for link in listed[0]['links']}
        self.assertEqual({'self', 'bookmark', 'alternate'}, set(links))
        self.assertIn('/v2.1/images/', links['self']['href'])
        self.assertEqual('%s/images/%s' % (self.glance.endpoint,
                                           listed[0]['id']),
                         links['alternate']['href'])
        self.assertEqual('application/vnd.openstack.image',
                         links['alternate']['type'])

    def test_detail_pages(self):
        page = self.api('GET', IMAGES + '/detail?limit=3').body
        self.assertEqual(3, len(page['images']))
        next_href = page['images_links'][0]['href']
        self.assertIn('/images/detail?', next_href)
        self.assertIn('marker=%s' % page['images'][-1]['id'], next_href)
        rest = self.api('GET', IMAGES + '/detail?limit=3&marker=%s'
                        % page['images'][-1]['id']).body
        self.assertEqual(1, len(rest['images']))
        self.assertNotIn('images_links', rest)
        self.assertEqual(4, len({i['id'] for i in page['images'] +
                                 rest['images']}))
        self.assertFault(self.api('GET', IMAGES + '?marker=nope'), 400,
                         'badRequest')
        self.assertEqual(400, self.api('GET', IMAGES + '?limit=-1').status)

    def test_show_fields_and_status_mapping(self):
        image = self.glance.images[self.glance.IMAGE_ID]
        image.update(instance_uuid='srv-1', auto_disk_config='True',
                     image_type='snapshot')
        shown = self.api('GET', self.image_url).body['image']
        self.assertEqual(
            {'id', 'name', 'minRam', 'minDisk', 'progress', 'status',
             'created', 'updated', 'metadata', 'links', 'server',
             'OS-EXT-IMG-SIZE:size', 'OS-DCF:diskConfig'}, set(shown))
        self.assertEqual(('ACTIVE', 100, 0, 0, 25165824, 'AUTO'),
                         (shown['status'], shown['progress'],
                          shown['minRam'], shown['minDisk'],
                          shown['OS-EXT-IMG-SIZE:size'],
                          shown['OS-DCF:diskConfig']))
        self.assertEqual({'instance_uuid': 'srv-1', 'image_type': 'snapshot',
                          'auto_disk_config': 'True'}, shown['metadata'])
        self.assertEqual('srv-1', shown['server']['id'])
        self.assertIn('/servers/srv-1',
                      shown['server']['links'][0]['href'])
        self.assertRegex(shown['created'],
                         r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        queued = self.api('GET', '%s/%s' % (
            IMAGES, self.glance.QUEUED_IMAGE_ID)).body['image']
        self.assertEqual(('SAVING', 25), (queued['status'],
                                          queued['progress']))
        self.assertNotIn('server', queued)
        for glance_status, status, progress in (
                ('saving', 'SAVING', 50), ('killed', 'ERROR', 0),
                ('pending_delete', 'DELETED', 0),
                ('deactivated', 'UNKNOWN', 0)):
            image['status'] = glance_status
            shown = self.api('GET', self.image_url).body['image']
            self.assertEqual((status, progress),
                             (shown['status'], shown['progress']))
        self.assertFault(self.api('GET', IMAGES + '/nope'), 404,
                         'itemNotFound', 'Image not found.')

    def test_filters(self):
        def ids(query):
            return sorted(i['id'] for i in self.api(
                'GET', IMAGES + '/detail?' + query).body['images'])

        self.glance.images[self.glance.BIG_DISK_IMAGE_ID].update(
            instance_uuid='srv-9', image_type='snapshot')
        self.assertEqual([self.glance.BIG_RAM_IMAGE_ID], ids('name=needs-8g'))
        self.assertEqual([self.glance.QUEUED_IMAGE_ID], ids('status=QUEUED'))
        self.assertEqual([self.glance.BIG_DISK_IMAGE_ID],
                         ids('server=http://x/v2.1/servers/srv-9'))
        self.assertEqual([self.glance.BIG_DISK_IMAGE_ID],
                         ids('type=snapshot'))
        self.assertEqual([self.glance.BIG_RAM_IMAGE_ID], ids('minRam=8192'))
        self.assertEqual([self.glance.BIG_DISK_IMAGE_ID], ids('minDisk=100'))
        self.assertEqual([self.glance.BIG_DISK_IMAGE_ID],
                         ids('property-image_type=snapshot'))
        self.assertEqual([], ids('changes-since=2999-01-01T00:00:00Z'))
        self.assertEqual(4, len(ids('unknown=ignored')))

    def test_delete(self):
        self.glance.images[self.glance.BIG_RAM_IMAGE_ID]['protected'] = True
        self.assertFault(self.api('DELETE', '%s/%s' % (
            IMAGES, self.glance.BIG_RAM_IMAGE_ID)), 403, 'forbidden')
        self.assertEqual(204, self.api('DELETE', self.image_url).status)
        self.assertNotIn(self.glance.IMAGE_ID, self.glance.images)
        self.assertFault(self.api('DELETE', self.image_url), 404,
                         'itemNotFound')

    def test_gone_from_2_36(self):
        self.assertEqual(200, self.api('GET', IMAGES, version='2.35').status)
        for method, path in (('GET', IMAGES), ('GET', IMAGES + '/detail'),
                             ('GET', self.image_url),
                             ('DELETE', self.image_url)):
            self.assertEqual(404, self.api(method, path,
                                           version='2.36').status)
        self.assertIn(self.glance.IMAGE_ID, self.glance.images)


class ImageMetadataTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.glance = self.useFixture(
            glance_fixture.GlanceFixture(self.conf_fixture))
        self.glance.images[self.glance.IMAGE_ID].update(
            kernel_id='k1', ramdisk_id='r1')
        self.url = '%s/%s/metadata' % (IMAGES, self.glance.IMAGE_ID)

    def _stored(self):
        image = self.glance.images[self.glance.IMAGE_ID]
        return {k: v for k, v in image.items()
                if k in ('kernel_id', 'ramdisk_id', 'a', 'b')}

    def test_index_and_show(self):
        self.assertEqual({'metadata': {'kernel_id': 'k1',
                                       'ramdisk_id': 'r1'}},
                         self.api('GET', self.url).body)
        self.assertEqual({'meta': {'kernel_id': 'k1'}},
                         self.api('GET', self.url + '/kernel_id').body)
        self.assertFault(self.api('GET', self.url + '/nope'), 404,
                         'itemNotFound')
        self.assertFault(self.api('GET', '%s/nope/metadata' % IMAGES), 404,
                         'itemNotFound', 'Image not found.')

    def test_create_merges_and_update_all_replaces(self):
        resp = self.api('POST', self.url, {'metadata': {'a': '1',
                                                        'kernel_id': 'k2'}})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual({'kernel_id': 'k2', 'ramdisk_id': 'r1', 'a': '1'},
                         resp.body['metadata'])
        self.assertEqual({'kernel_id': 'k2', 'ramdisk_id': 'r1', 'a': '1'},
                         self._stored())
        resp = self.api('PUT', self.url, {'metadata': {'b': '2'}})
        self.assertEqual({'metadata': {'b': '2'}}, resp.body)
        self.assertEqual({'b': '2'}, self._stored())
        self.assertEqual(400, self.api('PUT', self.url,
                                       {'meta': {'b': '2'}}).status)

    def test_update_one_item_and_delete(self):
        resp = self.api('PUT', self.url + '/a', {'meta': {'a': 'x'}})
        self.assertEqual({'meta': {'a': 'x'}}, resp.body)
        self.assertEqual('x', self._stored()['a'])
        self.assertFault(self.api('PUT', self.url + '/a',
                                  {'meta': {'b': 'x'}}), 400, 'badRequest',
                         'Request body and URI mismatch')
        self.assertEqual(400, self.api('PUT', self.url + '/a', {
            'meta': {'a': 'x', 'b': 'y'}}).status)
        self.assertEqual(204, self.api('DELETE',
                                       self.url + '/kernel_id').status)
        self.assertNotIn('kernel_id', self._stored())
        self.assertFault(self.api('DELETE', self.url + '/kernel_id'), 404,
                         'itemNotFound')

    def test_quota_and_gone_from_2_39(self):
        self.flags(metadata_items=2, group='quota')
        self.assertFault(self.api('POST', self.url, {'metadata': {'a': '1'}}),
                         403, 'forbidden', 'Image metadata limit exceeded')
        self.assertEqual(200, self.api('GET', self.url,
                                       version='2.38').status)
        self.assertEqual(404, self.api('GET', self.url,
                                       version='2.39').status)
        self.assertEqual(404, self.api('DELETE', self.url + '/kernel_id',
                                       version='2.39').status)
        self.assertIn('kernel_id', self._stored())
