"""Instance disks from Glance images: a base-image cache plus overlays.

Each image is downloaded once per host into ``<instances_path>/_base``
(named by the SHA-1 of its id, as nova names them, so the cache survives
restarts and the cleanup can tell whose file is whose). Every instance
then gets its own disk: a qcow2 overlay on the base file by default, or a
full copy when ``images_type`` is ``raw``/``flat`` or ``use_cow_images`` is
off.
"""

import hashlib
import os
import shutil
import threading

from oslo_log import log as logging

from nova_clone import exception
from nova_clone.virt.libvirt import images

LOG = logging.getLogger(__name__)

GiB = 1024 ** 3

# images_type values this driver can build disks with; the others nova
# knows (lvm, rbd, ploop) need storage this driver does not manage.
SUPPORTED_IMAGES_TYPES = ('default', 'qcow2', 'raw', 'flat')


def base_name(image_id):
    """:returns: the cache file name of ``image_id``."""
    return hashlib.sha1(image_id.encode('utf-8')).hexdigest()


class ImageCache(object):
    """The per-host ``_base`` directory of downloaded images."""

    # One lock per base file, so two builds of one image download it
    # once and builds of different images do not wait on each other.
    _locks = {}
    _locks_guard = threading.Lock()

    def __init__(self, instances_path, subdirectory_name='_base',
                 force_raw=True):
        self.base_dir = os.path.join(instances_path, subdirectory_name)
        self.force_raw = force_raw

    def path_for(self, image_id):
        """:returns: where ``image_id`` is (or would be) cached."""
        return os.path.join(self.base_dir, base_name(image_id))

    def _lock(self, path):
        with self._locks_guard:
            return self._locks.setdefault(path, threading.Lock())

    def fetch(self, context, image_id, download):
        """Make sure ``image_id`` is in the cache.

        :param download: ``download(context, image_id, dst_path)`` writes
            the image's bytes to ``dst_path``.
        :returns: ``(path, format)`` of the cached file.
        """
        path = self.path_for(image_id)
        with self._lock(path):
            if not os.path.exists(path):
                self._download(context, image_id, download, path)
            else:
                # Touch it: the cache cleanup ages files by mtime.
                os.utime(path)
        return path, images.info(path).format

    def _download(self, context, image_id, download, path):
        os.makedirs(self.base_dir, exist_ok=True)
        part = path + '.part'
        try:
            download(context, image_id, part)
            part_info = images.info(part)
            fmt = part_info.format
            if fmt != 'raw' and self.force_raw:
                LOG.debug('Converting %s image %s to raw', fmt, image_id)
                converted = path + '.converted'
                images.convert(part, converted, 'raw', src_format=fmt)
                os.unlink(part)
                part = converted
            elif part_info.backing_file:
                # A downloaded qcow2 naming a backing file could make the
                # guest read any host file; refuse it as nova does.
                raise exception.NovaException(
                    'Image %s has a backing file; refusing it' % image_id)
            # Atomic: a crash never leaves a half file under the final name.
            os.rename(part, path)
        finally:
            for leftover in (path + '.part', path + '.converted'):
                if os.path.exists(leftover):
                    os.unlink(leftover)
        LOG.info('Cached image %s as %s', image_id, path)


class Qcow2Backend(object):
    """Root disks as qcow2 overlays on the cached base file."""

    disk_format = 'qcow2'

    def create_disk(self, base_path, base_format, disk_path, size_bytes):
        """Create ``disk_path`` from the base file, at least
        ``size_bytes`` large (0: the image's own size).
        """
        virtual = images.info(base_path).virtual_size
        images.create_overlay(base_path, base_format, disk_path,
                              max(size_bytes or 0, virtual))


class FlatBackend(object):
    """Root disks as full copies: no shared base after creation."""

    def __init__(self, disk_format='raw'):
        self.disk_format = disk_format

    def create_disk(self, base_path, base_format, disk_path, size_bytes):
        """Copy the base file to ``disk_path`` and grow it if needed."""
        if base_format == self.disk_format:
            shutil.copyfile(base_path, disk_path)
        else:
            images.convert(base_path, disk_path, self.disk_format,
                           src_format=base_format)
        if size_bytes:
            images.resize(disk_path, size_bytes)


def backend_for(images_type, use_cow_images):
    """:returns: the disk backend for ``[libvirt] images_type``.
    :raises: NovaException for a type this driver cannot provide.
    """
    if images_type not in SUPPORTED_IMAGES_TYPES:
        raise exception.NovaException(
            '[libvirt] images_type = %s is not supported by this driver; '
            'use one of %s' % (images_type,
                               ', '.join(SUPPORTED_IMAGES_TYPES)))
    if images_type == 'qcow2' or (images_type == 'default' and
                                  use_cow_images):
        return Qcow2Backend()
    return FlatBackend('raw')
