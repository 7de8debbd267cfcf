"""A RabbitMQ virtual host of its own for each integration test.

oslo.messaging names its queues after the topic alone ('conductor',
'scheduler', 'compute.<host>'), whatever the exchange, so two clouds on
one broker's default vhost (a test run and an aio cloud, or two test runs)
consume each other's messages. A private vhost per test keeps them apart.
Where ``rabbitmqctl`` cannot be used (not root, not installed), the test
falls back to the default vhost and its own ``control_exchange``.
"""

import os
import shutil
import socket
import subprocess

import fixtures
from oslo_utils import uuidutils

HOST, PORT = '127.0.0.1', 5672


def rabbit_up():
    """:returns: whether a broker answers on 127.0.0.1:5672."""
    try:
        with socket.create_connection((HOST, PORT), timeout=2):
            return True
    except OSError:
        return False


def _ctl():
    # NOTE: rabbitmqctl lives in /usr/sbin, often not on a user's PATH.
    return shutil.which('rabbitmqctl', path=os.environ.get('PATH', '') +
                        ':/usr/sbin:/sbin')


def _rabbitmqctl(*args):
    subprocess.run([_ctl(), '-q'] + list(args), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=60)


class RabbitVhost(fixtures.Fixture):
    """Create a vhost for guest; ``.url`` is its transport URL."""

    def _setUp(self):
        self.vhost = ''
        if _ctl():
            name = 'nova_clone_it_%s' % uuidutils.generate_uuid()[:12]
            try:
                _rabbitmqctl('add_vhost', name)
                self.addCleanup(_rabbitmqctl, 'delete_vhost', name)
                _rabbitmqctl('set_permissions', '-p', name, 'guest',
                             '.*', '.*', '.*')
                self.vhost = name
            except (OSError, subprocess.SubprocessError):
                self.vhost = ''
        self.url = 'rabbit://guest:guest@%s:%s/%s' % (HOST, PORT,
                                                      self.vhost)
