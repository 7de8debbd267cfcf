"""More compute hosts on the aio machine: ``tools/aio add-compute NAME``.

Each is a nova-compute process with its own ``host``, state directory and
configuration file ``etc/nova/computes/NAME.conf``, made like a second
machine's: nova-compute.conf's sections, so no database credentials, only
the transport URL and the Keystone/Placement credentials. ``down`` stops
them with the rest, ``up`` starts them again, ``remove-compute`` forgets
one (its service, host mapping and resource provider go with it).
"""

import os
import re

from tools.aio_lib import nova
from tools.aio_lib import procs
from tools.aio_lib import runner

PREFIX = 'nova-compute-'
# A host name nova accepts and that is safe in a file name.
NAME_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$')


def conf_dir(s):
    return s.etc('nova', 'computes')


def conf_file(s, name):
    return os.path.join(conf_dir(s), name + '.conf')


def names(s):
    """:returns: the added compute hosts, sorted."""
    try:
        files = os.listdir(conf_dir(s))
    except FileNotFoundError:
        return []
    return sorted(f[:-len('.conf')] for f in files if f.endswith('.conf'))


def check_name(s, name):
    if not NAME_RE.match(name):
        raise runner.StepFailed('%r is not a host name' % name)
    if name == nova.compute_host():
        raise runner.StepFailed('%s is the first compute host' % name)


def write_config(s, name):
    """:returns: whether the host's configuration file changed."""
    conf = nova.compute_sections(nova.sections(s))
    state = s.path('nova-' + name)
    conf['DEFAULT'] = dict(conf['DEFAULT'], host=name, state_path=state,
                           instances_path=os.path.join(state, 'instances'))
    # NOTE: always fake: a second libvirt compute on this machine would
    # share the first one's libvirtd and node name (the hostname).
    conf['DEFAULT']['compute_driver'] = 'fake.FakeDriver'
    conf.pop('libvirt', None)
    conf['oslo_concurrency'] = {'lock_path': os.path.join(state, 'locks')}
    return runner.write_ini(conf_file(s, name), conf)


def configure(s, name):
    """Write the host's configuration file; :returns: its path."""
    write_config(s, name)
    return conf_file(s, name)


def write_configs(s):
    """:returns: the daemon names whose configuration changed."""
    return {PREFIX + name for name in names(s) if write_config(s, name)}


def daemon(s, name):
    argv = [s.bin('nova-compute'), '--config-file', conf_file(s, name),
            '--config-dir', nova.conf_dir(s)]
    return procs.Daemon(s, PREFIX + name, argv)


def daemons(s):
    """:returns: {daemon name: Daemon} of the added hosts."""
    return {PREFIX + name: daemon(s, name) for name in names(s)}


def forget(s, name):
    """Remove the host's configuration (its process must be stopped)."""
    try:
        os.unlink(conf_file(s, name))
    except FileNotFoundError:
        pass
