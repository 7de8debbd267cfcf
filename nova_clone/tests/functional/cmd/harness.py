"""Run nova-manage and nova-status in-process, as the console scripts do.

Each run patches ``sys.argv``, calls the entry point's ``main()``, captures
stdout and stderr, and turns argparse's ``SystemExit`` into an exit code.
:class:`FreshDatabases` gives every test unconfigured enginefacades, so
each test's nova.conf is applied exactly as in a new process.
"""

import collections
import io
import os
import sys
import textwrap

import fixtures
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from nova_clone.cmd import manage
from nova_clone.cmd import status
from nova_clone import conf as nova_conf
from nova_clone import config
from nova_clone.db.api import api as api_db_api
from nova_clone.db.main import api as main_db_api

CONF = nova_conf.CONF

CELL0 = '00000000-0000-0000-0000-000000000000'

Result = collections.namedtuple('Result', ['code', 'stdout', 'stderr'])


class FreshDatabases(fixtures.Fixture):
    """Unconfigured API/cell enginefacades for the test, disposed after.

    NOTE: the module-level context managers can be configured only once per
    process; patching a new factory in is how a test gets "a new process".
    """

    def _setUp(self):
        for mgr in (api_db_api.context_manager,
                    main_db_api.main_context_manager):
            factory = enginefacade._TransactionFactory()
            self.addCleanup(mgr.patch_factory(factory))
            self.addCleanup(factory.dispose_pool)
        cells = {}
        for name, value in (('nova_clone.db.api.api._configured', False),
                            ('nova_clone.db.main.api._configured', False),
                            ('nova_clone.db.main.api._conf', None),
                            ('nova_clone.db.main.api._CELL_CONTEXT_MANAGERS',
                             cells)):
            self.useFixture(fixtures.MonkeyPatch(name, value))
        self.addCleanup(
            lambda: [mgr.dispose_pool() for mgr in cells.values()])
        # NOTE: config.parse_args registers oslo.messaging's options on
        # every call, from fresh copies whose defaults differ from the
        # registered ones after the first call; a real process parses once.
        register = config.register_messaging_opts

        def register_once(conf):
            if 'transport_url' not in conf:
                register(conf)
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.config.register_messaging_opts', register_once))


def _unregister_subcommands():
    # NOTE: both programs put a required sub-command on the global CONF;
    # one program's must not be left behind when the other one runs.
    CONF.clear()
    for name in ('category', 'command'):
        if name in CONF:
            CONF.unregister_opt(CONF._opts[name]['opt'])


def run(module, prog, conf_file, *args):
    """Run ``module.main()`` with ``argv = [prog, --config-file F, *args]``.

    :returns: a :class:`Result`.
    """
    argv = [prog]
    if conf_file:
        argv += ['--config-file', conf_file]
    argv += list(args)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv, sys.stdout, sys.stderr
    sys.argv, sys.stdout, sys.stderr = argv, out, err
    try:
        code = module.main()
    except SystemExit as e:
        code = e.code
    finally:
        sys.argv, sys.stdout, sys.stderr = saved
        _unregister_subcommands()
    return Result(code, out.getvalue(), err.getvalue())


def check(result, expect):
    """:raises AssertionError: with the output when the code differs."""
    if result.code != expect:
        raise AssertionError('exit %s (expected %s)\nstdout:\n%s\nstderr:\n%s'
                             % (result.code, expect, result.stdout,
                                result.stderr))
    return result


def manage_cmd(conf_file, *args, expect=None):
    result = run(manage, 'nova-manage', conf_file, *args)
    return check(result, expect) if expect is not None else result


def status_cmd(conf_file, *args, expect=None):
    result = run(status, 'nova-status', conf_file, *args)
    return check(result, expect) if expect is not None else result


class CloudConfig(fixtures.Fixture):
    """A nova.conf in a temp dir: API, cell and (derived) cell0 databases.

    SQLite files in the same dir unless URLs are given; logs go to stderr
    so stdout holds only the command's output. Placement points at
    a closed port unless ``placement`` is False (then the test's own
    overrides, e.g. a PlacementFixture's, decide).
    """

    def __init__(self, api_url=None, main_url=None, placement=True,
                 extra=''):
        super().__init__()
        self.api_url = api_url
        self.main_url = main_url
        self.placement = placement
        self.extra = extra

    def _setUp(self):
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.api_url = self.api_url or 'sqlite:///%s/nova_api.sqlite' % (
            self.dir)
        self.main_url = self.main_url or 'sqlite:///%s/nova.sqlite' % (
            self.dir)
        self.path = os.path.join(self.dir, 'nova.conf')
        placement = textwrap.dedent("""\
            [placement]
            auth_type = none
            endpoint_override = http://127.0.0.1:9/placement
            timeout = 2
            """) if self.placement else ''
        with open(self.path, 'w') as f:
            f.write(textwrap.dedent("""\
                [DEFAULT]
                transport_url = rabbit://guest:secretpw@127.0.0.1:5672/
                use_stderr = true
                [api_database]
                connection = %s
                max_retries = 1
                retry_interval = 0
                [database]
                connection = %s
                max_retries = 1
                retry_interval = 0
                """ % (self.api_url, self.main_url)) + placement + self.extra)

    def files(self):
        """:returns: the files in the temp dir other than nova.conf."""
        return sorted(f for f in os.listdir(self.dir) if f != 'nova.conf')


def tables(url):
    """:returns: the table names of the database at ``url``."""
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def execute(url, sql, **params):
    """Run one statement on the database at ``url`` (test data set-up)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql), params)
    finally:
        engine.dispose()
