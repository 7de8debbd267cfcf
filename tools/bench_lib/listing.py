"""list: read-path latency with M servers existing.

Creates the missing servers with multi-create requests (named
``benchlist-<n>``), waits for them to settle, then times each listing
``repeat`` times: ``GET /servers/detail``, with ``limit=1000``, with a
name filter, with ``changes-since``, and ``GET /flavors/detail`` and
``GET /os-hypervisors/detail``.
"""

import datetime
import time

from tools.bench_lib import stats

PREFIX = 'benchlist'
BATCH = 100


def _existing(cloud):
    return cloud.get('/servers/detail?name=^%s-' % PREFIX)['servers']


def ensure_servers(cloud, wanted, flavor=None, image=None, timeout=3600):
    """Boot servers until ``wanted`` of ours exist and none builds."""
    flavor_id, image_id = cloud.pick_flavor(flavor), cloud.pick_image(image)
    have = len(_existing(cloud))
    batch_no = 0
    while have < wanted:
        batch = min(BATCH, wanted - have)
        server = {'name': '%s-%d-%d' % (PREFIX, int(time.time()), batch_no),
                  'flavorRef': flavor_id, 'imageRef': image_id,
                  'min_count': batch, 'max_count': batch}
        if tuple(map(int, cloud.microversion.split('.'))) >= (2, 37):
            server['networks'] = 'none'
        cloud.request('POST', '/servers', json={'server': server})
        have += batch
        batch_no += 1
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        servers = _existing(cloud)
        if all(s['status'] in ('ACTIVE', 'ERROR') for s in servers):
            return len(servers)
        time.sleep(1)
    raise SystemExit('servers did not settle in %ss' % timeout)


def delete_servers(cloud):
    for server in _existing(cloud):
        cloud.request('DELETE', '/servers/%s' % server['id'],
                      raise_exc=False)


def _time(cloud, path, repeat):
    took = []
    for _ in range(repeat):
        start = time.monotonic()
        cloud.request('GET', path)
        took.append(time.monotonic() - start)
    return stats.summary(took)


def run(cloud, servers=50, repeat=20, flavor=None, image=None,
        cleanup=False, settle_timeout=3600):
    """:returns: the listing latencies as one dict."""
    # NOTE: upstream nova on a loaded 2-core machine built 200 servers
    # (multi-create, 100 per request) in ~33 min: 30 min was too short.
    existing = ensure_servers(cloud, servers, flavor, image,
                              timeout=settle_timeout)
    since = (datetime.datetime.utcnow() - datetime.timedelta(hours=1)
             ).strftime('%Y-%m-%dT%H:%M:%SZ')
    paths = {
        'servers_detail': '/servers/detail',
        'servers_detail_limit1000': '/servers/detail?limit=1000',
        'servers_detail_name': '/servers/detail?name=%s-' % PREFIX,
        'servers_detail_changes_since':
            '/servers/detail?changes-since=%s' % since,
        'flavors_detail': '/flavors/detail',
        'hypervisors_detail': '/os-hypervisors/detail',
    }
    result = {'scenario': 'list', 'cloud': cloud.name,
              'servers': existing, 'repeat': repeat}
    for key, path in paths.items():
        result[key] = _time(cloud, path, repeat)
    if cleanup:
        delete_servers(cloud)
    return result
