"""APIVersionRequest parsing, comparison and the pinned history."""

import webob

from nova_clone.api.openstack import api_version_request as avr
from nova_clone import exception
from nova_clone.tests import base


class APIVersionRequestTest(base.NoDBTestCase):

    def test_max_version_pinned(self):
        # NOTE: bumping the maximum needs a history line and this change.
        self.assertEqual('2.104', avr._MAX_API_VERSION)
        self.assertEqual('2.1', avr._MIN_API_VERSION)

    def test_history_has_one_line_per_version(self):
        lines = [line for line in avr.REST_API_VERSION_HISTORY.splitlines()
                 if line.startswith('* 2.')]
        versions = [line.split()[1] for line in lines]
        self.assertEqual(['2.%d' % n for n in range(1, 105)], versions)

    def test_parse_and_compare(self):
        self.assertTrue(avr.APIVersionRequest('2.10') >
                        avr.APIVersionRequest('2.9'))
        self.assertEqual(avr.APIVersionRequest('2.0'),
                         avr.APIVersionRequest('2.0'))
        self.assertTrue(avr.APIVersionRequest().is_null())
        for bad in ('2', '2.', '02.1', 'a.b', '2.01', ''):
            self.assertRaises(exception.InvalidAPIVersionString,
                              avr.APIVersionRequest, bad)

    def test_matches(self):
        v = avr.APIVersionRequest('2.55')
        self.assertTrue(v.matches('2.55'))
        self.assertTrue(v.matches('2.1', '2.55'))
        self.assertFalse(v.matches('2.56'))
        self.assertFalse(v.matches(None, '2.54'))
        self.assertTrue(v.matches(None, None))

    def _headers(self, **headers):
        return webob.Request.blank('/', headers=headers).headers

    def test_from_headers(self):
        self.assertEqual('2.1', avr.from_headers(
            self._headers()).get_string())
        self.assertEqual('2.104', avr.from_headers(self._headers(
            **{'OpenStack-API-Version': 'compute latest'})).get_string())
        self.assertEqual('2.5', avr.from_headers(self._headers(
            **{'X-OpenStack-Nova-API-Version': '2.5'})).get_string())
        # another service's version is not ours
        self.assertEqual('2.1', avr.from_headers(self._headers(
            **{'OpenStack-API-Version': 'volume 3.0'})).get_string())
        self.assertRaises(exception.InvalidGlobalAPIVersion,
                          avr.from_headers, self._headers(
                              **{'OpenStack-API-Version': 'compute 2.999'}))

    def test_response_headers(self):
        self.assertEqual({
            'OpenStack-API-Version': 'compute 2.3',
            'X-OpenStack-Nova-API-Version': '2.3',
            'Vary': 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
        }, avr.response_headers(avr.APIVersionRequest('2.3')))
