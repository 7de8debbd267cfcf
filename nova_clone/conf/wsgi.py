"""[wsgi]: the HTTP server settings of the API daemons."""

from oslo_config import cfg

wsgi_group = cfg.OptGroup(
    'wsgi',
    title='WSGI Options',
    help="""
How the API daemons load their paste pipeline and, when they serve HTTP
themselves rather than under uwsgi or mod_wsgi, how the server behaves.
""")

api_opts = [
    cfg.StrOpt(
        'api_paste_config',
        default='api-paste.ini',
        deprecated_group='DEFAULT',
        help="""
The paste.deploy file that defines the API pipelines.

A relative name is looked up next to the configuration files.

Possible values:

* A file name or an absolute path.
"""),
    cfg.StrOpt(
        'wsgi_log_format',
        default='%(client_ip)s "%(request_line)s" status: %(status_code)s'
                ' len: %(body_length)s time: %(wall_seconds).7f',
        deprecated_group='DEFAULT',
        help="""
The format of the access log line written per request.

Possible values:

* A ``%``-format string using ``client_ip``, ``request_line``,
  ``status_code``, ``body_length`` and ``wall_seconds``.
"""),
    cfg.StrOpt(
        'secure_proxy_ssl_header',
        deprecated_group='DEFAULT',
        help="""
The header a TLS-terminating proxy sets to give the original scheme.

Possible values:

* A header name, e.g. ``HTTP_X_FORWARDED_PROTO``; unset ignores it.
"""),
    cfg.StrOpt(
        'ssl_ca_file',
        deprecated_group='DEFAULT',
        help="""
The CA certificate file used to verify connecting clients.

Related options:

* ``ssl_cert_file``, ``ssl_key_file``
"""),
    cfg.StrOpt(
        'ssl_cert_file',
        deprecated_group='DEFAULT',
        help="""
The server's TLS certificate.

Related options:

* ``ssl_key_file``
* ``[DEFAULT] enabled_ssl_apis``
"""),
    cfg.StrOpt(
        'ssl_key_file',
        deprecated_group='DEFAULT',
        help="""
The private key of the server's TLS certificate.

Related options:

* ``ssl_cert_file``
"""),
    cfg.IntOpt(
        'tcp_keepidle',
        default=600,
        deprecated_group='DEFAULT',
        help="""
Seconds a connection sits idle before TCP keepalive probes start.
"""),
    cfg.IntOpt(
        'default_pool_size',
        default=1000,
        deprecated_group='DEFAULT',
        deprecated_name='wsgi_default_pool_size',
        help="""
How many requests one API worker handles concurrently.
"""),
    cfg.IntOpt(
        'max_header_line',
        default=16384,
        deprecated_group='DEFAULT',
        help="""
The longest request header line accepted, in bytes.

Large Keystone tokens (with many roles or catalog entries) may need more.
"""),
    cfg.BoolOpt(
        'keep_alive',
        default=True,
        deprecated_group='DEFAULT',
        deprecated_name='wsgi_keep_alive',
        help="""
Keep client connections open between requests.

Related options:

* ``client_socket_timeout``
"""),
    cfg.IntOpt(
        'client_socket_timeout',
        default=900,
        deprecated_group='DEFAULT',
        help="""
Seconds a client connection may stay idle before it is closed.

Possible values:

* 0: wait forever.
* A positive number of seconds.
"""),
]

ALL_OPTS = api_opts


def register_opts(conf):
    """Register the ``[wsgi]`` group."""
    conf.register_group(wsgi_group)
    conf.register_opts(ALL_OPTS, group=wsgi_group)


def list_opts():
    """:returns: the ``[wsgi]`` group and its options."""
    return {wsgi_group: ALL_OPTS}
