"""``tools/aio up --driver libvirt``: real QEMU guests on this machine.

Debian's libvirt and QEMU without ``libvirt-daemon-system`` (it pulls in
systemd), the three setup steps its package scripts would have done,
virtlogd and libvirtd as our own PID-tracked processes, nova-compute on
``libvirt.LibvirtDriver`` with ``virt_type = qemu`` and the tiny guest of
tools/build-tiny-image as the cloud's image. See doc/source/admin/
libvirt.rst and ../shared/LIBVIRT.md for the measured reasons.
"""

import hashlib
import os
import shutil
import subprocess
import time

from tools.aio_lib import procs
from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings
from tools.aio_lib import system

DRIVERS = ('fake', 'libvirt', 'auto')
URI = 'qemu:///system'
PACKAGES = ('libvirt-daemon', 'libvirt-daemon-driver-qemu', 'libvirt-clients',
            'qemu-system-x86', 'qemu-utils', 'genisoimage')
# libvirt-python (requirements.txt) is built by pip against these.
BUILD_PACKAGES = ('libvirt-dev', 'pkg-config')
QEMU_CONF = '/etc/libvirt/qemu.conf'
TINY_CACHE = os.environ.get('NOVA_TINY_IMAGE_DIR',
                            '/var/cache/nova-clone/tiny-image')


def enabled(s):
    return s.driver == 'libvirt'


def domain_prefix(s):
    """:returns: the start of this cloud's libvirt domain names.

    Two clouds on one libvirtd would both name their first guest
    instance-00000001 (ids come from each cloud's database), and down
    destroys only its own cloud's guests.
    """
    tag = hashlib.sha1(s.data_dir.encode()).hexdigest()[:6]
    return 'aio%s-' % tag


def _sbin(name):
    return shutil.which(name, path=os.environ.get('PATH', '') +
                        ':/usr/sbin:/sbin') or '/usr/sbin/' + name


def virsh(*args, timeout=60):
    return subprocess.run(['virsh', '-c', URI] + list(args),
                          capture_output=True, text=True, timeout=timeout)


def answers():
    """:returns: whether a libvirtd serves qemu:///system."""
    try:
        return virsh('version', timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class Libvirtd(procs.Daemon):
    """libvirtd in the foreground; down destroys the cloud's guests first,
    because QEMU processes outlive the daemon."""

    def stop(self, timeout=30):
        if self.pid() is not None and answers():
            names = virsh('list', '--name').stdout.split()
            for name in names:
                if name.startswith(domain_prefix(self.settings)):
                    virsh('destroy', name)
        return super().stop(timeout)


def daemons(s):
    """:returns: {name: Daemon} for virtlogd and libvirtd (libvirt only)."""
    if not enabled(s):
        return {}
    # NOTE: in the foreground (no -d), so the PID file and log are ours.
    table = {'virtlogd': procs.Daemon(s, 'virtlogd', [_sbin('virtlogd')]),
             'libvirtd': Libvirtd(s, 'libvirtd', [_sbin('libvirtd')])}
    # A libvirtd that the admin or another cloud started is used as it
    # is: not ours to show, restart or stop.
    if not any(os.path.exists(d.pid_file) for d in table.values()) and \
            answers():
        return {}
    return table


def _host_setup(log):
    """What libvirt-daemon-system's postinst would do; idempotent."""
    system.apt_install(BUILD_PACKAGES + PACKAGES, log)
    if subprocess.run(['getent', 'group', 'libvirt-qemu'],
                      stdout=subprocess.DEVNULL).returncode != 0:
        runner.run([_sbin('groupadd'), '-r', 'libvirt-qemu'], log)
    if subprocess.run(['id', '-u', 'libvirt-qemu'], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        # NOTE: libvirt resolves this compiled-in user before it reads
        # qemu.conf, so it must exist even though guests run as root.
        runner.run([_sbin('useradd'), '-r', '-g', 'libvirt-qemu', '-d',
                    '/var/lib/libvirt', '-s', '/usr/sbin/nologin',
                    'libvirt-qemu'], log)
    # Without the log dir both daemons die at start.
    for path in ('/var/log/libvirt/qemu', '/var/lib/libvirt', '/etc/libvirt'):
        os.makedirs(path, exist_ok=True)
    if not os.path.exists(QEMU_CONF) or not os.path.getsize(QEMU_CONF):
        # root: no permission fixing of images and instance dirs.
        runner.write_file(QEMU_CONF, 'user = "root"\ngroup = "root"\n')


def _start_daemons(s, log, timeout=120):
    table = daemons(s)
    if not table:
        return 'libvirtd already answers (not ours: left alone)'
    for daemon in table.values():
        if daemon.pid() is None:
            daemon.start()
    # The first start probes QEMU's capabilities (~8 s).
    deadline = time.time() + timeout
    while not answers():
        for daemon in table.values():
            if daemon.exited() is not None:
                raise runner.StepFailed('%s exited with %s' % (
                    daemon.name, daemon.exited()), [daemon.log])
        if time.time() > deadline:
            raise runner.StepFailed('libvirtd does not answer on %s after '
                                    '%ds' % (URI, timeout),
                                    [d.log for d in table.values()])
        time.sleep(0.5)
    return 'virtlogd pid %s, libvirtd pid %s' % (
        table['virtlogd'].pid(), table['libvirtd'].pid())


def _record(s, driver):
    os.makedirs(s.data_dir, exist_ok=True)
    runner.write_file(s.path('driver'), driver + '\n')
    s._driver = driver
    # The virtualenv's phase of ``up`` reads the resolved driver.
    os.environ['AIO_DRIVER'] = driver
    return driver


def system_steps(s, r, log):
    """Phase 1 of ``up``: packages, host setup, daemons.

    ``AIO_DRIVER=auto`` falls back to the fake driver (and says why)
    when libvirtd cannot run here; ``libvirt`` fails the step instead.
    """
    wanted = s.driver
    if wanted not in DRIVERS:
        raise runner.StepFailed('AIO_DRIVER/--driver must be one of %s, '
                                'not %r' % (', '.join(DRIVERS), wanted))
    r.step('noVNC web client (novnc)',
           lambda: system.apt_install(['novnc'], log), logs=[log])
    if wanted == 'fake':
        _record(s, 'fake')
        return
    _record(s, 'libvirt')
    try:
        r.step('libvirt + QEMU packages, host setup',
               lambda: _host_setup(log) or 'ok', logs=[log])
        r.step('virtlogd + libvirtd (%s)' % URI,
               lambda: _start_daemons(s, log), logs=[log])
    except runner.StepFailed as exc:
        if wanted != 'auto':
            raise
        runner.say('libvirt unusable here (%s); AIO_DRIVER=auto falls '
                   'back to the fake driver' % exc)
        _record(s, 'fake')


def configure(s, conf):
    """nova.conf for the libvirt driver: QEMU's emulator, VNC on 127.0.0.1.

    :param conf: nova.conf's ``{section: {option: value}}``, changed.
    """
    if not enabled(s):
        return conf
    conf['DEFAULT']['compute_driver'] = 'libvirt.LibvirtDriver'
    conf['DEFAULT']['instance_name_template'] = domain_prefix(s) + '%08x'
    # NOTE: TCG; /dev/kvm on these machines is a paravirtualized KVM on
    # which stock kernels hang after the BIOS. Set kvm on real hardware.
    conf['libvirt'] = {'virt_type': os.environ.get('AIO_VIRT_TYPE', 'qemu'),
                       'connection_uri': URI}
    conf.setdefault('vnc', {}).update({
        'enabled': True,
        'server_listen': aio_settings.HOST,
        'server_proxyclient_address': aio_settings.HOST})
    return conf


def _cli_env(s):
    env = dict(os.environ)
    env.update({'OS_AUTH_URL': s.auth_url, 'OS_IDENTITY_API_VERSION': '3',
                'OS_USERNAME': 'admin', 'OS_PASSWORD': s.password('admin'),
                'OS_PROJECT_NAME': 'admin', 'OS_USER_DOMAIN_NAME': 'Default',
                'OS_PROJECT_DOMAIN_NAME': 'Default',
                'OS_REGION_NAME': aio_settings.REGION,
                'OS_INTERFACE': 'public',
                'PATH': os.path.dirname(s.python) + ':' + env.get('PATH', '')})
    return env


def image(s, name):
    """The tiny guest as image ``name`` (kernel_id/ramdisk_id), uploaded
    once; an image of that name without a kernel (the fake driver's
    zeros) is replaced."""
    from tools.aio_lib import cloud

    conn = cloud.connect(s)
    found = cloud._request(conn, 'GET', 'image',
                           '/v2/images?name=%s' % name).json()['images']
    for img in found:
        if img['status'] == 'active' and img.get('kernel_id'):
            return 'present (%s)' % img['id']
    for suffix in ('', '-kernel', '-ramdisk'):
        for old in cloud._request(conn, 'GET', 'image', '/v2/images?name=%s'
                                  % (name + suffix)).json()['images']:
            cloud._request(conn, 'DELETE', 'image', '/v2/images/%s'
                           % old['id'], ok=(204, 404))
    log = s.log_file('aio-setup')
    # build-tiny-image asks apt which cloud kernel is current.
    if subprocess.run(['apt-cache', 'show', 'linux-image-cloud-amd64'],
                      stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        runner.run(['apt-get', '-q', 'update'], log)
    runner.run([os.path.join(aio_settings.TOP, 'tools', 'build-tiny-image'),
                '--output', TINY_CACHE, '--upload', '--name', name], log,
               env=_cli_env(s))
    return 'tiny guest uploaded (tools/build-tiny-image)'
