"""nova-api: the compute REST API as a standalone daemon.

The same paste application that uwsgi or gunicorn would load from
``nova_clone.wsgi.osapi_compute`` is served by cheroot (a threaded,
production WSGI server) on ``[DEFAULT] osapi_compute_listen`` and
``osapi_compute_listen_port``. With ``osapi_compute_workers`` > 1 the
process forks that many workers, each with its own server on the shared
port (SO_REUSEPORT), so requests spread over the cores.
"""

import os
import signal
import sys

from nova_clone import monkey_patch

# NOTE: threads per worker: the API mostly waits on databases and peers.
THREADS_PER_WORKER = 32


def _serve(app, host, port, reuse_port):
    import threading

    from cheroot import wsgi as cheroot_wsgi

    from nova_clone import concurrency
    server = cheroot_wsgi.Server((host, port), app,
                                 numthreads=THREADS_PER_WORKER,
                                 server_name='nova-api',
                                 request_queue_size=128,
                                 reuse_port=reuse_port)
    done = threading.Event()

    def _stop(signum, frame):
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server.prepare()
    # NOTE: the accept loop runs beside the main thread, which waits for a
    # signal; stop() from inside the loop's own thread would deadlock.
    loop = concurrency.spawn(server.serve)
    while not done.wait(1):
        if loop.done():
            break
    # NOTE: stop() lets the requests in flight finish.
    server.stop()
    loop.result()
    return 0


def _run_workers(app, host, port, workers):
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            code = _serve(app, host, port, reuse_port=True)
            os._exit(code)
        children.append(pid)

    def _forward(signum, frame):
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, _forward)
    signal.signal(signal.SIGINT, _forward)
    status = 0
    for child in children:
        _pid, code = os.waitpid(child, 0)
        status = status or os.waitstatus_to_exitcode(code)
    return status


def main(argv=None):
    """Serve the compute API until SIGTERM; :returns: the exit code."""
    # NOTE: first thing, before the libraries below are imported.
    monkey_patch.patch(default=monkey_patch.THREADING)

    from nova_clone.api.openstack import wsgi_app
    from nova_clone.cmd import daemon
    from nova_clone import rpc

    CONF = daemon.prepare(argv, 'nova-api')
    app = wsgi_app.load_app('osapi_compute')
    host = CONF.osapi_compute_listen
    port = CONF.osapi_compute_listen_port
    workers = CONF.osapi_compute_workers or os.cpu_count() or 1
    import logging
    logging.getLogger(__name__).info(
        'nova-api listening on %s:%s with %d worker(s)', host, port, workers)
    try:
        if workers == 1:
            return _serve(app, host, port, reuse_port=False)
        return _run_workers(app, host, port, workers)
    finally:
        rpc.cleanup()


if __name__ == '__main__':
    sys.exit(main())
