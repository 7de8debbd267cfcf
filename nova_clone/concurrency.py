"""The one place that spawns, pools and sleeps (DESIGN.md §8).

Code elsewhere calls :func:`spawn`, :func:`sleep` and :func:`get_pool`
instead of touching eventlet or threading, so every daemon runs unchanged
on either backend chosen by :mod:`nova_clone.monkey_patch`.
"""

import threading
import time

import futurist

from nova_clone import monkey_patch

_POOLS = {}
_POOLS_LOCK = threading.Lock()

# NOTE: pool sizes when no configuration is loaded (tools, unit tests).
DEFAULT_POOL_SIZE = 10


def _make_executor(max_workers):
    if monkey_patch.is_eventlet():
        return futurist.GreenThreadPoolExecutor(max_workers=max_workers)
    return futurist.ThreadPoolExecutor(max_workers=max_workers)


def get_pool(name='default', size=None):
    """:returns: the named executor, created on first use.

    :param name: ``default``, ``cell_worker`` or a caller-chosen name.
    :param size: worker count when the pool is created.
    """
    with _POOLS_LOCK:
        pool = _POOLS.get(name)
        if pool is None:
            pool = _make_executor(size or DEFAULT_POOL_SIZE)
            _POOLS[name] = pool
        return pool


def spawn(func, *args, **kwargs):
    """Run ``func`` on the default pool.

    :returns: a future; ``.result()`` re-raises the function's exception.
    """
    return get_pool('default').submit(func, *args, **kwargs)


def spawn_on(pool_name, func, *args, **kwargs):
    """Run ``func`` on the pool ``pool_name``; :returns: a future."""
    return get_pool(pool_name).submit(func, *args, **kwargs)


def sleep(seconds):
    """Sleep cooperatively (yields to other green threads under eventlet)."""
    if monkey_patch.is_eventlet():
        import eventlet
        eventlet.sleep(seconds)
    else:
        time.sleep(seconds)


def cooperative_yield():
    """Let other threads run; a no-op cost under native threads."""
    sleep(0)


def shutdown_pools(wait=True):
    """Stop every pool (service stop and test cleanup)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=wait)
