"""A second compute host joins a running aio cloud.

As an operator adds a machine: a new nova-compute process with its own
``host`` and its own configuration file, copied from the first compute's
and holding no database credentials (only the transport URL and the
Keystone/Placement credentials), then ``nova-manage cell_v2
discover_hosts`` on the controller, then a server scheduled to the new
host. Runs against the cloud NOVA_AIO_OPENRC names; skipped otherwise.
"""

import configparser
import os
import signal
import subprocess
import time

import fixtures
from oslo_utils import uuidutils

from nova_clone.tests import base
from nova_clone.tests.integration import aio_cloud

FLAVOR = os.environ.get('NOVA_AIO_FLAVOR', 'm1.tiny')
IMAGE = os.environ.get('NOVA_AIO_IMAGE', 'aio-tiny')
# Sections a compute host must not have: the conductor is its DB door.
DB_SECTIONS = ('database', 'api_database')
WAIT = 180


def compute_config(first_conf, host, state_dir):
    """:returns: a ConfigParser for a new compute host.

    :param first_conf: the aio cloud's nova-compute.conf.
    :param host: the new host's name.
    :param state_dir: the new host's own state directory.
    """
    conf = configparser.ConfigParser(interpolation=None)
    conf.optionxform = str
    conf.read(first_conf)
    for section in DB_SECTIONS:
        conf.remove_section(section)
    conf['DEFAULT']['host'] = host
    # NOTE: the fake driver even on a libvirt cloud: a second libvirt
    # compute here would share the first one's libvirtd and node name.
    conf['DEFAULT']['compute_driver'] = 'fake.FakeDriver'
    conf.remove_section('libvirt')
    conf['DEFAULT']['state_path'] = state_dir
    conf['DEFAULT']['instances_path'] = os.path.join(state_dir, 'instances')
    if not conf.has_section('oslo_concurrency'):
        conf.add_section('oslo_concurrency')
    conf['oslo_concurrency']['lock_path'] = os.path.join(state_dir, 'locks')
    return conf


class SecondComputeTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.admin = aio_cloud.Cloud.from_environ(user='admin')
        if self.admin is None:
            self.skipTest('%s is not set (run tools/aio up first)'
                          % aio_cloud.OPENRC)
        self.compute = self.admin.program('nova-compute')
        self.manage = self.admin.program('nova-manage')
        if not (self.compute and self.manage):
            self.skipTest('no nova-compute/nova-manage on the openrc PATH')
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.host = 'aio-host2-%s' % uuidutils.generate_uuid()[:8]
        self.log = os.path.join(self.tmp, 'nova-compute.log')

    def _log_tail(self):
        try:
            with open(self.log) as f:
                return ''.join(f.readlines()[-30:])
        except OSError as exc:
            return str(exc)

    def _write_config(self):
        conf = compute_config(self.admin.etc('nova', 'nova-compute.conf'),
                              self.host, os.path.join(self.tmp, 'state'))
        path = os.path.join(self.tmp, 'nova-compute.conf')
        with open(path, 'w') as f:
            conf.write(f)
        return path

    def _start_compute(self, conf_path):
        out = open(self.log, 'ab')
        self.addCleanup(out.close)
        proc = subprocess.Popen([self.compute, '--config-file', conf_path],
                                stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL,
                                start_new_session=True)
        self.addCleanup(self._stop_compute, proc)
        return proc

    def _stop_compute(self, proc):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)

    def _delete_service(self):
        # Runs after _stop_compute (cleanups run last-in first-out): a
        # live compute would write its service record again. Deleting the
        # service drops its host mapping and resource provider too, so
        # the cloud is left as it was.
        for svc in self.admin.openstack('compute', 'service', 'list',
                                        '--host', self.host):
            self.admin.openstack('compute', 'service', 'delete',
                                 str(svc['ID']), parse=False)

    def _wait(self, what, probe, proc):
        deadline = time.time() + WAIT
        while True:
            found = probe()
            if found:
                return found
            if proc.poll() is not None:
                self.fail('nova-compute exited with %s while waiting for '
                          '%s:\n%s' % (proc.returncode, what,
                                       self._log_tail()))
            if time.time() > deadline:
                self.fail('no %s after %ds:\n%s' % (what, WAIT,
                                                     self._log_tail()))
            time.sleep(2)

    def _service_up(self):
        rows = self.admin.openstack('compute', 'service', 'list',
                                    '--service', 'nova-compute')
        return [r for r in rows if r['Host'] == self.host and
                r['State'] == 'up']

    def _hypervisor(self):
        rows = self.admin.openstack('hypervisor', 'list')
        return [r for r in rows
                if r['Hypervisor Hostname'] == self.host]

    def _manage(self, *args):
        return self.admin.run([self.manage, '--config-file',
                               self.admin.etc('nova', 'nova.conf')] +
                              list(args))

    def test_second_compute_joins_and_takes_a_server(self):
        conf_path = self._write_config()
        with open(conf_path) as f:
            text = f.read()
        self.assertNotIn('connection', text)
        self.assertIn('transport_url', text)

        self.addCleanup(self._delete_service)
        proc = self._start_compute(conf_path)
        # The service record and the compute node are written through
        # nova-conductor: this process has no database to write to.
        self._wait('service %s up' % self.host, self._service_up, proc)
        self._wait('hypervisor %s' % self.host, self._hypervisor, proc)

        self._manage('cell_v2', 'discover_hosts', '--verbose')
        hosts = self._manage('cell_v2', 'list_hosts')
        self.assertIn(self.host, hosts)

        name = 'aio-mn-%s' % uuidutils.generate_uuid()[:8]
        server = self.admin.openstack(
            'server', 'create', '--nic', 'none', '--flavor', FLAVOR,
            '--image', self.admin.image_id(IMAGE),
            '--availability-zone', 'nova:' + self.host, '--wait', name)
        self.addCleanup(subprocess.run, [self.admin.cli, 'server', 'delete',
                                         '--wait', server['id']],
                        env=self.admin.env, capture_output=True)
        self.assertEqual('ACTIVE', server['status'])
        shown = self.admin.openstack('server', 'show', server['id'])
        self.assertEqual(self.host, shown['OS-EXT-SRV-ATTR:host'])
        self.assertEqual(self.host,
                         shown['OS-EXT-SRV-ATTR:hypervisor_hostname'])
        self.admin.openstack('server', 'delete', '--wait', server['id'],
                             parse=False)


class ComputeConfigTestCase(base.NoDBTestCase):
    """The copied configuration (no cloud needed)."""

    def test_drops_database_sections_and_sets_host(self):
        tmp = self.useFixture(fixtures.TempDir()).path
        first = os.path.join(tmp, 'nova-compute.conf')
        with open(first, 'w') as f:
            f.write('[DEFAULT]\nhost = aio\ntransport_url = rabbit://x/\n'
                    '[database]\nconnection = sqlite://\n'
                    '[placement]\nauth_type = password\n')
        conf = compute_config(first, 'host2', '/srv/host2')
        self.assertEqual('host2', conf['DEFAULT']['host'])
        self.assertEqual('rabbit://x/', conf['DEFAULT']['transport_url'])
        self.assertEqual('/srv/host2/instances',
                         conf['DEFAULT']['instances_path'])
        self.assertFalse(conf.has_section('database'))
        self.assertEqual('password', conf['placement']['auth_type'])
