"""A real QEMU guest through the whole aio cloud (``--driver libvirt``).

Only the public interfaces: the ``openstack`` CLI boots the tiny guest
(tools/build-tiny-image, the cloud's ``aio-tiny`` image), reads its boot
line from the console log, opens the noVNC console URL and speaks RFB
through nova-novncproxy over a websocket, stops, starts and reboots it,
snapshots it to Glance and deletes it; then libvirt (``virsh``), the
instances directory and Placement must hold nothing of it.

Runs against the cloud NOVA_AIO_OPENRC names when its hypervisor is QEMU;
skipped (with the reason) for a fake-driver cloud or without one.
"""

import configparser
import os
import shutil
import subprocess
import time
import urllib.parse

from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
from oslo_utils import uuidutils
import websocket

from nova_clone.tests import base
from nova_clone.tests.functional.console import fake_rfb
from nova_clone.tests.integration import aio_cloud

FLAVOR = os.environ.get('NOVA_AIO_FLAVOR', 'm1.tiny')
IMAGE = os.environ.get('NOVA_AIO_IMAGE', 'aio-tiny')
MARKER = 'TINYGUEST-BOOTED'
# TCG on two busy cores: the guest needs 5-15 s alone, far more when the
# other tests' daemons compete for the CPU.
BOOT_TIMEOUT = int(os.environ.get('NOVA_AIO_BOOT_TIMEOUT', '300'))
URI = 'qemu:///system'
# Where the browser test leaves its screenshot (kept for people to look at).
SCREENSHOT_DIR = os.environ.get('NOVA_AIO_SCREENSHOT_DIR', '/tmp')
PNG_MAGIC = b'\x89PNG\r\n\x1a\n'


def _elapsed(t0):
    return '%.1fs' % (time.time() - t0)


class LibvirtCloudTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.admin = aio_cloud.Cloud.from_environ(user='admin')
        if self.admin is None:
            self.skipTest('%s is not set (run tools/aio up --driver '
                          'libvirt first)' % aio_cloud.OPENRC)
        if not self.admin.cli:
            self.skipTest('no openstack CLI on the openrc PATH')
        types = {h.get('Hypervisor Type') for h in
                 self.admin.openstack('hypervisor', 'list', '--long')}
        if 'QEMU' not in types:
            self.skipTest('the aio cloud runs no libvirt compute (hypervisor '
                          'types %s; driver recorded by tools/aio: %s); '
                          'bring it up with tools/aio up --driver libvirt'
                          % (sorted(types), self._recorded_driver()))
        self.demo = aio_cloud.Cloud(self.admin.openrc, user='demo')
        self.timings = {}

    def _recorded_driver(self):
        try:
            with open(os.path.join(self.admin.data_dir, 'driver')) as f:
                return f.read().strip()
        except OSError:
            return 'unknown'

    # -- helpers -----------------------------------------------------------

    def _wait_status(self, server_id, wanted, timeout=BOOT_TIMEOUT):
        deadline = time.time() + timeout
        while True:
            shown = self.demo.openstack('server', 'show', server_id)
            if shown['status'] == wanted:
                return shown
            self.assertNotEqual('ERROR', shown['status'], shown)
            self.assertLess(time.time(), deadline, 'server %s is %s, not '
                            '%s' % (server_id, shown['status'], wanted))
            time.sleep(2)

    def _wait_boot_line(self, server_id, after=''):
        """Poll ``console log show`` for the guest's marker line.

        :param after: text that must precede it (an older boot's line
            must not count): the log is rewritten when QEMU restarts.
        """
        deadline = time.time() + BOOT_TIMEOUT
        while True:
            text = self.demo.openstack('console', 'log', 'show', server_id,
                                       parse=False)
            if MARKER in text and text != after:
                return [line for line in text.splitlines()
                        if MARKER in line][-1]
            self.assertLess(time.time(), deadline, 'no %s in the console '
                            'log after %ds; it ends:\n%s'
                            % (MARKER, BOOT_TIMEOUT, text[-2000:]))
            time.sleep(3)

    def _rfb_through_proxy(self, url):
        """Open the noVNC URL's websocket; :returns: ServerInit bytes."""
        parts = urllib.parse.urlsplit(url)
        # noVNC's ?path=?token=... carries the token for the websocket.
        path = urllib.parse.parse_qs(parts.query)['path'][0]
        token = urllib.parse.parse_qs(
            urllib.parse.urlsplit(path).query)['token'][0]
        ws = websocket.create_connection(
            'ws://%s/?token=%s' % (parts.netloc, token),
            subprotocols=['binary'], timeout=30,
            origin='%s://%s' % (parts.scheme, parts.netloc))
        try:
            return fake_rfb.client_handshake(ws.recv, ws.send_binary)
        finally:
            ws.close()

    def _virsh_names(self):
        out = subprocess.run(['virsh', '-c', URI, 'list', '--all', '--name'],
                             capture_output=True, text=True, timeout=60)
        return out.stdout.split()

    def _instances_path(self):
        conf = configparser.ConfigParser(interpolation=None)
        conf.read(self.admin.etc('nova', 'nova-compute.conf'))
        return conf['DEFAULT']['instances_path']

    def _allocations(self, server_id):
        c = self.admin.creds
        auth = v3.Password(
            auth_url=c['OS_AUTH_URL'], username=c['OS_USERNAME'],
            password=c['OS_PASSWORD'], project_name=c['OS_PROJECT_NAME'],
            user_domain_name='Default', project_domain_name='Default')
        resp = ks_session.Session(auth=auth).get(
            '/allocations/%s' % server_id,
            endpoint_filter={'service_type': 'placement',
                             'interface': 'public'})
        return resp.json()['allocations']

    def _boot(self, prefix):
        name = '%s-%s' % (prefix, uuidutils.generate_uuid()[:8])
        server = self.demo.openstack(
            'server', 'create', '--nic', 'none', '--flavor', FLAVOR,
            '--image', self.demo.image_id(IMAGE), '--wait', name)
        self.addCleanup(subprocess.run, [self.demo.cli, 'server', 'delete',
                                         '--wait', server['id']],
                        env=self.demo.env, capture_output=True)
        return server

    # -- the tests -----------------------------------------------------------

    def test_novnc_in_headless_chromium(self):
        """Debian's Chromium opens the console URL and noVNC connects through
        nova-novncproxy (its log says so); the screenshot is kept in
        NOVA_AIO_SCREENSHOT_DIR.

        NOTE: ``--screenshot`` captures at page load, while noVNC still
        shows "Connecting"; a capture of the guest's drawn screen needs
        the DevTools protocol (not done yet).
        """
        browser = shutil.which('chromium') or shutil.which('chromium-browser')
        if not browser:
            self.skipTest('no chromium (apt-get install chromium)')
        server = self._boot('lv-browser')
        self._wait_boot_line(server['id'])
        url = self.demo.openstack('console', 'url', 'show', '--novnc',
                                  server['id'])['url']
        path = os.path.join(SCREENSHOT_DIR,
                            'novnc-%s.png' % server['id'][:8])
        # NOTE: --virtual-time-budget lets noVNC's websocket and first
        # frames finish before the page is captured; --no-sandbox because
        # the tests run as root.
        proc = subprocess.run(
            [browser, '--headless', '--no-sandbox', '--disable-gpu',
             '--window-size=1024,768', '--virtual-time-budget=15000',
             '--screenshot=%s' % path, url],
            capture_output=True, text=True, timeout=180)
        self.assertTrue(os.path.exists(path), proc.stderr[-2000:])
        with open(path, 'rb') as f:
            self.assertEqual(PNG_MAGIC, f.read(8))
        # The proxy's child logs the opened console a moment later.
        log = os.path.join(self.admin.data_dir, 'logs', 'nova-novncproxy.log')
        wanted = 'console of instance %s opened' % server['id']
        for _ in range(30):
            with open(log) as f:
                if wanted in f.read():
                    break
            time.sleep(1)
        else:
            self.fail('no "%s" in %s' % (wanted, log))
        print('noVNC screenshot: %s' % path)


    def test_tiny_guest_lifecycle(self):
        name = 'lv-%s' % uuidutils.generate_uuid()[:8]
        image = self.demo.image_id(IMAGE)
        t0 = time.time()
        server = self.demo.openstack('server', 'create', '--nic', 'none',
                                     '--flavor', FLAVOR, '--image', image,
                                     '--wait', name)
        server_id = server['id']
        self.addCleanup(subprocess.run, [self.demo.cli, 'server', 'delete',
                                         server_id], env=self.demo.env,
                        capture_output=True)
        self.assertEqual('ACTIVE', server['status'])
        self.timings['active'] = _elapsed(t0)
        shown = self.admin.openstack('server', 'show', server_id)
        domain = shown['OS-EXT-SRV-ATTR:instance_name']
        self.assertIn(domain, self._virsh_names())

        line = self._wait_boot_line(server_id)
        self.timings['boot line'] = _elapsed(t0)
        self.assertIn('kernel=', line)

        url = self.demo.openstack('console', 'url', 'show', '--novnc',
                                  server_id)['url']
        self.assertIn('vnc_lite.html', url)
        server_init = self._rfb_through_proxy(url)
        # ServerInit: width, height (non-zero), then the desktop name.
        self.assertGreater(int.from_bytes(server_init[:2], 'big'), 0)

        t1 = time.time()
        self.demo.openstack('server', 'stop', server_id, parse=False)
        self._wait_status(server_id, 'SHUTOFF')
        self.assertIn(domain, self._virsh_names())
        self.demo.openstack('server', 'start', server_id, parse=False)
        self._wait_status(server_id, 'ACTIVE')
        before = self.demo.openstack('console', 'log', 'show', server_id,
                                     parse=False)
        self.demo.openstack('server', 'reboot', '--hard', '--wait',
                            server_id, parse=False)
        self._wait_boot_line(server_id, after=before)
        self.timings['stop/start/reboot'] = _elapsed(t1)

        t2 = time.time()
        snap = self.demo.openstack('server', 'image', 'create', '--wait',
                                   '--name', name + '-snap', server_id)
        self.addCleanup(subprocess.run, [self.demo.cli, 'image', 'delete',
                                         snap['id']], env=self.demo.env,
                        capture_output=True)
        image_row = self.demo.openstack('image', 'show', snap['id'])
        self.assertEqual('active', image_row['status'])
        self.assertGreater(image_row['size'] or 0, 0)
        self.timings['snapshot'] = _elapsed(t2)

        self.demo.openstack('server', 'delete', '--wait', server_id,
                            parse=False)
        self.assertNotIn(domain, self._virsh_names())
        self.assertFalse(os.path.exists(os.path.join(
            self._instances_path(), server_id)))
        self.assertEqual({}, self._allocations(server_id))
        self.timings['total'] = _elapsed(t0)
        # Shown by pytest -rA / in the test's captured output.
        print('timings: %s' % self.timings)
