"""[service_user]: the service token sent along with the user's token."""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

from nova_clone.conf import utils as confutils

SERVICE_USER_GROUP = 'service_user'

service_user = cfg.OptGroup(
    SERVICE_USER_GROUP,
    title='Service token authentication type options',
    help="""
Credentials of the nova service user. When enabled, calls to other services
made on behalf of a user carry a service token as well, so that a long
operation (a slow live migration, a big snapshot) keeps working after the
user's token has expired.
""")

service_user_opts = [
    cfg.BoolOpt(
        'send_service_user_token',
        default=False,
        help="""
Send a service token together with the user's token on calls to peers.

The peer (with keystonemiddleware's service token support) then accepts the
request even when the user's token expired during the operation. Some
operations, such as attaching volumes, need it in recent releases.

Related options:

* The auth options of this group, which name the service user.
"""),
]


def register_opts(conf):
    """Register the flag plus keystoneauth session and auth options."""
    conf.register_group(service_user)
    conf.register_opts(service_user_opts, group=service_user)
    ks_loading.register_session_conf_options(conf, SERVICE_USER_GROUP)
    ks_loading.register_auth_conf_options(conf, SERVICE_USER_GROUP)


def list_opts():
    """:returns: the ``[service_user]`` group and its options."""
    return {service_user: (service_user_opts +
                           ks_loading.get_session_conf_options() +
                           confutils.auth_list())}
