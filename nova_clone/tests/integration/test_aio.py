"""The cloud of ``tools/aio up`` through the openstack CLI and openstacksdk.

Runs only when NOVA_AIO_OPENRC names an openrc file written by tools/aio
(``/var/lib/nova-clone-aio/openrc-demo``); skipped otherwise. The CLI is
looked up on the openrc's PATH (the aio virtualenv), then on this PATH.
"""

import json
import os
import shutil
import subprocess
import time

import fixtures
from oslo_utils import uuidutils

from nova_clone.tests import base
from nova_clone.tests.integration import aio_cloud

FLAVOR = os.environ.get('NOVA_AIO_FLAVOR', 'm1.tiny')
IMAGE = os.environ.get('NOVA_AIO_IMAGE', 'aio-tiny')
TIMEOUT = 300


class AioTestCase(base.NoDBTestCase):
    """A running aio cloud, as the demo (or admin) user of its openrc."""

    def setUp(self):
        super().setUp()
        path = os.environ.get(aio_cloud.OPENRC)
        if not path:
            self.skipTest('%s is not set (run tools/aio up first)'
                          % aio_cloud.OPENRC)
        self.creds = aio_cloud.read_openrc(path)
        self.env = dict(os.environ)
        self.env.update(self.creds)
        self.cli = shutil.which('openstack', path=self.env.get('PATH'))
        if not self.cli:
            self.skipTest('no openstack CLI on the openrc PATH')

    def openstack(self, *args, parse=True):
        """Run ``openstack ARGS -f json``; :returns: the parsed output."""
        cmd = [self.cli] + list(args)
        if parse:
            cmd += ['-f', 'json']
        proc = subprocess.run(cmd, env=self.env, capture_output=True,
                              text=True, timeout=TIMEOUT)
        self.assertEqual(0, proc.returncode,
                         '%s failed:\n%s%s' % (' '.join(args), proc.stdout,
                                               proc.stderr))
        return json.loads(proc.stdout) if parse else proc.stdout

    def name(self, prefix):
        return '%s-%s' % (prefix, uuidutils.generate_uuid()[:8])

    def test_flavor_list(self):
        names = {f['Name'] for f in self.openstack('flavor', 'list')}
        self.assertIn(FLAVOR, names)

    def test_keypair_create_delete(self):
        name = self.name('aio-kp')
        created = self.openstack('keypair', 'create', '--type', 'ssh',
                                 '--private-key', os.devnull, name)
        self.assertEqual(name, created['name'])
        self.addCleanup(subprocess.run, [self.cli, 'keypair', 'delete',
                                         name], env=self.env,
                        capture_output=True)
        names = [k['Name'] for k in self.openstack('keypair', 'list')]
        self.assertIn(name, names)
        shown = self.openstack('keypair', 'show', name)
        self.assertEqual(created['fingerprint'], shown['fingerprint'])
        self.openstack('keypair', 'delete', name, parse=False)
        names = [k['Name'] for k in self.openstack('keypair', 'list')]
        self.assertNotIn(name, names)

    def test_server_create_list_show_delete(self):
        name = self.name('aio-server')
        # By id: a failed upload can leave two images of that name.
        image = self.openstack('image', 'list', '--name', IMAGE,
                               '--status', 'active')[0]['ID']
        server = self.openstack('server', 'create', '--nic', 'none',
                                '--flavor', FLAVOR, '--image', image,
                                '--wait', name)
        self.addCleanup(subprocess.run, [self.cli, 'server', 'delete',
                                         server['id']], env=self.env,
                        capture_output=True)
        self.assertEqual('ACTIVE', server['status'])
        listed = {s['ID']: s for s in self.openstack('server', 'list')}
        self.assertIn(server['id'], listed)
        self.assertEqual(name, listed[server['id']]['Name'])
        shown = self.openstack('server', 'show', server['id'])
        self.assertEqual(name, shown['name'])
        self.assertEqual('ACTIVE', shown['status'])
        self.openstack('server', 'delete', '--wait', server['id'],
                       parse=False)
        listed = [s['ID'] for s in self.openstack('server', 'list')]
        self.assertNotIn(server['id'], listed)

    def test_quota_show(self):
        rows = self.openstack('quota', 'show')
        resources = {row['Resource']: row['Limit'] for row in rows}
        for key in ('instances', 'cores', 'ram', 'key-pairs'):
            self.assertIn(key, resources)

    def test_limits_show_absolute(self):
        rows = self.openstack('limits', 'show', '--absolute')
        # The CLI shows openstacksdk's names of the absolute limits.
        names = {row['Name'] for row in rows}
        for key in ('max_total_instances', 'max_total_cores',
                    'total_ram_used'):
            self.assertIn(key, names)

    def test_novaclient_boot_list_delete(self):
        """python-novaclient's ``nova`` (its own request code and
        microversion negotiation, not openstacksdk's) works unchanged."""
        nova = shutil.which('nova', path=self.env.get('PATH'))
        if not nova:
            self.skipTest('no nova CLI (python-novaclient) on the PATH')

        def run(*args):
            proc = subprocess.run([nova] + list(args), env=self.env,
                                  capture_output=True, text=True,
                                  timeout=TIMEOUT)
            self.assertEqual(0, proc.returncode, proc.stderr)
            return proc.stdout

        name = self.name('nv')
        image = self.openstack('image', 'show', IMAGE)['id']
        run('boot', '--flavor', FLAVOR, '--image', image, '--nic', 'none',
            '--poll', name)
        self.addCleanup(subprocess.run, [nova, 'delete', name],
                        env=self.env, capture_output=True)
        listed = run('list', '--name', name)
        self.assertIn(name, listed)
        self.assertIn('ACTIVE', listed)
        run('delete', name)
        deadline = time.time() + TIMEOUT
        while name in run('list', '--name', name):
            self.assertLess(time.time(), deadline, '%s not deleted' % name)
            time.sleep(1)

    def test_openstacksdk_lists_servers(self):
        try:
            import openstack
        except ImportError:
            self.skipTest('openstacksdk is not installed here')
        conn = openstack.connect(
            auth_url=self.creds['OS_AUTH_URL'],
            username=self.creds['OS_USERNAME'],
            password=self.creds['OS_PASSWORD'],
            project_name=self.creds['OS_PROJECT_NAME'],
            user_domain_name=self.creds.get('OS_USER_DOMAIN_NAME',
                                            'Default'),
            project_domain_name=self.creds.get('OS_PROJECT_DOMAIN_NAME',
                                               'Default'),
            region_name=self.creds.get('OS_REGION_NAME'),
            load_yaml_config=False, load_envvars=False)
        self.addCleanup(conn.close)
        started = time.time()
        servers = list(conn.compute.servers())
        self.assertIsInstance(servers, list)
        self.assertLess(time.time() - started, TIMEOUT)
        flavors = {f.name for f in conn.compute.flavors()}
        self.assertIn(FLAVOR, flavors)


class ReadOpenrcTestCase(base.NoDBTestCase):
    """The openrc parser runs everywhere (no cloud needed)."""

    def test_exports_and_path(self):
        path = self.useFixture(fixtures.TempDir()).join('openrc')
        with open(path, 'w') as f:
            f.write('# comment\n'
                    'export OS_USERNAME=demo\n'
                    "export OS_PASSWORD='s3cret'\n"
                    'unset OS_TOKEN\n'
                    'export PATH=/opt/venv/bin:$PATH\n')
        env = aio_cloud.read_openrc(path)
        self.assertEqual('demo', env['OS_USERNAME'])
        self.assertEqual('s3cret', env['OS_PASSWORD'])
        self.assertNotIn('OS_TOKEN', env)
        self.assertTrue(env['PATH'].startswith('/opt/venv/bin:'))
        self.assertNotIn('$PATH', env['PATH'])
