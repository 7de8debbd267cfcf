"""Choose the concurrency backend, once, before anything else is imported.

Every ``nova_clone.cmd`` entry point calls :func:`patch` first thing. The
choice (DESIGN.md §8) comes from, in order:

1. ``OS_NOVA_DISABLE_EVENTLET_PATCHING``: true → native threads, false →
   eventlet (nova's switch, kept so nova operators' unit files work);
2. ``[DEFAULT] concurrency_backend`` read straight from the config files on
   the command line (or ``/etc/nova/nova.conf``): ``threading``, ``eventlet``
   or ``auto``;
3. ``auto``: the binary's own default (threads for the API, scheduler,
   conductor and compute; eventlet for the console proxies).

NOTE: this module must not import nova_clone.conf (or anything that imports
oslo libraries): those would be loaded before eventlet patches them. The
config file is therefore parsed here with configparser, and only for this
one option.
"""

import configparser
import os
import sys

THREADING = 'threading'
EVENTLET = 'eventlet'
AUTO = 'auto'

_TRUE = ('1', 'true', 'yes', 'on')
_FALSE = ('0', 'false', 'no', 'off')

_backend = None


def _config_files(argv):
    files, dirs = [], []
    it = iter(argv)
    for arg in it:
        for flag, bucket in (('--config-file', files),
                             ('--config-dir', dirs)):
            if arg == flag:
                bucket.append(next(it, ''))
            elif arg.startswith(flag + '='):
                bucket.append(arg.split('=', 1)[1])
    if not files and not dirs:
        files = ['/etc/nova/nova.conf']
        dirs = ['/etc/nova/nova.conf.d']
    for d in dirs:
        if os.path.isdir(d):
            files.extend(os.path.join(d, f) for f in sorted(os.listdir(d))
                         if f.endswith('.conf'))
    return [f for f in files if f and os.path.isfile(f)]


def configured_backend(argv):
    """:returns: ``[DEFAULT] concurrency_backend`` from the files, or auto."""
    value = AUTO
    for path in _config_files(argv):
        parser = configparser.RawConfigParser(strict=False)
        try:
            parser.read(path)
        except configparser.Error:
            continue  # oslo.config reports broken files properly later
        value = parser.defaults().get('concurrency_backend', value).strip()
    return value or AUTO


def select_backend(default, argv=None, environ=None):
    """Decide the backend without applying it (pure; unit tested).

    :param default: the binary's choice for ``auto``.
    :param argv: command-line arguments (for ``--config-file``).
    :param environ: the process environment.
    :returns: ``'threading'`` or ``'eventlet'``.
    """
    environ = os.environ if environ is None else environ
    argv = sys.argv[1:] if argv is None else argv
    env = environ.get('OS_NOVA_DISABLE_EVENTLET_PATCHING', '').strip().lower()
    if env in _TRUE:
        return THREADING
    if env in _FALSE:
        return EVENTLET
    value = configured_backend(argv).lower()
    if value == AUTO:
        return default
    if value not in (THREADING, EVENTLET):
        raise SystemExit('Invalid [DEFAULT] concurrency_backend %r: choose '
                         'auto, threading or eventlet' % value)
    return value


def patch(default=THREADING, argv=None, environ=None):
    """Select and apply the backend for this process (first call wins).

    :returns: the backend now in force.
    """
    global _backend
    if _backend is not None:
        return _backend
    backend = select_backend(default, argv, environ)
    if backend == EVENTLET:
        import eventlet
        eventlet.monkey_patch()
    # NOTE: exported so helper processes we start make the same choice.
    os.environ['OS_NOVA_DISABLE_EVENTLET_PATCHING'] = (
        'true' if backend == THREADING else 'false')
    _backend = backend
    return backend


def backend():
    """:returns: the backend chosen by :func:`patch` (threading if none)."""
    return _backend or THREADING


def is_eventlet():
    """:returns: True when the process runs on eventlet."""
    return _backend == EVENTLET
