"""Daemons as plain processes: a PID file and a log file each."""

import os
import signal
import subprocess
import time


class Daemon(object):
    """One long-running process of the cloud.

    :param name: service name (``keystone``, ``nova-api``...).
    :param argv: the command line.
    :param env: extra environment.
    :param port: TCP port it serves on 127.0.0.1, or None.
    :param health: URL path for the HTTP health check, or None.
    """

    def __init__(self, settings, name, argv, env=None, port=None,
                 health=None):
        self.settings = settings
        self.name = name
        self.argv = list(argv)
        self.env = env or {}
        self.port = port
        self.health = health

    @property
    def pid_file(self):
        return self.settings.path('run', self.name + '.pid')

    @property
    def log(self):
        return self.settings.log_file(self.name)

    def pid(self):
        """:returns: the PID if the process of our PID file still runs."""
        try:
            with open(self.pid_file) as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            return None
        proc = getattr(self, '_proc', None)
        if proc is not None and proc.pid == pid:
            # Started by us just now (maybe not exec'd yet).
            return pid if proc.poll() is None else None
        try:
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                cmdline = f.read().replace(b'\0', b' ').decode('utf-8',
                                                               'replace')
            with open('/proc/%d/stat' % pid) as f:
                state = f.read().rsplit(')', 1)[1].split()[0]
        except OSError:
            return None
        # NOTE: a PID is reused after the process dies; only trust it when
        # the command line is still ours (and it is not a zombie).
        if state == 'Z' or os.path.basename(self.argv[0]) not in cmdline:
            return None
        return pid

    def start(self):
        """Start the process in its own session; :returns: its PID."""
        os.makedirs(os.path.dirname(self.pid_file), exist_ok=True)
        os.makedirs(os.path.dirname(self.log), exist_ok=True)
        env = dict(os.environ)
        env.update(self.env)
        with open(self.log, 'ab') as out:
            out.write(('\n==== %s starting: %s\n' % (
                time.strftime('%Y-%m-%d %H:%M:%S'),
                ' '.join(self.argv))).encode())
            out.flush()
            proc = subprocess.Popen(self.argv, stdout=out,
                                    stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, env=env,
                                    cwd=self.settings.data_dir,
                                    start_new_session=True, close_fds=True)
        with open(self.pid_file, 'w') as f:
            f.write('%d\n' % proc.pid)
        # Reap it in the background if it dies while we still run.
        self._proc = proc
        return proc.pid

    def exited(self):
        """:returns: the exit code if the process we started has died."""
        proc = getattr(self, '_proc', None)
        return None if proc is None else proc.poll()

    def stop(self, timeout=30):
        """SIGTERM the process group, wait, then SIGKILL; keeps the data.

        :returns: True if something was running.
        """
        pid = self.pid()
        if pid is None:
            self._remove_pid_file()
            return False
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        except PermissionError:
            os.kill(pid, signal.SIGTERM)
        deadline = time.time() + timeout
        while time.time() < deadline and self._group_alive(pid):
            time.sleep(0.2)
        if self._group_alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            time.sleep(0.5)
        self._remove_pid_file()
        return True

    def _group_alive(self, pgid):
        # Workers of gunicorn live in the same process group.
        if self.exited() is not None and not self._members(pgid):
            return False
        return bool(self._members(pgid))

    @staticmethod
    def _members(pgid):
        members = []
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % entry) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            # fields: state ppid pgrp ...
            if int(fields[2]) == pgid and fields[0] != 'Z':
                members.append(int(entry))
        return members

    def _remove_pid_file(self):
        try:
            os.unlink(self.pid_file)
        except FileNotFoundError:
            pass
