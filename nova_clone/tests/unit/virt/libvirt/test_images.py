"""Base-image cache, overlays and cache cleanup with the real qemu-img."""

import os
import time
import uuid as uuid_lib

import testtools

from nova_clone.tests.unit.virt.libvirt import base
from nova_clone.virt.libvirt import imagebackend
from nova_clone.virt.libvirt import imagecache
from nova_clone.virt.libvirt import images


@testtools.skipUnless(base.HAVE_QEMU_IMG, 'qemu-img is not installed')
class ImageCacheTestCase(base.LibvirtTestCase):

    def setUp(self):
        super().setUp()
        self.downloads = []
        self.qcow2 = self.make_qcow2('8M')

    def _download(self, context, image_id, dst_path):
        self.downloads.append(image_id)
        with open(dst_path, 'wb') as f:
            f.write(self.qcow2)

    def _cache(self, force_raw=True):
        return imagebackend.ImageCache(self.instances_path,
                                       force_raw=force_raw)

    def test_downloads_once_and_converts_to_raw(self):
        cache = self._cache()
        path, fmt = cache.fetch(None, 'img-1', self._download)
        self.assertEqual('raw', fmt)
        self.assertEqual(os.path.join(self.instances_path, '_base',
                                      imagebackend.base_name('img-1')), path)
        self.assertEqual(8 * 1024 * 1024, images.info(path).virtual_size)
        self.assertEqual((path, 'raw'),
                         cache.fetch(None, 'img-1', self._download))
        self.assertEqual(['img-1'], self.downloads)
        self.assertEqual([os.path.basename(path)],
                         os.listdir(cache.base_dir))

    def test_keeps_qcow2_without_force_raw(self):
        _path, fmt = self._cache(force_raw=False).fetch(
            None, 'img-1', self._download)
        self.assertEqual('qcow2', fmt)

    def test_failed_download_leaves_nothing(self):
        def broken(context, image_id, dst_path):
            with open(dst_path, 'wb') as f:
                f.write(b'partial')
            raise IOError('connection reset')
        cache = self._cache()
        self.assertRaises(IOError, cache.fetch, None, 'img-1', broken)
        self.assertEqual([], os.listdir(cache.base_dir))

    def test_overlay_points_at_the_base_and_grows(self):
        base_path, fmt = self._cache().fetch(None, 'img-1', self._download)
        disk = os.path.join(self.tmp, 'disk')
        imagebackend.Qcow2Backend().create_disk(base_path, fmt, disk,
                                                imagebackend.GiB)
        info = images.info(disk)
        self.assertEqual('qcow2', info.format)
        self.assertEqual(base_path, info.backing_file)
        self.assertEqual('raw', info.backing_format)
        self.assertEqual(imagebackend.GiB, info.virtual_size)

    def test_overlay_is_never_smaller_than_the_image(self):
        base_path, fmt = self._cache().fetch(None, 'img-1', self._download)
        disk = os.path.join(self.tmp, 'disk')
        imagebackend.Qcow2Backend().create_disk(base_path, fmt, disk, 0)
        self.assertEqual(8 * 1024 * 1024, images.info(disk).virtual_size)

    def test_flat_backend_copies(self):
        base_path, fmt = self._cache().fetch(None, 'img-1', self._download)
        disk = os.path.join(self.tmp, 'disk')
        imagebackend.FlatBackend().create_disk(base_path, fmt, disk,
                                               16 * 1024 * 1024)
        info = images.info(disk)
        self.assertEqual(('raw', None), (info.format, info.backing_file))
        self.assertEqual(16 * 1024 * 1024, info.virtual_size)

    def test_backend_choice(self):
        self.assertIsInstance(imagebackend.backend_for('default', True),
                              imagebackend.Qcow2Backend)
        self.assertIsInstance(imagebackend.backend_for('default', False),
                              imagebackend.FlatBackend)
        self.assertIsInstance(imagebackend.backend_for('raw', True),
                              imagebackend.FlatBackend)
        self.assertRaises(Exception, imagebackend.backend_for, 'lvm', True)


@testtools.skipUnless(base.HAVE_QEMU_IMG, 'qemu-img is not installed')
class ImageCacheCleanupTestCase(base.LibvirtTestCase):

    def _age(self, path, seconds):
        old = time.time() - seconds
        os.utime(path, (old, old))

    def test_only_old_unused_files_go(self):
        inst = self.spawn()
        base_dir = os.path.join(self.instances_path, '_base')
        used = os.path.join(base_dir, imagebackend.base_name(inst.image_ref))
        unused_old = os.path.join(base_dir, imagebackend.base_name('gone'))
        unused_new = os.path.join(base_dir, imagebackend.base_name('new'))
        for path in (unused_old, unused_new):
            with open(path, 'wb') as f:
                f.write(b'x')
        for path in (used, unused_old):
            self._age(path, 2 * 86400)
        removed = self.driver.manage_image_cache(self.context, [inst])
        self.assertEqual([unused_old], removed)
        self.assertTrue(os.path.exists(used))
        self.assertTrue(os.path.exists(unused_new))
        # In-use files are touched, so their age restarts.
        self.assertLess(time.time() - os.path.getmtime(used), 60)

    def test_an_overlay_keeps_its_base_without_the_instance_list(self):
        inst = self.spawn()
        used = os.path.join(self.instances_path, '_base',
                            imagebackend.base_name(inst.image_ref))
        self._age(used, 2 * 86400)
        self.assertEqual([], self.driver.manage_image_cache(self.context,
                                                            []))
        self.driver.destroy(self.context, inst, [])
        self._age(used, 2 * 86400)
        self.assertEqual([used],
                         self.driver.manage_image_cache(self.context, []))

    def test_removal_can_be_disabled(self):
        self.flags(group='image_cache', remove_unused_base_images=False)
        manager = imagecache.ImageCacheManager(self.instances_path)
        os.makedirs(manager.base_dir)
        path = os.path.join(manager.base_dir, str(uuid_lib.uuid4()))
        with open(path, 'wb') as f:
            f.write(b'x')
        self._age(path, 10 * 86400)
        self.assertEqual([], self.driver.manage_image_cache(self.context,
                                                            []))
