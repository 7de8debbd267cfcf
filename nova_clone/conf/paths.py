"""[DEFAULT] pybasedir, bindir and state_path: where nova_clone keeps files."""

import os
import sys

from oslo_config import cfg

ALL_OPTS = [
    cfg.StrOpt(
        'pybasedir',
        default=os.path.abspath(os.path.join(os.path.dirname(__file__),
                                             '..', '..')),
        sample_default='<Path>',
        help="""
The directory that holds the nova_clone Python package.

Bundled data files (templates and the like) are looked up relative to it.
Only packagers should need to change it.

Possible values:

* An absolute directory path.

Related options:

* ``state_path``
"""),
    cfg.StrOpt(
        'bindir',
        default=os.path.join(sys.prefix, 'local', 'bin'),
        help="""
The directory where the nova_clone command-line tools are installed.

Possible values:

* An absolute directory path.
"""),
    cfg.StrOpt(
        'state_path',
        default='$pybasedir',
        help="""
The top-level directory for the service's persistent state.

Other path options (``instances_path``, the image cache, mount points)
default to directories under this one, so moving it moves them all.

Possible values:

* An absolute directory path, writable by the service user.

Related options:

* ``instances_path``
"""),
]


def basedir_def(*args):
    """Build a default path relative to ``$pybasedir``.

    :param args: path components under the base directory.
    :returns: a string with the ``$pybasedir`` substitution left in.
    """
    return os.path.join('$pybasedir', *args)


def bindir_def(*args):
    """Build a default path relative to ``$bindir``.

    :param args: path components under the binary directory.
    :returns: a string with the ``$bindir`` substitution left in.
    """
    return os.path.join('$bindir', *args)


def state_path_def(*args):
    """Build a default path relative to ``$state_path``.

    :param args: path components under the state directory.
    :returns: a string with the ``$state_path`` substitution left in.
    """
    return os.path.join('$state_path', *args)


def register_opts(conf):
    """Register the path options in ``[DEFAULT]``."""
    conf.register_opts(ALL_OPTS)


def list_opts():
    """:returns: the path options under ``DEFAULT``."""
    return {'DEFAULT': ALL_OPTS}
