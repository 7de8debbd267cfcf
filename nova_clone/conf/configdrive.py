"""[DEFAULT] config drive options: when guests get one and how it is made.
"""

from oslo_config import cfg

config_drive_opts = [
    cfg.StrOpt(
        'config_drive_format',
        default='iso9660',
        choices=[('iso9660', 'An ISO 9660 image, the config-2 label.'),
                 ('vfat', 'A VFAT image (legacy; not built by this '
                          'project, iso9660 is used instead).')],
        deprecated_for_removal=True,
        deprecated_reason='Only iso9660 is built.',
        help="""
Format of the config drive.
"""),
    cfg.BoolOpt(
        'force_config_drive',
        default=False,
        help="""
Give every guest a config drive, whether or not the boot request or the
image asked for one.

Related options:

* ``mkisofs_cmd``
"""),
    cfg.StrOpt(
        'mkisofs_cmd',
        default='genisoimage',
        help="""
Program that builds the config drive ISO (genisoimage, mkisofs or
xorrisofs, which take the same options). When it is missing the others
are tried.
"""),
]

ALL_OPTS = config_drive_opts


def register_opts(conf):
    """Register the config drive options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the config drive options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
