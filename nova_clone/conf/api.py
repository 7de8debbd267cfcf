"""[api]: behaviour of the compute and metadata REST APIs."""

from oslo_config import cfg

api_group = cfg.OptGroup(
    'api',
    title='API options',
    help="""
Behaviour of the compute and metadata APIs: authentication, paging,
vendordata, link prefixes, multi-cell listing and response validation.
""")

auth_opts = [
    cfg.StrOpt(
        'auth_strategy',
        default='keystone',
        choices=[
            ('keystone', 'Validate tokens with keystonemiddleware.'),
            ('noauth2', ('Trust the user and project given in the request; '
                         'for testing only.')),
        ],
        deprecated_group='DEFAULT',
        deprecated_for_removal=True,
        deprecated_since='21.0.0',
        deprecated_reason='Only keystone authentication is supported in '
                          'production; noauth2 stays for tests.',
        help="""
How API requests are authenticated.

Possible values:

* ``keystone`` or ``noauth2`` (see the choices).
"""),
    cfg.BoolOpt(
        'use_forwarded_for',
        default=False,
        deprecated_group='DEFAULT',
        help="""
Take the client address from ``X-Forwarded-For``.

Enable only behind a proxy that sets the header, since clients can forge
it otherwise.
"""),
]

metadata_opts = [
    cfg.StrOpt(
        'config_drive_skip_versions',
        default=('1.0 2007-01-19 2007-03-01 2007-08-29 2007-10-10 '
                 '2007-12-15 2008-02-01 2008-09-01'),
        deprecated_group='DEFAULT',
        help="""
EC2 metadata versions left off config drives.

Possible values:

* A space-separated list of version dates.
"""),
    cfg.ListOpt(
        'vendordata_providers',
        item_type=cfg.types.String(choices=[
            ('StaticJSON', 'Read vendordata from a JSON file.'),
            ('DynamicJSON', ('Fetch vendordata from external REST '
                             'services.')),
        ]),
        default=['StaticJSON'],
        deprecated_group='DEFAULT',
        help="""
Where the metadata API gets vendordata from.

Possible values:

* Any of ``StaticJSON`` and ``DynamicJSON``.

Related options:

* ``vendordata_jsonfile_path``
* ``vendordata_dynamic_targets``
"""),
    cfg.ListOpt(
        'vendordata_dynamic_targets',
        default=[],
        deprecated_group='DEFAULT',
        help="""
The REST services queried for dynamic vendordata.

Possible values:

* ``<name>@<url>`` entries; each answer appears under ``<name>`` in
  ``vendor_data2.json``.

Related options:

* ``vendordata_providers``
"""),
    cfg.StrOpt(
        'vendordata_dynamic_ssl_certfile',
        default='',
        deprecated_group='DEFAULT',
        help="""
A CA bundle for verifying the dynamic vendordata services.

Related options:

* ``vendordata_dynamic_targets``
"""),
    cfg.IntOpt(
        'vendordata_dynamic_connect_timeout',
        default=5,
        min=3,
        deprecated_group='DEFAULT',
        help="""
Seconds to wait for a connection to a dynamic vendordata service.

Possible values:

* 3 or more seconds.

Related options:

* ``vendordata_dynamic_read_timeout``
"""),
    cfg.IntOpt(
        'vendordata_dynamic_read_timeout',
        default=5,
        min=0,
        deprecated_group='DEFAULT',
        help="""
Seconds to wait for a dynamic vendordata service to answer.

Related options:

* ``vendordata_dynamic_connect_timeout``
"""),
    cfg.BoolOpt(
        'vendordata_dynamic_failure_fatal',
        default=False,
        help="""
Fail the metadata request when a dynamic vendordata service fails.

With it off, the failure is logged and the entry left out.
"""),
    cfg.IntOpt(
        'metadata_cache_expiration',
        default=15,
        min=0,
        deprecated_group='DEFAULT',
        help="""
Seconds the metadata API caches an instance's metadata.

Possible values:

* 0: no caching.
* A positive number of seconds.
"""),
    cfg.BoolOpt(
        'local_metadata_per_cell',
        default=False,
        help="""
Run a metadata API per cell that only knows its own cell's instances.

Saves the lookup in the API database; Neutron must then send metadata
requests to the right cell's API.
"""),
    cfg.StrOpt(
        'dhcp_domain',
        default='novalocal',
        help="""
The domain appended to a server's name to form its metadata hostname.

Possible values:

* A domain name; empty means the bare server name.
"""),
    cfg.StrOpt(
        'vendordata_jsonfile_path',
        deprecated_group='DEFAULT',
        help="""
The JSON file served as static vendordata.

Related options:

* ``vendordata_providers``
"""),
]

common_opts = [
    cfg.IntOpt(
        'max_limit',
        default=1000,
        min=0,
        deprecated_group='DEFAULT',
        deprecated_name='osapi_max_limit',
        help="""
The most items a list request returns in one page.

A request asking for more gets this many plus a ``next`` link.

Possible values:

* Zero or a positive number.
"""),
    cfg.StrOpt(
        'compute_link_prefix',
        deprecated_group='DEFAULT',
        deprecated_name='osapi_compute_link_prefix',
        help="""
Replaces the scheme, host and port of compute API links in responses.

Useful behind a proxy that rewrites URLs.

Possible values:

* A URL prefix such as ``https://compute.example.org``.
"""),
    cfg.StrOpt(
        'glance_link_prefix',
        deprecated_group='DEFAULT',
        deprecated_name='osapi_glance_link_prefix',
        help="""
Replaces the scheme, host and port of image links in responses.

Possible values:

* A URL prefix such as ``https://image.example.org``.
"""),
    cfg.BoolOpt(
        'instance_list_per_project_cells',
        default=False,
        help="""
When listing servers, only ask the cells that hold the project's servers.

Faster with many cells and few projects per cell; costs a mapping query.
"""),
    cfg.StrOpt(
        'instance_list_cells_batch_strategy',
        default='distributed',
        choices=[
            ('distributed', 'Split the requested page size over the cells.'),
            ('fixed', 'Ask each cell for a fixed batch size.'),
        ],
        help="""
How a multi-cell server list sizes the batches it fetches from each cell.

Possible values:

* ``distributed`` or ``fixed`` (see the choices).

Related options:

* ``instance_list_cells_batch_fixed_size``
"""),
    cfg.IntOpt(
        'instance_list_cells_batch_fixed_size',
        default=100,
        min=10,
        help="""
The batch size per cell with the ``fixed`` strategy.

Possible values:

* An integer of at least 10.

Related options:

* ``instance_list_cells_batch_strategy``
"""),
    cfg.BoolOpt(
        'list_records_by_skipping_down_cells',
        default=True,
        help="""
Leave out the servers of unreachable cells when listing.

With it off, the list fails with an error while a cell is down.
"""),
    cfg.BoolOpt(
        'enable_instance_password',
        default=True,
        deprecated_group='DEFAULT',
        help="""
Return the generated admin password when creating or rebuilding a server.

Turn it off for hypervisors that cannot set the password.
"""),
    cfg.StrOpt(
        'response_validation',
        default='warn',
        choices=[
            ('error', ('Fail the request when its response breaks the '
                       'schema.')),
            ('warn', 'Log a warning when a response breaks the schema.'),
            ('ignore', 'Do not check responses.'),
        ],
        help="""
What happens when an API response does not match its documented schema.

Possible values:

* ``error``, ``warn`` or ``ignore`` (see the choices).
"""),
]

ALL_OPTS = auth_opts + metadata_opts + common_opts


def register_opts(conf):
    """Register the ``[api]`` group."""
    conf.register_group(api_group)
    conf.register_opts(ALL_OPTS, group=api_group)


def list_opts():
    """:returns: the ``[api]`` group and its options."""
    return {api_group: ALL_OPTS}
