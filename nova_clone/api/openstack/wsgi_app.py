"""Build the API WSGI apps for a WSGI server (uwsgi, gunicorn, mod_wsgi).

As nova does: the config files come from ``OS_NOVA_CONFIG_DIR`` (default
``/etc/nova``) and ``OS_NOVA_CONFIG_FILES`` (``;``-separated, default
``nova.conf``); the paste pipeline from ``[wsgi] api_paste_config``
(looked up next to the config files), then ``api-paste.ini`` in the
config directory, then the copy shipped in ``etc/nova``.
"""

import os
import sys

from oslo_log import log as logging
from paste import deploy

from nova_clone import config
from nova_clone import conf as nova_conf
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

CONFIG_FILES = ['nova.conf']
# NOTE: a source checkout keeps it next to the package; pip installs the
# data file under the environment's prefix.
_SHIPPED_PASTES = (
    os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..',
                                 'etc', 'nova', 'api-paste.ini')),
    os.path.join(sys.prefix, 'etc', 'nova', 'api-paste.ini'),
)


def get_config_files(env=None):
    """:returns: the config files named by the environment."""
    env = os.environ if env is None else env
    dirname = env.get('OS_NOVA_CONFIG_DIR', '/etc/nova').strip()
    files = [f for f in env.get('OS_NOVA_CONFIG_FILES', '').split(';')
             if f.strip()]
    files = files or CONFIG_FILES
    return [os.path.join(dirname, f.strip()) for f in files]


def find_paste_config(env=None):
    """:returns: the absolute path of the paste.deploy file to load.

    :raises ConfigFileNotFound:
    """
    from nova_clone import exception
    env = os.environ if env is None else env
    name = CONF.wsgi.api_paste_config
    candidates = []
    if os.path.isabs(name):
        candidates.append(name)
    else:
        found = CONF.find_file(name)
        if found:
            candidates.append(found)
        dirname = env.get('OS_NOVA_CONFIG_DIR', '/etc/nova').strip()
        candidates.append(os.path.join(dirname, name))
        candidates.extend(_SHIPPED_PASTES)
    for path in candidates:
        if os.path.exists(path):
            return os.path.abspath(path)
    raise exception.ConfigFileNotFound(path=name)


def load_app(name, paste_config=None):
    """:returns: the paste app ``name`` from the (given) paste file."""
    path = paste_config or find_paste_config()
    LOG.debug('Loading app %(name)s from %(path)s',
              {'name': name, 'path': path})
    return deploy.loadapp('config:%s' % os.path.abspath(path), name=name)


def init_application(name, argv=None, env=None):
    """Parse config, set up logging and objects, return the app ``name``.

    :param name: a paste section, e.g. ``osapi_compute``.
    :param argv: full argv (``--config-file`` etc.); when None only the
        environment's config files are read.
    """
    files = [f for f in get_config_files(env) if os.path.exists(f)]
    config.parse_args(argv or ['nova-api-wsgi'],
                      default_config_files=files)
    config.setup_logging('nova')
    objects.register_all()
    return load_app(name)
