"""Entry point for oslo-config-generator (``oslo.config.opts`` nova.conf).

Every module listed in ``nova_clone.conf._MODULES`` provides ``list_opts()``
returning ``{group: [opts]}``; this merges them into the list of
``(group, opts)`` tuples the generator expects.
"""

import collections

from nova_clone import conf as nova_conf


def list_opts():
    """:returns: ``[(group_or_name, [opts]), ...]`` sorted by group name."""
    merged = collections.OrderedDict()
    for module in nova_conf._MODULES:
        for group, opts in module.list_opts().items():
            key = group.name if hasattr(group, 'name') else group
            entry = merged.setdefault(key, [group, []])
            entry[1].extend(opts)
    return [(entry[0], entry[1]) for key, entry in sorted(merged.items())]


def set_defaults(conf=None):
    """Hook for ``oslo.config.opts.defaults``: nova's changed defaults."""
    nova_conf.CONF  # noqa: B018  (importing registers everything)
