"""boot: N servers posted by C concurrent clients, then all deleted.

Measures, per server, the POST latency and the time from sending the POST
until the server is first seen ACTIVE (one poller lists the servers every
``poll`` seconds, so that time has ``poll`` resolution), the throughput
(ACTIVE servers per second from the first POST until the last one
settled), the errors, and then the same for deleting them all.
"""

import concurrent.futures
import threading
import time
import uuid

from tools.bench_lib import stats


def _post_all(cloud, bodies, concurrency):
    """:returns: {name: (post start, post seconds, server id or None)}."""
    def post(body):
        start = time.monotonic()
        resp = cloud.request('POST', '/servers', json=body, raise_exc=False)
        took = time.monotonic() - start
        server_id = None
        if resp.status_code == 202:
            server_id = resp.json()['server']['id']
        return body['server']['name'], (start, took, server_id,
                                         resp.status_code)

    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        return dict(pool.map(post, bodies))


class _Poller(threading.Thread):
    """Lists the benchmark's servers and notes when each settles."""

    def __init__(self, cloud, prefix, poll):
        super().__init__(daemon=True)
        self.cloud, self.prefix, self.poll = cloud, prefix, poll
        self.seen = {}
        self.present = None
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                servers = self.cloud.get('/servers/detail?name=^%s-'
                                         % self.prefix)['servers']
            except Exception:  # noqa: BLE001 - keep polling through blips
                time.sleep(self.poll)
                continue
            now = time.monotonic()
            self.present = {s['id'] for s in servers}
            for server in servers:
                if server['status'] in ('ACTIVE', 'ERROR'):
                    self.seen.setdefault(server['id'],
                                         (server['status'], now))
            time.sleep(self.poll)


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def run(cloud, count=50, concurrency=10, flavor=None, image=None,
        timeout=900, poll=0.5):
    """:returns: the boot and delete measurements as one dict."""
    prefix = 'bench-%s' % uuid.uuid4().hex[:6]
    flavor_id, image_id = cloud.pick_flavor(flavor), cloud.pick_image(image)
    bodies = []
    for i in range(count):
        server = {'name': '%s-%04d' % (prefix, i), 'flavorRef': flavor_id,
                  'imageRef': image_id}
        major, minor = map(int, cloud.microversion.split('.'))
        if (major, minor) >= (2, 37):
            server['networks'] = 'none'
        bodies.append({'server': server})

    poller = _Poller(cloud, prefix, poll)
    poller.start()
    started = time.monotonic()
    posted = _post_all(cloud, bodies, concurrency)
    ids = {v[2]: v for v in posted.values() if v[2]}
    _wait(lambda: set(ids) <= set(poller.seen), timeout)
    settled = time.monotonic()
    active = {sid: t for sid, (status, t) in poller.seen.items()
              if sid in ids and status == 'ACTIVE'}
    to_active = [t - ids[sid][0] for sid, t in active.items()]
    last = max(active.values()) if active else settled
    result = {
        'scenario': 'boot', 'cloud': cloud.name, 'count': count,
        'concurrency': concurrency,
        'post': stats.summary([v[1] for v in posted.values()]),
        'to_active': stats.summary(to_active),
        'active_per_s': len(active) / (last - started) if active else 0.0,
        'errors': count - len(active),
        'post_errors': sum(1 for v in posted.values() if not v[2]),
        'boot_seconds': settled - started,
    }

    start_delete = time.monotonic()

    def delete(server_id):
        begin = time.monotonic()
        cloud.request('DELETE', '/servers/%s' % server_id, raise_exc=False)
        return time.monotonic() - begin

    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        delete_latency = list(pool.map(delete, list(ids)))
    gone = _wait(lambda: poller.present is not None and
                 not (poller.present & set(ids)), timeout)
    poller.stop.set()
    result.update({
        'delete': stats.summary(delete_latency),
        'delete_seconds': time.monotonic() - start_delete,
        'delete_complete': gone,
    })
    return result
