"""/images: Glance's images through the deprecated proxy (until 2.35)."""

from nova_clone.tests.fixtures import glance as glance_fixture
from nova_clone.tests.functional.api import base

IMAGES = '/v2.1/images'


class ImagesTest(base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.glance = self.useFixture(
            glance_fixture.GlanceFixture(self.conf_fixture))

    def test_list_detail_show_delete_and_gone_at_236(self):
        listed = self.api('GET', IMAGES).body['images']
        self.assertEqual(4, len(listed))
        self.assertEqual({'id', 'name', 'links'}, set(listed[0]))
        page = self.api('GET', IMAGES + '/detail?limit=2').body
        self.assertEqual(2, len(page['images']))
        self.assertIn('images_links', page)
        shown = self.api('GET', '%s/%s' % (IMAGES, self.glance.IMAGE_ID)
                         ).body['image']
        self.assertEqual(('ACTIVE', 100, 0), (shown['status'],
                                              shown['progress'],
                                              shown['minRam']))
        queued = self.api('GET', '%s/%s' % (
            IMAGES, self.glance.QUEUED_IMAGE_ID)).body['image']
        self.assertEqual('SAVING', queued['status'])
        only = self.api('GET', IMAGES + '?name=needs-8g').body['images']
        self.assertEqual([self.glance.BIG_RAM_IMAGE_ID],
                         [i['id'] for i in only])
        self.assertFault(self.api('GET', IMAGES + '/nope'), 404,
                         'itemNotFound')
        self.assertEqual(404, self.api('GET', IMAGES, version='2.36').status)
        self.assertEqual(204, self.api(
            'DELETE', '%s/%s' % (IMAGES, self.glance.IMAGE_ID)).status)
        self.assertNotIn(self.glance.IMAGE_ID, self.glance.images)
