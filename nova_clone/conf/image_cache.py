"""[image_cache]: the compute host's cache of base images."""

from oslo_config import cfg

imagecache_group = cfg.OptGroup(
    'image_cache',
    title='Image Cache Options',
    help="""
How the base images under ``$instances_path`` are named, aged and removed,
and how image pre-caching is paced.
""")

imagecache_opts = [
    cfg.IntOpt(
        'manager_interval',
        default=2400,
        min=-1,
        deprecated_opts=[cfg.DeprecatedOpt('image_cache_manager_interval',
                                           group='DEFAULT')],
        help="""
Seconds between runs of the image cache manager.

The manager removes base images no instance uses any more.

Possible values:

* -1: disabled.
* 0: every periodic task cycle (60 seconds).
* A positive number of seconds.

Related options:

* ``remove_unused_base_images``
"""),
    cfg.StrOpt(
        'subdirectory_name',
        default='_base',
        deprecated_opts=[cfg.DeprecatedOpt('image_cache_subdirectory_name',
                                           group='DEFAULT')],
        help="""
The directory under ``$instances_path`` that holds cached base images.

If ``$instances_path`` is shared between hosts, the cache is shared too.

Possible values:

* A directory name, or an absolute path.
"""),
    cfg.BoolOpt(
        'remove_unused_base_images',
        default=True,
        deprecated_group='DEFAULT',
        help="""
Delete base images no instance has used for a while.

Related options:

* ``remove_unused_original_minimum_age_seconds``
* ``remove_unused_resized_minimum_age_seconds``
"""),
    cfg.IntOpt(
        'remove_unused_original_minimum_age_seconds',
        default=(24 * 3600),
        deprecated_group='DEFAULT',
        help="""
Seconds an unused original base image is kept before removal.

Possible values:

* A number of seconds.

Related options:

* ``remove_unused_base_images``
"""),
    cfg.IntOpt(
        'remove_unused_resized_minimum_age_seconds',
        default=3600,
        deprecated_group='libvirt',
        help="""
Seconds an unused resized base image is kept before removal.

Possible values:

* A number of seconds.

Related options:

* ``remove_unused_base_images``
"""),
    cfg.IntOpt(
        'precache_concurrency',
        default=1,
        min=1,
        help="""
How many hosts the conductor asks to pre-cache images at the same time.

Possible values:

* A positive integer.
"""),
]


def register_opts(conf):
    """Register the ``[image_cache]`` group."""
    conf.register_group(imagecache_group)
    conf.register_opts(imagecache_opts, group=imagecache_group)


def list_opts():
    """:returns: the ``[image_cache]`` group and its options."""
    return {imagecache_group: imagecache_opts}
