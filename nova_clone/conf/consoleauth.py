"""[consoleauth]: how long a console token stays valid."""

from oslo_config import cfg

consoleauth_group = cfg.OptGroup(
    'consoleauth',
    title='Console auth options',
    help="""
Console tokens: the secret in a console URL that lets a user through the
console proxies to one guest's console.
""")

ALL_OPTS = [
    cfg.IntOpt(
        'token_ttl',
        default=600,
        min=0,
        deprecated_name='console_token_ttl',
        deprecated_group='DEFAULT',
        help="""
How many seconds a console token stays valid after it is handed out.

A token may be used any number of times until it expires; expired tokens
are removed from the database by the compute host's periodic cleanup.

Possible values:

* A number of seconds.
"""),
    cfg.BoolOpt(
        'enforce_session_timeout',
        default=False,
        help="""
Close a console session when its token expires.

By default a session opened with a valid token lasts until the user or
the guest ends it. When enabled, the proxy closes it once the token's
lifetime is over.

Related options:

* ``token_ttl``
"""),
]


def register_opts(conf):
    """Register the ``[consoleauth]`` group."""
    conf.register_group(consoleauth_group)
    conf.register_opts(ALL_OPTS, group=consoleauth_group)


def list_opts():
    """:returns: the ``[consoleauth]`` group and its options."""
    return {consoleauth_group: ALL_OPTS}
