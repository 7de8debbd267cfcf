"""daemons: RSS and CPU seconds of each nova daemon while a scenario runs.

Processes are found in /proc: a process belongs to a daemon when its
command line names it (``nova-api``, ``nova-scheduler``,
``nova-conductor``, ``nova-compute``, or a WSGI server running the
compute API) and contains ``match`` (by default the directory of the
cloud's openrc with a trailing slash, which the daemons' ``--config-file``
paths share, so two clouds on one machine are told apart, even
/var/lib/nova-clone-aio and /var/lib/nova-clone-aio-mysql). Workers add up
under their daemon: they are found as the descendants of the matching
processes, since oslo.service and gunicorn retitle their workers
("nova-conductor: ... worker", "gunicorn: worker [...]") and the new
title no longer names the configuration.
"""

import os
import threading
import time

DAEMONS = ('nova-api', 'nova-scheduler', 'nova-conductor', 'nova-compute')
_API_HINTS = ('osapi_compute', 'nova-api-wsgi', 'nova.wsgi', 'upstream_wsgi')
_CLK = os.sysconf('SC_CLK_TCK')
_PAGE = os.sysconf('SC_PAGE_SIZE')


def _cmdline(pid):
    try:
        with open('/proc/%s/cmdline' % pid, 'rb') as f:
            return f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return ''


def _daemon_of(cmdline):
    for name in DAEMONS:
        if name in cmdline:
            return name
    if any(hint in cmdline for hint in _API_HINTS):
        return 'nova-api'
    return None


def _parents():
    """:returns: {pid: parent pid} of every process."""
    parents = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % pid) as f:
                parents[int(pid)] = int(f.read().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return parents


def find(match):
    """:returns: {pid: daemon name} of the processes of one cloud."""
    parents = _parents()
    found = {}
    for pid in parents:
        cmdline = _cmdline(pid)
        name = _daemon_of(cmdline)
        if name and match in cmdline:
            found[pid] = name
    # Workers: walk up from every process to a matched ancestor.
    for pid in parents:
        ancestor = parents.get(pid)
        while ancestor and ancestor not in found:
            ancestor = parents.get(ancestor)
        if ancestor and pid not in found:
            found[pid] = found[ancestor]
    return found


def _sample(pid):
    """:returns: (cpu seconds, rss bytes) of ``pid`` or None if gone."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        with open('/proc/%d/statm' % pid) as f:
            rss_pages = int(f.read().split()[1])
    except OSError:
        return None
    cpu = (int(fields[11]) + int(fields[12])) / _CLK
    return cpu, rss_pages * _PAGE


class Watch:
    """Samples the daemons of one cloud until stopped."""

    def __init__(self, match, interval=0.5):
        self.pids = find(match)
        self.interval = interval
        self.first = {pid: _sample(pid) for pid in self.pids}
        self.last = dict(self.first)
        self.peak = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for pid in self.pids:
                sample = _sample(pid)
                if sample is not None:
                    self.last[pid] = sample
                    self.peak[pid] = max(self.peak.get(pid, 0), sample[1])
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def result(self):
        """:returns: {daemon: {rss_mb (peak, summed), cpu_s, processes}}."""
        out = {}
        for pid, name in self.pids.items():
            if self.first.get(pid) is None or self.last.get(pid) is None:
                continue
            entry = out.setdefault(name, {'rss_mb': 0.0, 'cpu_s': 0.0,
                                          'processes': 0})
            entry['rss_mb'] += self.peak.get(pid, self.last[pid][1]) / 2**20
            entry['cpu_s'] += self.last[pid][0] - self.first[pid][0]
            entry['processes'] += 1
        return out
