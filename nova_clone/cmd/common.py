"""Helpers shared by the command-line tools (nova-manage, nova-status)."""

import urllib.parse

from dateutil import parser as dateutil_parser
import prettytable

from nova_clone.i18n import _


def args(*args, **kwargs):
    """Attach an argparse argument to a command method (stackable)."""
    def decorator(func):
        func.__dict__.setdefault('args', []).insert(0, (args, kwargs))
        return func
    return decorator


def print_table(headers, rows):
    """Print ``rows`` under ``headers`` as a bordered table, left-aligned."""
    table = prettytable.PrettyTable(headers)
    table.align = 'l'
    for row in rows:
        table.add_row(row)
    print(table)


def mask_password(url):
    """:returns: ``url`` with any password replaced by ``****``.

    Used when printing transport URLs and DB connections: an operator's
    terminal scrollback is not a place for credentials.
    """
    if not url:
        return url
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url
    if not parts.password:
        return url
    # NOTE: rabbit URLs may list several hosts, each with credentials.
    netlocs = []
    for netloc in parts.netloc.split(','):
        if '@' in netloc:
            creds, host = netloc.rsplit('@', 1)
            if ':' in creds:
                creds = creds.split(':', 1)[0] + ':****'
            netloc = creds + '@' + host
        netlocs.append(netloc)
    return urllib.parse.urlunsplit(parts._replace(netloc=','.join(netlocs)))


def parse_date(value):
    """Parse a user-supplied date (``date`` output, ``YYYY-MM-DD [HH:MM]``).

    :raises ValueError: when it is not a date.
    """
    if value is None or not str(value).strip():
        raise ValueError(_('empty date'))
    return dateutil_parser.parse(value, fuzzy=True)
