"""qemu-img calls: inspect, convert, create overlays, resize."""

import json

from oslo_concurrency import processutils
from oslo_log import log as logging

from nova_clone import exception

LOG = logging.getLogger(__name__)

QEMU_IMG = 'qemu-img'


class ImageInfo(object):
    """What ``qemu-img info`` says about one image file."""

    def __init__(self, raw):
        self.format = raw.get('format')
        self.virtual_size = raw.get('virtual-size', 0)
        self.actual_size = raw.get('actual-size', 0)
        self.backing_file = (raw.get('full-backing-filename') or
                             raw.get('backing-filename'))
        self.backing_format = raw.get('backing-filename-format')


def _qemu_img(*args):
    try:
        out, _err = processutils.execute(QEMU_IMG, *args)
    except OSError as e:
        raise exception.NovaException(
            'qemu-img could not be run (is qemu-utils installed?): %s' % e)
    except processutils.ProcessExecutionError as e:
        raise exception.NovaException(
            'qemu-img %s failed: %s' % (args[0], e.stderr.strip()))
    return out


def info(path):
    """:returns: an :class:`ImageInfo` for ``path``.

    ``-U`` (force share) lets us read disks of running guests, whose files
    QEMU holds a write lock on.
    """
    out = _qemu_img('info', '-U', '--output=json', path)
    return ImageInfo(json.loads(out))


def convert(src, dst, out_format, src_format=None, compress=False):
    """Write ``src`` as a new ``out_format`` image at ``dst``.

    A qcow2 overlay is flattened: the copy holds its backing chain's data.
    """
    args = ['convert', '-O', out_format]
    if src_format:
        args += ['-f', src_format]
    if compress and out_format == 'qcow2':
        args.append('-c')
    _qemu_img(*(args + [src, dst]))


def create_overlay(backing_path, backing_format, path, size_bytes=None):
    """Create a qcow2 image at ``path`` whose reads fall through to
    ``backing_path`` until written.

    :param size_bytes: the overlay's virtual size (None: the backing's).
    """
    # NOTE: qemu-img refuses -b without -F: probing a backing file's
    # format is a security hole (a raw guest disk could claim to be qcow2).
    args = ['create', '-f', 'qcow2', '-b', backing_path, '-F',
            backing_format, path]
    if size_bytes:
        args.append(str(int(size_bytes)))
    _qemu_img(*args)


def resize(path, size_bytes):
    """Grow an image to ``size_bytes`` (never shrinks)."""
    current = info(path)
    if current.virtual_size >= size_bytes:
        return
    # -f: never let qemu-img probe the format of a guest-written disk.
    _qemu_img('resize', '-f', current.format, path, str(int(size_bytes)))
