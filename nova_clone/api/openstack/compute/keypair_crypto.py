"""Key pair cryptography: fingerprints, SSH key generation, x509 certs.

Pure Python for SSH (parsing the OpenSSH wire format, an RSA key pair
from Miller-Rabin primes, PKCS#1 DER by hand) so the API needs no crypto
library; ``openssl`` makes the x509 certificates of ``type=x509`` keys.
"""

import base64
import binascii
import hashlib
import os
import secrets
import struct
import subprocess
import tempfile

from nova_clone import exception
from nova_clone.i18n import _

RSA_BITS = 2048
RSA_EXPONENT = 65537
_KEY_COMMENT = 'Generated-by-Nova'

# NOTE: the key types an OpenSSH server accepts, and what follows the
# type string in each blob ('s' a string, 'm' an mpint).
_SSH_KEY_LAYOUTS = {
    'ssh-rsa': 'mm',
    'ssh-dss': 'mmmm',
    'ssh-ed25519': 's',
    'ecdsa-sha2-nistp256': 'ss',
    'ecdsa-sha2-nistp384': 'ss',
    'ecdsa-sha2-nistp521': 'ss',
    'sk-ssh-ed25519@openssh.com': 'ss',
    'sk-ecdsa-sha2-nistp256@openssh.com': 'sss',
}

_SMALL_PRIMES = [p for p in range(3, 2000)
                 if all(p % d for d in range(2, int(p ** 0.5) + 1))]


def _colon_hex(digest):
    return ':'.join('%02x' % b for b in digest)


def _read_string(blob, offset):
    if offset + 4 > len(blob):
        raise ValueError('truncated key')
    (length,) = struct.unpack('>I', blob[offset:offset + 4])
    end = offset + 4 + length
    if end > len(blob):
        raise ValueError('truncated key')
    return blob[offset + 4:end], end


def _parse_ssh_public_key(public_key):
    """:returns: the decoded key blob; :raises ValueError: if malformed."""
    parts = public_key.strip().split()
    if len(parts) < 2:
        raise ValueError('not an OpenSSH public key')
    key_type = parts[0]
    if key_type not in _SSH_KEY_LAYOUTS:
        raise ValueError('unsupported key type %s' % key_type)
    try:
        blob = base64.b64decode(parts[1].encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError('bad base64')
    name, offset = _read_string(blob, 0)
    if name.decode('ascii', 'replace') != key_type:
        raise ValueError('key type mismatch')
    for _kind in _SSH_KEY_LAYOUTS[key_type]:
        _value, offset = _read_string(blob, offset)
    if offset != len(blob):
        raise ValueError('trailing data in key')
    return blob


def generate_fingerprint(public_key):
    """:returns: the MD5 fingerprint (``aa:bb:...``) of an SSH public key.

    :raises InvalidKeypair: the key cannot be parsed.
    """
    try:
        blob = _parse_ssh_public_key(public_key)
    except (ValueError, AttributeError):
        raise exception.InvalidKeypair(
            reason=_('failed to generate fingerprint'))
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def generate_x509_fingerprint(pem_cert):
    """:returns: the SHA-1 fingerprint of a PEM x509 certificate.

    :raises InvalidKeypair: the certificate cannot be decoded.
    """
    try:
        der = _pem_body(pem_cert, 'CERTIFICATE')
        _check_der_sequence(der)
    except ValueError as ex:
        raise exception.InvalidKeypair(
            reason=_('failed to generate X509 fingerprint. Error message: '
                     '%s') % ex)
    return _colon_hex(hashlib.sha1(der, usedforsecurity=False).digest())


def _pem_body(pem, label):
    begin = '-----BEGIN %s-----' % label
    end = '-----END %s-----' % label
    text = pem.strip() if isinstance(pem, str) else ''
    if not text.startswith(begin) or end not in text:
        raise ValueError('Unable to load PEM %s' % label.lower())
    body = text[len(begin):text.index(end)]
    try:
        return base64.b64decode(''.join(body.split()), validate=True)
    except binascii.Error:
        raise ValueError('Invalid base64 in PEM %s' % label.lower())


def _check_der_sequence(der):
    if len(der) < 2 or der[0] != 0x30:
        raise ValueError('not a DER sequence')
    length = der[1]
    offset = 2
    if length & 0x80:
        count = length & 0x7f
        length = int.from_bytes(der[2:2 + count], 'big')
        offset += count
    if offset + length != len(der):
        raise ValueError('DER length mismatch')


# --- RSA key generation --------------------------------------------------

def _is_probable_prime(n, rounds=40):
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _i in range(rounds):
        a = secrets.randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _j in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _random_prime(bits):
    while True:
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if (candidate - 1) % RSA_EXPONENT and _is_probable_prime(candidate):
            return candidate


def _der_length(length):
    if length < 0x80:
        return bytes([length])
    raw = length.to_bytes((length.bit_length() + 7) // 8, 'big')
    return bytes([0x80 | len(raw)]) + raw


def _der_int(value):
    raw = value.to_bytes(value.bit_length() // 8 + 1, 'big')
    return b'\x02' + _der_length(len(raw)) + raw


def _mpint(value):
    raw = value.to_bytes(value.bit_length() // 8 + 1, 'big')
    return struct.pack('>I', len(raw)) + raw


def _ssh_string(value):
    return struct.pack('>I', len(value)) + value


def generate_key_pair(bits=RSA_BITS):
    """Make an RSA key pair.

    :returns: (PEM PKCS#1 private key, OpenSSH public key, fingerprint).
    """
    e = RSA_EXPONENT
    while True:
        p = _random_prime(bits // 2)
        q = _random_prime(bits // 2)
        n = p * q
        if p != q and n.bit_length() == bits:
            break
    d = pow(e, -1, (p - 1) * (q - 1))
    fields = (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))
    content = b''.join(_der_int(v) for v in fields)
    der = b'\x30' + _der_length(len(content)) + content
    b64 = base64.b64encode(der).decode('ascii')
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    private_key = ('-----BEGIN RSA PRIVATE KEY-----\n' + '\n'.join(lines)
                   + '\n-----END RSA PRIVATE KEY-----\n')
    blob = _ssh_string(b'ssh-rsa') + _mpint(e) + _mpint(n)
    public_key = 'ssh-rsa %s %s' % (base64.b64encode(blob).decode('ascii'),
                                    _KEY_COMMENT)
    return private_key, public_key, generate_fingerprint(public_key)


def generate_winrm_x509_cert(user_id, bits=RSA_BITS):
    """Make a self-signed client certificate (WinRM) for ``user_id``.

    :returns: (PEM private key, PEM certificate, SHA-1 fingerprint).
    :raises InvalidKeypair: openssl failed.
    """
    subject = '/CN=%s' % user_id
    upn = 'subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:%s@localhost'
    with tempfile.TemporaryDirectory() as tmp:
        keyfile = os.path.join(tmp, 'temp.key')
        certfile = os.path.join(tmp, 'temp.crt')
        cmd = ['openssl', 'req', '-x509', '-nodes', '-days', '3650',
               '-newkey', 'rsa:%d' % bits, '-subj', subject,
               '-addext', upn % user_id, '-addext',
               'extendedKeyUsage=clientAuth',
               '-keyout', keyfile, '-out', certfile]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as ex:
            raise exception.InvalidKeypair(
                reason=_('failed to generate X509 certificate: %s') % ex)
        with open(keyfile) as f:
            private_key = f.read()
        with open(certfile) as f:
            certificate = f.read()
    return private_key, certificate, generate_x509_fingerprint(certificate)
