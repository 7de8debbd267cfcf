"""[glance]: how nova_clone reaches the Image service."""

from oslo_config import cfg

from nova_clone.conf import utils as confutils

DEFAULT_SERVICE_TYPE = 'image'

glance_group = cfg.OptGroup(
    'glance',
    title='Glance Options',
    help="""
Endpoint lookup and behaviour for image downloads, uploads and signature
checks. Calls are made with the user's token (plus the service token when
``[service_user]`` is enabled), so the group carries no credentials.
""")

glance_opts = [
    cfg.ListOpt(
        'api_servers',
        deprecated_for_removal=True,
        deprecated_since='21.0.0',
        deprecated_reason='Use the keystoneauth adapter options '
                          '(endpoint_override or the catalog) instead.',
        help="""
A list of Glance endpoints tried in turn.

Possible values:

* URLs such as ``http://glance.example.org:9292``; unset uses the catalog.

Related options:

* ``endpoint_override``, ``valid_interfaces``
"""),
    cfg.IntOpt(
        'num_retries',
        default=3,
        min=0,
        help="""
How many times an image upload or download is retried after a failure.

Possible values:

* Zero or a positive number of retries.
"""),
    cfg.BoolOpt(
        'verify_glance_signatures',
        default=False,
        help="""
Check an image's signature before booting from it.

Images without the ``img_signature*`` properties are refused when this is
on.

Related options:

* ``enable_certificate_validation``
* ``default_trusted_certificate_ids``
"""),
    cfg.BoolOpt(
        'enable_certificate_validation',
        default=False,
        deprecated_for_removal=True,
        deprecated_since='16.0.0',
        deprecated_reason='Certificate validation becomes part of signature '
                          'verification.',
        help="""
Check the signing certificate against trusted certificates as well.

Related options:

* ``verify_glance_signatures``
* ``default_trusted_certificate_ids``
"""),
    cfg.ListOpt(
        'default_trusted_certificate_ids',
        default=[],
        help="""
IDs of the trusted certificates used when a request names none.

Possible values:

* A list of certificate IDs (Barbican secrets).

Related options:

* ``verify_glance_signatures``
"""),
    cfg.BoolOpt(
        'enable_rbd_download',
        default=False,
        help="""
Read images straight from Ceph when Glance stores them there.

The download skips the Glance API; it needs the ``rbd_*`` options.

Related options:

* ``rbd_user``, ``rbd_pool``, ``rbd_ceph_conf``, ``rbd_connect_timeout``
"""),
    cfg.StrOpt(
        'rbd_user',
        default='',
        help="""
The Ceph user for direct image downloads.

Related options:

* ``enable_rbd_download``
"""),
    cfg.IntOpt(
        'rbd_connect_timeout',
        default=5,
        help="""
Seconds to wait for the Ceph cluster when downloading directly.

Related options:

* ``enable_rbd_download``
"""),
    cfg.StrOpt(
        'rbd_pool',
        default='',
        help="""
The Ceph pool that holds Glance's images.

Related options:

* ``enable_rbd_download``
"""),
    cfg.StrOpt(
        'rbd_ceph_conf',
        default='',
        help="""
The Ceph configuration file for direct image downloads.

Related options:

* ``enable_rbd_download``
"""),
    cfg.BoolOpt(
        'debug',
        default=False,
        help="""
Log the requests to and responses from Glance.
"""),
]

# NOTE: older nova read the TLS options from [ssl]; keep those names working.
_deprecated_ksa_opts = {
    'insecure': [cfg.DeprecatedOpt('api_insecure', group=glance_group.name)],
    'cafile': [cfg.DeprecatedOpt('ca_file', group='ssl')],
    'certfile': [cfg.DeprecatedOpt('cert_file', group='ssl')],
    'keyfile': [cfg.DeprecatedOpt('key_file', group='ssl')],
}


def register_opts(conf):
    """Register the Glance options plus session and adapter options."""
    conf.register_group(glance_group)
    conf.register_opts(glance_opts, group=glance_group)
    confutils.register_ksa_opts(conf, glance_group, DEFAULT_SERVICE_TYPE,
                                include_auth=False,
                                deprecated_opts=_deprecated_ksa_opts)


def list_opts():
    """:returns: the ``[glance]`` group and its options."""
    return {glance_group: glance_opts + confutils.ksa_list(
        DEFAULT_SERVICE_TYPE, include_auth=False,
        deprecated_opts=_deprecated_ksa_opts)}
