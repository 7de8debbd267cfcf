"""Key pair fingerprints and generation."""

import hashlib
import base64

from nova_clone.api.openstack.compute import keypair_crypto
from nova_clone import exception
from nova_clone.tests import base


class KeypairCryptoTest(base.NoDBTestCase):

    def test_generated_key_round_trips(self):
        private, public, fingerprint = keypair_crypto.generate_key_pair(
            bits=1024)
        self.assertTrue(private.startswith('-----BEGIN RSA PRIVATE KEY'))
        kind, blob, comment = public.split()
        self.assertEqual(('ssh-rsa', 'Generated-by-Nova'), (kind, comment))
        digest = hashlib.md5(base64.b64decode(blob)).hexdigest()
        self.assertEqual(fingerprint.replace(':', ''), digest)
        self.assertEqual(fingerprint,
                         keypair_crypto.generate_fingerprint(public))

    def test_bad_keys(self):
        for bad in ('', 'ssh-rsa', 'ssh-rsa !!!', 'ssh-foo AAAA',
                    'ssh-rsa AAAAB3NzaC1yc2E='):
            self.assertRaises(exception.InvalidKeypair,
                              keypair_crypto.generate_fingerprint, bad)
        self.assertRaises(exception.InvalidKeypair,
                          keypair_crypto.generate_x509_fingerprint,
                          '-----BEGIN CERTIFICATE-----\nAAAA\n'
                          '-----END CERTIFICATE-----')
