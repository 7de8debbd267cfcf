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
from nova_clone.tests.integration import cdp

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
# How long noVNC may take to connect, then to draw the guest's screen.
BROWSER_TIMEOUT = int(os.environ.get('NOVA_AIO_BROWSER_TIMEOUT', '120'))
# vnc_lite.html's status bar: "Loading", "Connecting", then "Connected
# to <name>" (empty while the page itself is still loading).
NOVNC_STATUS = "(document.getElementById('status') || {}).textContent || ''"
NOVNC_CONNECTED = ("((%s).startsWith('Connected') && (%s))"
                   % (NOVNC_STATUS, NOVNC_STATUS))
# noVNC's canvas (the framebuffer's size) and what is drawn on it: the
# pixels that are not black and the distinct colours (up to 64), or null
# while nothing but black has arrived.
CANVAS_DRAWN = '''(() => {
    const c = document.querySelector('#screen canvas');
    if (!c || !c.width || !c.height) { return null; }
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colors = new Set();
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) {
        if (d[i] || d[i + 1] || d[i + 2]) { lit++; }
        if (colors.size < 64) {
            colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        }
    }
    if (!lit) { return null; }
    return {width: c.width, height: c.height, lit: lit,
            colors: colors.size};
})()'''


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

    def _wait_proxy_log(self, server_id):
        # The proxy's child logs the opened console a moment after the
        # websocket is up.
        log = os.path.join(self.admin.data_dir, 'logs', 'nova-novncproxy.log')
        wanted = 'console of instance %s opened' % server_id
        for _ in range(30):
            with open(log) as f:
                if wanted in f.read():
                    return
            time.sleep(1)
        self.fail('no "%s" in %s' % (wanted, log))

    def test_novnc_in_headless_chromium(self):
        """Debian's Chromium, driven over the DevTools protocol, opens the
        console URL; noVNC connects through nova-novncproxy and draws the
        guest's screen, which is captured to a PNG kept in
        NOVA_AIO_SCREENSHOT_DIR.
        """
        browser = cdp.find_browser()
        if not browser:
            self.skipTest('no chromium (apt-get install chromium)')
        server = self._boot('lv-browser')
        self._wait_boot_line(server['id'])
        url = self.demo.openstack('console', 'url', 'show', '--novnc',
                                  server['id'])['url']
        t0 = time.time()
        with cdp.Browser(browser, width=1024, height=768) as page:
            page.navigate(url)
            try:
                status = page.wait_for(NOVNC_CONNECTED, BROWSER_TIMEOUT)
                self.timings['connected'] = _elapsed(t0)
                # The first framebuffer update follows the handshake; under
                # TCG the guest's VGA text may take a while to arrive.
                screen = page.wait_for(CANVAS_DRAWN, BROWSER_TIMEOUT)
                self.timings['drawn'] = _elapsed(t0)
            except cdp.CDPError as e:
                self.fail('%s\nstatus: %r\nchromium: %s' % (
                    e, page.evaluate(NOVNC_STATUS), page.log_tail()))
            png = page.screenshot()
        path = os.path.join(SCREENSHOT_DIR,
                            'novnc-%s.png' % server['id'][:8])
        with open(path, 'wb') as f:
            f.write(png)
        self.assertEqual(PNG_MAGIC, png[:8])
        # QEMU's VNC server names the desktop after the libvirt domain:
        # "Connected to QEMU (instance-...)", so this is our guest's screen.
        domain = self.admin.openstack('server', 'show', server['id'])[
            'OS-EXT-SRV-ATTR:instance_name']
        self.assertIn('(%s)' % domain, status)
        # A real VGA mode (720x400 text, 640x480 and up), not a 0x0 or
        # 1x1 placeholder, with text drawn on it: several colours, and
        # neither all background nor all foreground.
        self.assertGreaterEqual(screen['width'], 640, screen)
        self.assertGreaterEqual(screen['height'], 350, screen)
        self.assertGreaterEqual(screen['colors'], 2, screen)
        self.assertLess(screen['lit'], screen['width'] * screen['height'],
                        screen)
        self._wait_proxy_log(server['id'])
        print('noVNC screenshot: %s (%s, %s)' % (path, screen, self.timings))

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
