"""[cinder]: how nova_clone reaches the Block Storage service."""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

from nova_clone.conf import utils as confutils

cinder_group = cfg.OptGroup(
    'cinder',
    title='Cinder Options',
    help="""
Endpoint lookup and behaviour for volume calls. Most calls use the user's
token; the auth options here are for the few that nova_clone makes as
itself (for example cleaning up attachments of a deleted server).
""")

cinder_opts = [
    cfg.StrOpt(
        'catalog_info',
        default='volumev3::publicURL',
        regex=r'^[\w-]+:\w*:.*$',
        help="""
How to find Cinder in the service catalog.

Possible values:

* ``<service_type>:<service_name>:<interface>``; the name may be empty.

Related options:

* ``endpoint_template``, ``os_region_name``
"""),
    cfg.StrOpt(
        'endpoint_template',
        help="""
A fixed Cinder URL used instead of the catalog.

Possible values:

* A URL containing ``%(project_id)s``, e.g.
  ``http://cinder.example.org:8776/v3/%(project_id)s``.

Related options:

* ``catalog_info``
"""),
    cfg.StrOpt(
        'os_region_name',
        help="""
The region whose Cinder endpoint is used.

Possible values:

* A region name from the service catalog.
"""),
    cfg.IntOpt(
        'http_retries',
        default=3,
        min=0,
        help="""
How many times a failed Cinder call is retried.

Possible values:

* Zero or a positive number of retries.
"""),
    cfg.BoolOpt(
        'cross_az_attach',
        default=True,
        help="""
Allow attaching volumes from another availability zone.

With it off, a volume and its server must be in the same zone, and a volume
created for a new server is created in the server's zone.

Related options:

* ``[DEFAULT] default_schedule_zone``
"""),
    cfg.BoolOpt(
        'debug',
        default=False,
        help="""
Log the requests to and responses from Cinder.
"""),
]


def register_opts(conf):
    """Register the Cinder options plus session and auth options."""
    conf.register_group(cinder_group)
    conf.register_opts(cinder_opts, group=cinder_group)
    ks_loading.register_session_conf_options(conf, cinder_group.name)
    ks_loading.register_auth_conf_options(conf, cinder_group.name)


def list_opts():
    """:returns: the ``[cinder]`` group and its options."""
    return {cinder_group.name: (cinder_opts +
                                ks_loading.get_session_conf_options() +
                                confutils.auth_list())}
