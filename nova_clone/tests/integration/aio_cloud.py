"""What the integration tests know of a running ``tools/aio`` cloud.

Everything is found from the openrc file NOVA_AIO_OPENRC names: its
directory is the cloud's data dir (``etc/``, ``openrc-admin``), and its
PATH entry is the cloud's virtualenv (``openstack``, ``nova-compute``,
``nova-manage``).
"""

import json
import os
import shutil
import subprocess

OPENRC = 'NOVA_AIO_OPENRC'
TIMEOUT = 300


def read_openrc(path):
    """:returns: the variables an ``export K=V`` openrc file sets."""
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith('export ') or '=' not in line:
                continue
            key, value = line[len('export '):].split('=', 1)
            value = value.strip('\'"')
            if key == 'PATH':
                value = value.replace('$PATH', os.environ.get('PATH', ''))
            env[key] = value
    return env


class CommandFailed(AssertionError):
    """A command of the cloud's virtualenv exited non-zero."""


class Cloud(object):
    """A running aio cloud, as one user of its openrc files.

    :param openrc: path of an openrc file written by tools/aio.
    :param user: ``demo`` or ``admin``; the file next to ``openrc``.
    """

    def __init__(self, openrc, user=None):
        self.data_dir = os.path.dirname(os.path.abspath(openrc))
        if user:
            openrc = os.path.join(self.data_dir, 'openrc-' + user)
        self.openrc = openrc
        self.creds = read_openrc(openrc)
        self.env = dict(os.environ)
        self.env.update(self.creds)
        self.cli = shutil.which('openstack', path=self.env.get('PATH'))

    @classmethod
    def from_environ(cls, user=None):
        """:returns: the cloud NOVA_AIO_OPENRC names, or None."""
        path = os.environ.get(OPENRC)
        if not path:
            return None
        return cls(path, user)

    def program(self, name):
        """:returns: a program of the cloud's virtualenv, or None."""
        if not self.cli:
            return None
        found = os.path.join(os.path.dirname(self.cli), name)
        return found if os.access(found, os.X_OK) else None

    def etc(self, *parts):
        return os.path.join(self.data_dir, 'etc', *parts)

    def run(self, argv, timeout=TIMEOUT):
        """Run a command with the openrc's environment.

        :returns: its standard output.
        :raises CommandFailed: with the output, on a non-zero exit.
        """
        proc = subprocess.run(argv, env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        if proc.returncode != 0:
            raise CommandFailed('%s exited with %d:\n%s%s' % (
                ' '.join(argv), proc.returncode, proc.stdout, proc.stderr))
        return proc.stdout

    def openstack(self, *args, parse=True):
        """Run ``openstack ARGS [-f json]``; :returns: the parsed output."""
        argv = [self.cli] + list(args) + (['-f', 'json'] if parse else [])
        out = self.run(argv)
        return json.loads(out) if parse else out

    def image_id(self, name):
        """:returns: the id of an active image of that name.

        By id, because a failed upload can leave a second image of the
        same name behind, and the CLI refuses an ambiguous name.
        """
        rows = self.openstack('image', 'list', '--name', name,
                              '--status', 'active')
        if not rows:
            raise CommandFailed('no active image named %s' % name)
        return rows[0]['ID']
