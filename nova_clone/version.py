"""The package version, as pbr computes it from git or PKG-INFO."""

import pbr.version

NOVA_VENDOR = 'OpenStack Foundation'
NOVA_PRODUCT = 'OpenStack Compute (nova_clone)'

version_info = pbr.version.VersionInfo('nova-clone')


def version_string():
    """:returns: the release string, e.g. ``0.1.0``."""
    return version_info.version_string()


def version_string_with_package():
    """:returns: the full version with the development suffix, if any."""
    return version_info.version_string_with_vcs()
