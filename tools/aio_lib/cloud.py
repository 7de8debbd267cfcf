"""What the running cloud gets through its APIs: identity resources,
flavors, an image, openrc files, and the boot/delete self-check.

Runs inside the virtualenv (openstacksdk and keystoneauth1).
"""

import datetime
import os
import time

from tools.aio_lib import runner
from tools.aio_lib import settings as aio_settings

# name: (flavorid, ram MB, vcpus, disk GB)
FLAVORS = {
    'm1.nano': ('42', 128, 1, 1),
    'm1.tiny': ('1', 512, 1, 1),
    'm1.small': ('2', 2048, 1, 20),
    'm1.medium': ('3', 4096, 2, 40),
    'm1.large': ('4', 8192, 4, 80),
}
IMAGE_NAME = 'aio-tiny'
IMAGE_SIZE = 1024 * 1024
SELFCHECK_SERVER = 'aio-selfcheck'
# 2.37: networks "none"; lower than anything the client might negotiate.
BOOT_MICROVERSION = '2.37'


_CONNECTIONS = {}


def connect(s, user='admin', project='admin'):
    """:returns: an openstacksdk Connection for a user of the cloud.

    One per user and command: each new one costs a Keystone login.
    """
    key = (user, project, s.password(user))
    if key not in _CONNECTIONS:
        _CONNECTIONS[key] = _connect(s, user, project)
    return _CONNECTIONS[key]


def _connect(s, user, project):
    import openstack
    return openstack.connect(
        auth_url=s.auth_url, username=user, password=s.password(user),
        project_name=project, user_domain_name='Default',
        project_domain_name='Default', region_name=aio_settings.REGION,
        interface='public', identity_api_version='3', load_yaml_config=False,
        load_envvars=False)


def identity(s):
    """Projects, users, roles, services and endpoints (idempotent).

    One listing per kind of resource, then only the missing ones are
    created: every Keystone call costs a token validation.
    """
    conn = connect(s)
    ident = conn.identity
    domain_id = 'default'

    def by_name(listing, creator, names, **attrs):
        have = {r.name: r for r in listing}
        return {name: have.get(name) or creator(name=name, **attrs)
                for name in names}

    roles = by_name(ident.roles(), ident.create_role,
                    ('admin', 'member', 'reader', 'service'))
    projects = by_name(ident.projects(domain_id=domain_id),
                       ident.create_project, ('demo', 'service'),
                       domain_id=domain_id, description='tools/aio')
    users = {u.name: u for u in ident.users(domain_id=domain_id)}
    wanted = [('demo', 'demo', ('member', 'reader'))] + [
        (name, 'service', ('admin', 'service'))
        for name in aio_settings.SERVICE_USERS]
    for name, project, role_names in wanted:
        user = users.get(name)
        if user is None:
            user = ident.create_user(
                name=name, domain_id=domain_id, password=s.password(name),
                default_project_id=projects[project].id)
        else:
            # The password in secrets.json wins (a reused database).
            ident.update_user(user, password=s.password(name))
        for role in role_names:
            ident.assign_project_role_to_user(projects[project], user,
                                              roles[role])

    catalog = (('nova', 'compute', 'Compute',
                s.url('nova-api', '/v2.1')),
               ('placement', 'placement', 'Placement API',
                s.url('placement')),
               ('glance', 'image', 'Image Service', s.url('glance')))
    services = {svc.type: svc for svc in ident.services()}
    endpoints = {}
    for endpoint in ident.endpoints():
        endpoints[(endpoint.service_id, endpoint.interface)] = endpoint
    for name, stype, description, url in catalog:
        service = services.get(stype)
        if service is None:
            service = ident.create_service(name=name, type=stype,
                                           description=description,
                                           is_enabled=True)
        for interface in ('public', 'internal', 'admin'):
            endpoint = endpoints.get((service.id, interface))
            if endpoint is None:
                ident.create_endpoint(service_id=service.id,
                                      interface=interface, url=url,
                                      region_id=aio_settings.REGION)
            elif endpoint.url != url:
                ident.update_endpoint(endpoint, url=url)
    # The tokens of the cached connections have the old catalog.
    _CONNECTIONS.clear()
    return 'demo, service, nova/placement/glance, 3 catalog entries'


def _request(conn, method, stype, path, ok=(200, 201, 202, 204),
             microversion=None, **kwargs):
    headers = kwargs.pop('headers', {})
    if microversion:
        headers['OpenStack-API-Version'] = '%s %s' % (
            'compute' if stype == 'compute' else stype, microversion)
        headers['X-OpenStack-Nova-API-Version'] = microversion
    resp = conn.session.request(
        path, method, endpoint_filter={'service_type': stype,
                                       'interface': 'public',
                                       'region_name': aio_settings.REGION},
        headers=headers, raise_exc=False, **kwargs)
    if resp.status_code not in ok:
        raise runner.StepFailed('%s %s %s: HTTP %d %s' % (
            stype, method, path, resp.status_code, resp.text[:300]))
    return resp


def flavors(s):
    """The m1.* flavors through the compute API."""
    conn = connect(s)
    have = {f['name'] for f in _request(
        conn, 'GET', 'compute', '/flavors?is_public=none').json()['flavors']}
    made = []
    for name, (flavorid, ram, vcpus, disk) in FLAVORS.items():
        if name in have:
            continue
        _request(conn, 'POST', 'compute', '/flavors', json={'flavor': {
            'name': name, 'id': flavorid, 'ram': ram, 'vcpus': vcpus,
            'disk': disk, 'os-flavor-access:is_public': True}})
        made.append(name)
    return 'created %s' % ', '.join(made) if made else 'all present'


def _image_file(s):
    """A small raw disk image of zeros.

    NOTE: no boot-sector signature: Glance's format inspector would take it
    for an MBR/GPT disk without partitions and refuse it.
    """
    path = s.path('images', IMAGE_NAME + '.raw')
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(bytes(IMAGE_SIZE))
    return path


def _age(image):
    """:returns: seconds since the image last changed."""
    updated = datetime.datetime.fromisoformat(
        image['updated_at'].replace('Z', '+00:00'))
    return (datetime.datetime.now(datetime.timezone.utc) -
            updated).total_seconds()


def image(s):
    """A public raw image in Glance, uploaded once."""
    conn = connect(s)
    found = _request(conn, 'GET', 'image',
                     '/v2/images?name=%s' % IMAGE_NAME).json()['images']
    active = [i for i in found if i['status'] == 'active']
    if active:
        # NOTE: an upload that failed half-way (measured: glance on SQLite
        # answered "database is locked" to one of two concurrent ups)
        # leaves an image stuck in 'saving' under the same name, and the
        # CLI then refuses "--image aio-tiny" as ambiguous.
        for stale in found:
            if stale['status'] != 'active' and _age(stale) > 600:
                _request(conn, 'DELETE', 'image',
                         '/v2/images/%s' % stale['id'], ok=(204, 404))
        return 'present (%s)' % active[0]['id']
    for stale in found:
        _request(conn, 'DELETE', 'image', '/v2/images/%s' % stale['id'])
    created = _request(conn, 'POST', 'image', '/v2/images', json={
        'name': IMAGE_NAME, 'disk_format': 'raw', 'container_format': 'bare',
        'visibility': 'public', 'min_disk': 0, 'min_ram': 0}).json()
    with open(_image_file(s), 'rb') as f:
        _request(conn, 'PUT', 'image', '/v2/images/%s/file' % created['id'],
                 data=f.read(),
                 headers={'Content-Type': 'application/octet-stream'})
    return 'uploaded %s' % created['id']


def wait_compute_node(s, host=None, timeout=120):
    """Wait until nova-compute reported its node to Placement.

    :param host: a compute host whose node to wait for (the fake driver
        names the node after the host); None for any.
    """
    conn = connect(s)
    path = '/resource_providers' + ('?name=%s' % host if host else '')
    log = s.log_file('nova-compute' + ('-' + host if host else ''))
    deadline = time.time() + timeout
    while True:
        providers = _request(conn, 'GET', 'placement', path,
                             microversion='1.14').json()['resource_providers']
        if providers:
            return ', '.join(p['name'] for p in providers)
        if time.time() > deadline:
            raise runner.StepFailed('no compute node in Placement after %ds'
                                    % timeout, [log])
        time.sleep(1)


def delete_compute_service(s, host):
    """Delete a compute host's service record through the API; nova-api
    removes its compute nodes, host mapping and resource providers too.

    :returns: how many records went.
    """
    conn = connect(s)
    found = _request(conn, 'GET', 'compute',
                     '/os-services?binary=nova-compute&host=%s' % host,
                     microversion='2.53').json()['services']
    for service in found:
        _request(conn, 'DELETE', 'compute', '/os-services/%s'
                 % service['id'], ok=(204, 404), microversion='2.53')
    return len(found)


def wait_compute_service(s, timeout=90, fresh=20):
    """Wait until nova-compute's service record shows a recent heartbeat.

    After a restart the record is as old as the last heartbeat of the
    previous process, and the scheduler's ComputeFilter skips the host
    until the new one reports. ``fresh`` is two report intervals. Read
    from the cell database (there is no os-services API to ask yet).
    """
    import sqlalchemy as sa
    engine = sa.create_engine(s.db_url('nova'))
    services = sa.table('services', sa.column('host'),
                        sa.column('binary'), sa.column('deleted'),
                        sa.column('created_at', sa.DateTime),
                        sa.column('updated_at', sa.DateTime))
    # SQLAlchemy quotes "binary" the way each database wants it.
    query = sa.select(services.c.host, services.c.created_at,
                      services.c.updated_at).where(
        services.c.deleted == 0, services.c.binary == 'nova-compute')
    deadline = time.time() + timeout
    try:
        while True:
            with engine.connect() as conn:
                rows = conn.execute(query).fetchall()
            now = datetime.datetime.now(datetime.timezone.utc).replace(
                tzinfo=None)
            for host, created, updated in rows:
                last = updated or created
                if isinstance(last, str):
                    last = datetime.datetime.fromisoformat(last)
                if last and (now - last).total_seconds() < fresh:
                    return '%s reported %.0fs ago' % (
                        host, (now - last).total_seconds())
            if time.time() > deadline:
                raise runner.StepFailed(
                    'nova-compute did not report within %ds' % timeout,
                    [s.log_file('nova-compute')])
            time.sleep(1)
    finally:
        engine.dispose()


def write_openrc(s):
    """openrc-admin and openrc-demo in the data dir; :returns: paths."""
    paths = []
    for user, project in (('admin', 'admin'), ('demo', 'demo')):
        text = '\n'.join([
            '# tools/aio: source this file, then use the openstack CLI.',
            'export OS_AUTH_URL=%s' % s.auth_url,
            'export OS_IDENTITY_API_VERSION=3',
            'export OS_AUTH_TYPE=password',
            'export OS_USERNAME=%s' % user,
            'export OS_PASSWORD=%s' % s.password(user),
            'export OS_PROJECT_NAME=%s' % project,
            'export OS_USER_DOMAIN_NAME=Default',
            'export OS_PROJECT_DOMAIN_NAME=Default',
            'export OS_REGION_NAME=%s' % aio_settings.REGION,
            'export OS_INTERFACE=public',
            'export PATH=%s:$PATH' % os.path.join(s.venv, 'bin'),
            ''])
        runner.write_file(s.openrc_path(user), text, 0o600)
        paths.append(s.openrc_path(user))
    return ' '.join(paths)


def _wait_server(s, conn, server_id, wanted, timeout):
    deadline = time.time() + timeout
    while True:
        resp = _request(conn, 'GET', 'compute', '/servers/%s' % server_id,
                        ok=(200, 404), microversion=BOOT_MICROVERSION)
        if resp.status_code == 404:
            status = 'DELETED'
        else:
            server = resp.json()['server']
            status = server['status']
            if status == 'ERROR' and wanted != 'ERROR':
                raise runner.StepFailed('server %s went to ERROR: %s' % (
                    server_id, server.get('fault', {}).get('message')),
                    [s.log_file('nova-compute'),
                     s.log_file('nova-conductor')])
        if status == wanted:
            return
        if time.time() > deadline:
            raise runner.StepFailed('server %s is %s, not %s, after %ds' % (
                server_id, status, wanted, timeout),
                [s.log_file('nova-compute'), s.log_file('nova-conductor')])
        time.sleep(0.5)


def selfcheck(s, timeout=120):
    """As demo: boot m1.tiny with the image and no network, wait ACTIVE,
    delete, wait until it is gone. :returns: the timings."""
    conn = connect(s, 'demo', 'demo')
    images = _request(conn, 'GET', 'image',
                      '/v2/images?name=%s' % IMAGE_NAME).json()['images']
    if not images:
        raise runner.StepFailed('image %s is missing' % IMAGE_NAME)
    for old in _request(conn, 'GET', 'compute', '/servers?name=%s' %
                        SELFCHECK_SERVER).json().get('servers', []):
        _request(conn, 'DELETE', 'compute', '/servers/%s' % old['id'],
                 ok=(204, 404))
    started = time.time()
    resp = _request(conn, 'POST', 'compute', '/servers',
                    ok=(202,), microversion=BOOT_MICROVERSION, json={
                        'server': {'name': SELFCHECK_SERVER,
                                   'flavorRef': FLAVORS['m1.tiny'][0],
                                   'imageRef': images[0]['id'],
                                   'networks': 'none'}})
    server_id = resp.json()['server']['id']
    _wait_server(s, conn, server_id, 'ACTIVE', timeout)
    active = time.time() - started
    _request(conn, 'DELETE', 'compute', '/servers/%s' % server_id,
             ok=(204,))
    _wait_server(s, conn, server_id, 'DELETED', timeout)
    return 'server %s ACTIVE in %.1fs, deleted in %.1fs' % (
        server_id, active, time.time() - started - active)
