"""The nova-api daemon: a real process serving the paste app over HTTP."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request

import fixtures

from nova_clone.db import migration
from nova_clone.tests import base


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class ApiDaemonTestCase(base.NoDBTestCase):

    def _start(self, workers):
        tmp = self.useFixture(fixtures.TempDir()).path
        api_url = 'sqlite:///%s/nova_api.sqlite' % tmp
        migration.db_sync_url(api_url, 'api')
        self.port = _free_port()
        conf = os.path.join(tmp, 'nova.conf')
        with open(conf, 'w') as f:
            f.write(textwrap.dedent("""\
                [DEFAULT]
                osapi_compute_listen = 127.0.0.1
                osapi_compute_listen_port = %d
                osapi_compute_workers = %d
                transport_url = fake:/
                [api]
                auth_strategy = noauth2
                [api_database]
                connection = %s
                """ % (self.port, workers, api_url)))
        self.log_path = os.path.join(tmp, 'api.log')
        log = open(self.log_path, 'w')
        self.addCleanup(log.close)
        self.proc = subprocess.Popen(
            [sys.executable, '-c',
             'import sys; from nova_clone.cmd.api import main; '
             'sys.exit(main(sys.argv))', '--config-file', conf],
            stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self._kill)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.assertIsNone(self.proc.poll(), self._log())
            try:
                with socket.create_connection(('127.0.0.1', self.port), 1):
                    return
            except OSError:
                time.sleep(0.2)
        self.fail('nova-api did not listen:\n' + self._log())

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def _log(self):
        with open(self.log_path) as f:
            return f.read()[-4000:]

    def _get(self, path, token=None):
        req = urllib.request.Request('http://127.0.0.1:%d%s'
                                     % (self.port, path))
        if token:
            req.add_header('X-Auth-Token', token)
        req.add_header('OpenStack-API-Version', 'compute 2.1')
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, resp.headers, json.loads(resp.read())
        except urllib.error.HTTPError as e:
            return e.code, e.headers, json.loads(e.read() or b'null')

    def _check_and_stop(self):
        status, headers, body = self._get('/')
        self.assertEqual(200, status, self._log())
        self.assertEqual({'v2.0', 'v2.1'},
                         {v['id'] for v in body['versions']})
        status, headers, body = self._get('/v2.1/flavors', token='admin')
        self.assertEqual(200, status, self._log())
        self.assertEqual({'flavors': []}, body)
        self.assertEqual('compute 2.1', headers['OpenStack-API-Version'])
        self.assertTrue(headers['x-openstack-request-id'].startswith('req-'))
        status, _headers, body = self._get('/v2.1/flavors/nope',
                                           token='admin')
        self.assertEqual(404, status)
        self.assertEqual(404, body['itemNotFound']['code'])
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, self.proc.wait(timeout=30), self._log())

    def test_one_worker(self):
        self._start(workers=1)
        self._check_and_stop()

    def test_two_workers_share_the_port(self):
        self._start(workers=2)
        self._check_and_stop()
