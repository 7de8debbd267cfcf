"""nova-manage: database, cell and maintenance commands for operators.

``nova-manage [--config-file F] <category> <action> [args]``. Each category
is a class in a sibling module; each public method decorated with
:func:`nova_clone.cmd.common.args` is an action whose return value is the
process exit code.
"""

import sys
import traceback

from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_log import log as logging

from nova_clone.cmd.manage import api_db
from nova_clone.cmd.manage import cell_v2
from nova_clone.cmd.manage import db
from nova_clone import config
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone import version

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

CATEGORIES = {
    'api_db': api_db.ApiDbCommands,
    'cell_v2': cell_v2.CellV2Commands,
    'db': db.DbCommands,
}

# NOTE: nova's exit code for "something unexpected blew up".
EXIT_UNEXPECTED = 255
EXIT_CONFIG = 2


def _actions(category_class):
    for name in sorted(dir(category_class)):
        if name.startswith('_'):
            continue
        method = getattr(category_class, name)
        if callable(method):
            yield name, method


def add_command_parsers(subparsers):
    """oslo.config SubCommandOpt handler: one parser per category/action."""
    # NOTE: as nova, 'version' and 'bash-completion' are pseudo-categories.
    subparsers.add_parser('version', help=_('Print the version and exit'))
    completion = subparsers.add_parser(
        'bash-completion',
        help=_('Print the categories (or the actions of one category), '
               'for shell completion'))
    completion.add_argument('query_category', nargs='?')
    for category, category_class in CATEGORIES.items():
        doc = (category_class.__doc__ or '').strip().splitlines()
        parser = subparsers.add_parser(
            category, help=doc[0] if doc else None)
        parser.set_defaults(command_object=category_class)
        actions = parser.add_subparsers(dest='action', metavar='<action>')
        actions.required = True
        for name, method in _actions(category_class):
            mdoc = (method.__doc__ or '').strip().splitlines()
            action_parser = actions.add_parser(
                name, help=mdoc[0] if mdoc else None,
                description=(method.__doc__ or '').strip() or None)
            dests = []
            for arg_args, arg_kwargs in getattr(method, 'args', []):
                dests.append(_add_argument(action_parser, arg_args,
                                           dict(arg_kwargs)))
            action_parser.set_defaults(action_fn=name, action_kwargs=dests)


def _add_argument(parser, arg_args, kwargs):
    # NOTE: every action argument gets an 'action_kwarg_' dest so it cannot
    # collide with oslo.config's own attributes on CONF.category.
    first = arg_args[0]
    if first.startswith('-'):
        dest = kwargs.pop('dest', None) or first.lstrip('-').replace('-', '_')
        parser.add_argument(*arg_args, dest='action_kwarg_' + dest, **kwargs)
    else:
        dest = first
        kwargs.setdefault('metavar', first.upper())
        parser.add_argument('action_kwarg_' + dest, **kwargs)
    return dest


category_opt = cfg.SubCommandOpt(
    'category', title='Command categories',
    help='Available categories', handler=add_command_parsers)


def register_cli_opts(conf=CONF):
    """Register the category sub-command on ``conf`` (idempotent).

    NOTE: CLI options can only be registered while nothing is parsed, and
    parsing clears the previous parse anyway, so clear first: this lets the
    entry point run more than once in one process (the functional tests).
    """
    conf.clear()
    if 'category' not in conf:
        conf.register_cli_opt(category_opt)


def print_bash_completion(query_category=None):
    """Print the categories, or the actions of ``query_category``."""
    if query_category in CATEGORIES:
        print(' '.join(name for name, _m in
                       _actions(CATEGORIES[query_category])))
    else:
        print(' '.join(sorted(CATEGORIES)))


def main(argv=None):
    """Entry point of ``nova-manage``; :returns: the exit code."""
    argv = list(sys.argv if argv is None else argv)
    objects.register_all()
    register_cli_opts(CONF)
    try:
        config.parse_args(argv)
    except cfg.ConfigFilesNotFoundError as e:
        print(_('Failed to read configuration file(s): %s')
              % ', '.join(e.config_files), file=sys.stderr)
        return EXIT_CONFIG
    except cfg.Error as e:
        print(_('Invalid configuration: %s') % e, file=sys.stderr)
        return EXIT_CONFIG
    config.setup_logging('nova-manage')

    if CONF.category.name == 'version':
        print(version.version_string_with_package())
        return 0
    if CONF.category.name == 'bash-completion':
        print_bash_completion(CONF.category.query_category)
        return 0

    command = CONF.category.command_object()
    fn = getattr(command, CONF.category.action_fn)
    kwargs = {dest: getattr(CONF.category, 'action_kwarg_' + dest)
              for dest in CONF.category.action_kwargs}
    try:
        return fn(**kwargs) or 0
    except db_exc.DBConnectionError as e:
        print(_('Unable to connect to the database: %s') % e,
              file=sys.stderr)
        return 1
    except exception.NovaException as e:
        # NOTE: domain errors already say what is wrong; no traceback.
        print(e.format_message(), file=sys.stderr)
        return 1
    except Exception:
        print(_('An error has occurred:\n%s') % traceback.format_exc(),
              file=sys.stderr)
        return EXIT_UNEXPECTED
