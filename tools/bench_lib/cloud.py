"""A compute API client built from an openrc file (keystoneauth1 only)."""

import os
import subprocess

from keystoneauth1 import adapter
from keystoneauth1 import loading
from keystoneauth1 import session as ks_session


def read_openrc(path):
    """:returns: the ``OS_*`` variables ``path`` exports (sourced by bash,
    so quoting and variable references behave as for a user).
    """
    out = subprocess.run(
        ['bash', '-c', 'set -a; source "$1" >/dev/null; env -0', '_', path],
        check=True, capture_output=True, env={'PATH': os.environ['PATH']})
    env = {}
    for item in out.stdout.split(b'\0'):
        key, _sep, value = item.decode().partition('=')
        if key.startswith('OS_'):
            env[key] = value
    return env


class Cloud:
    """One cloud: a name, a keystoneauth session, a compute adapter."""

    def __init__(self, openrc, microversion='2.latest', name=None):
        self.openrc = openrc
        self.name = name or os.path.basename(os.path.dirname(
            os.path.abspath(openrc))) or openrc
        env = read_openrc(openrc)
        loader = loading.get_plugin_loader('password')
        auth = loader.load_from_options(
            auth_url=env['OS_AUTH_URL'], username=env['OS_USERNAME'],
            password=env['OS_PASSWORD'],
            project_name=env.get('OS_PROJECT_NAME'),
            user_domain_name=env.get('OS_USER_DOMAIN_NAME', 'Default'),
            project_domain_name=env.get('OS_PROJECT_DOMAIN_NAME',
                                        'Default'))
        self.session = ks_session.Session(auth=auth)
        # NOTE: OS_COMPUTE_ENDPOINT_OVERRIDE (openstacksdk's spelling)
        # points at a compute API the catalog does not list: how the
        # upstream nova of ``tools/bench upstream-up`` is reached.
        self.compute = adapter.Adapter(
            self.session, service_type='compute',
            interface=env.get('OS_INTERFACE', 'public'),
            region_name=env.get('OS_REGION_NAME'),
            endpoint_override=env.get('OS_COMPUTE_ENDPOINT_OVERRIDE'))
        self.image = adapter.Adapter(
            self.session, service_type='image',
            interface=env.get('OS_INTERFACE', 'public'),
            region_name=env.get('OS_REGION_NAME'))
        self.microversion = self._resolve(microversion)

    def _resolve(self, microversion):
        if microversion != '2.latest':
            return microversion
        root = self.compute.get('/', raise_exc=True).json()
        return root['version']['version']

    def request(self, method, path, json=None, raise_exc=True):
        """:returns: the response of ``method path`` at our microversion."""
        return self.compute.request(
            path, method, json=json, raise_exc=raise_exc,
            headers={'OpenStack-API-Version':
                     'compute %s' % self.microversion})

    def get(self, path):
        return self.request('GET', path).json()

    def pick_flavor(self, name=None):
        """:returns: the id of ``name`` or of the flavor with least RAM."""
        flavors = self.get('/flavors/detail')['flavors']
        if name:
            for flavor in flavors:
                if name in (flavor['name'], flavor['id']):
                    return flavor['id']
            raise SystemExit('no flavor %s in %s' % (name, self.name))
        return min(flavors, key=lambda f: (f['ram'], f['vcpus']))['id']

    def pick_image(self, name=None):
        images = self.image.get('/v2/images?status=active').json()['images']
        for image in images:
            if name in (None, image['name'], image['id']):
                return image['id']
        raise SystemExit('no active image %s in %s' % (name or '', self.name))

    def unlimit_quotas(self):
        """Lift the instance/cores/ram quotas of our project (needs admin;
        a benchmark of hundreds of servers would hit the defaults).
        """
        project = self.session.get_project_id()
        self.request('PUT', '/os-quota-sets/%s' % project, json={
            'quota_set': {'instances': -1, 'cores': -1, 'ram': -1}},
            raise_exc=False)
