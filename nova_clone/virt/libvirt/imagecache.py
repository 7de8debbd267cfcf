"""Removes base images no instance on this host uses any more.

Runs from the compute manager's image cache periodic
(``[image_cache] manager_interval``). A base file is in use when an
instance's disk is an overlay on it, or when an instance on this host was
booted from (or with the kernel/ramdisk of) its image. Unused files are
removed once older than ``remove_unused_original_minimum_age_seconds``,
measured from the last time a build used them (the mtime).
"""

import os
import time

from oslo_log import log as logging

from nova_clone import exception
from nova_clone.virt.libvirt import imagebackend
from nova_clone.virt.libvirt import images

LOG = logging.getLogger(__name__)


class ImageCacheManager(object):
    """Finds and removes unused files of one ``_base`` directory."""

    def __init__(self, instances_path, subdirectory_name='_base'):
        self.instances_path = instances_path
        self.base_dir = os.path.join(instances_path, subdirectory_name)
        self.subdirectory_name = subdirectory_name

    def _cached_files(self):
        if not os.path.isdir(self.base_dir):
            return []
        return [os.path.join(self.base_dir, name)
                for name in os.listdir(self.base_dir)
                if not name.endswith(('.part', '.converted'))]

    def _backing_files(self):
        """Base files the overlays under instances_path point at."""
        used = set()
        for entry in os.listdir(self.instances_path):
            inst_dir = os.path.join(self.instances_path, entry)
            if entry == self.subdirectory_name or not os.path.isdir(inst_dir):
                continue
            for name in os.listdir(inst_dir):
                path = os.path.join(inst_dir, name)
                if not name.startswith('disk') or not os.path.isfile(path):
                    continue
                try:
                    backing = images.info(path).backing_file
                except exception.NovaException as e:
                    LOG.debug('Cannot inspect %s: %s', path, e)
                    continue
                if backing:
                    used.add(os.path.realpath(backing))
        return used

    def _image_files(self, instances):
        """Base files of the images the given instances were built from."""
        used = set()
        for instance in instances:
            for image_id in (instance.image_ref, instance.kernel_id,
                             instance.ramdisk_id):
                if image_id:
                    used.add(os.path.realpath(os.path.join(
                        self.base_dir, imagebackend.base_name(image_id))))
        return used

    def used_files(self, instances):
        """:returns: real paths of the base files still needed."""
        return self._backing_files() | self._image_files(instances)

    def update(self, instances, remove_unused=True, min_age_seconds=86400,
               now=None):
        """Touch used base files and remove old unused ones.

        :param instances: the instances on this host.
        :param remove_unused: ``[image_cache] remove_unused_base_images``.
        :param min_age_seconds: ``[image_cache]
            remove_unused_original_minimum_age_seconds``.
        :returns: the paths removed.
        """
        if not os.path.isdir(self.base_dir):
            return []
        now = now if now is not None else time.time()
        used = self.used_files(instances)
        removed = []
        for path in self._cached_files():
            if os.path.realpath(path) in used:
                os.utime(path)
                continue
            age = now - os.path.getmtime(path)
            if not remove_unused:
                LOG.info('Unused base image %s kept (removal disabled)',
                         path)
            elif age < min_age_seconds:
                LOG.info('Unused base image %s is %d s old; removed after '
                         '%d s', path, age, min_age_seconds)
            else:
                LOG.info('Removing unused base image %s', path)
                try:
                    os.unlink(path)
                    removed.append(path)
                except OSError as e:
                    LOG.warning('Could not remove %s: %s', path, e)
        return removed
