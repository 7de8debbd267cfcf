"""Steps with stamps, one progress line each, and the failure report."""

import os
import subprocess
import sys
import time

# Set by tools/aio before re-executing itself inside the virtualenv, so the
# elapsed seconds keep counting from the first command.
T0 = float(os.environ.get('AIO_T0') or time.time())


class StepFailed(Exception):
    """A step failed; carries the log files worth showing."""

    def __init__(self, message, logs=()):
        super().__init__(message)
        self.logs = [log for log in logs if log]


def elapsed():
    return time.time() - T0


def say(message):
    print('[aio %6.1fs] %s' % (elapsed(), message), flush=True)


def tail(path, lines=30):
    """:returns: the last lines of a file, or a note if it is missing."""
    try:
        with open(path, 'rb') as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            data = f.read().decode('utf-8', 'replace')
    except OSError as exc:
        return '(no log: %s)' % exc
    return '\n'.join(data.splitlines()[-lines:])


class Runner(object):
    """Runs the steps of ``up``; a stamp file marks each finished step."""

    def __init__(self, settings):
        self.settings = settings
        self.stamp_dir = settings.path('stamps')

    def stamp_path(self, name):
        return os.path.join(self.stamp_dir, name)

    def done(self, name, token=''):
        """:returns: whether step ``name`` finished with this token."""
        try:
            with open(self.stamp_path(name)) as f:
                return f.read().strip() == token
        except OSError:
            return False

    def mark(self, name, token=''):
        os.makedirs(self.stamp_dir, exist_ok=True)
        with open(self.stamp_path(name), 'w') as f:
            f.write(token + '\n')

    def forget(self, name):
        try:
            os.unlink(self.stamp_path(name))
        except FileNotFoundError:
            pass

    def step(self, name, func, stamp=None, token='', logs=()):
        """Run one step and print one line with the elapsed seconds.

        :param name: what the line says.
        :param func: callable; its return value (a short string) is shown.
        :param stamp: stamp name; the step is skipped when it is present.
        :param token: stamp content; a different one re-runs the step.
        :param logs: log files shown when the step fails.
        :raises StepFailed: with the step's name and logs.
        """
        if stamp and self.done(stamp, token):
            say('%-34s skipped (done before)' % name)
            return None
        started = time.time()
        try:
            result = func()
        except StepFailed as exc:
            raise StepFailed('%s: %s' % (name, exc),
                             list(exc.logs) + list(logs))
        except Exception as exc:
            raise StepFailed('%s: %s: %s' % (name, type(exc).__name__, exc),
                             logs)
        if stamp:
            self.mark(stamp, token)
        note = (' - %s' % result) if isinstance(result, str) and result \
            else ''
        say('%-34s ok (%.1fs)%s' % (name, time.time() - started, note))
        return result


def report_failure(exc):
    """Print a failed step, the tail of its logs; :returns: exit code."""
    say('FAILED %s' % exc)
    for log in getattr(exc, 'logs', ()):
        print('---- last lines of %s ----' % log, file=sys.stderr)
        print(tail(log), file=sys.stderr)
    return 1


def run(cmd, log, env=None, check=True, timeout=1800, input=None):
    """Run a command, appending its output to ``log``.

    :returns: the CompletedProcess (output in the log, not captured).
    :raises StepFailed: on a non-zero exit when ``check`` is set.
    """
    os.makedirs(os.path.dirname(log), exist_ok=True)
    full_env = dict(os.environ)
    full_env.update(env or {})
    with open(log, 'ab') as out:
        out.write(('\n$ %s\n' % ' '.join(cmd)).encode())
        out.flush()
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT,
                              env=full_env, timeout=timeout,
                              input=input.encode() if input else None,
                              stdin=None if input else subprocess.DEVNULL)
    if check and proc.returncode != 0:
        raise StepFailed('%s exited with %d' % (cmd[0], proc.returncode),
                         [log])
    return proc


def write_ini(path, sections, mode=0o640):
    """Write an ini file from ``{section: {option: value}}``.

    :returns: whether the content changed.
    """
    lines = []
    for section, options in sections.items():
        lines.append('[%s]' % section)
        for key, value in options.items():
            if value is None:
                continue
            if isinstance(value, bool):
                value = 'true' if value else 'false'
            lines.append('%s = %s' % (key, value))
        lines.append('')
    return write_file(path, '\n'.join(lines), mode)


def write_file(path, text, mode=0o644):
    """Write ``text`` unless it is already there; :returns: if changed."""
    try:
        with open(path) as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp'
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)
    return True
