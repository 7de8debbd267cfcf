"""The legacy /extensions list over HTTP."""

from nova_clone.tests.functional.api import base


class ExtensionsTest(base.ApiTestCase):

    def test_list_and_show(self):
        extensions = self.api('GET', '/v2.1/extensions').body['extensions']
        self.assertIn('Hosts', [e['name'] for e in extensions])
        aliases = [e['alias'] for e in extensions]
        self.assertEqual(len(aliases), len(set(aliases)))
        resp = self.api('GET', '/v2.1/extensions/os-consoles', user='bob',
                        project='p1')
        self.assertEqual('os-consoles', resp.body['extension']['alias'])
        self.assertEqual(404, self.api('GET',
                                       '/v2.1/extensions/os-nope').status)
