"""Helpers for the groups that talk to peer services through keystoneauth."""

import copy

from keystoneauth1 import loading as ks_loading

# NOTE: every peer is reached over the internal endpoint first and the
# public one as a fall-back, as nova does; a deployer narrows this per group.
_DEFAULT_VALID_INTERFACES = ['internal', 'public']


def get_ksa_adapter_opts(default_service_type, deprecated_opts=None):
    """Adapter options with this service's defaults baked in.

    The options are fresh copies, so changing their defaults does not touch
    the objects keystoneauth hands to other callers.

    :param default_service_type: the service type used in the catalog lookup
        (``image``, ``network``, ``placement``...).
    :param deprecated_opts: optional ``{dest: [cfg.DeprecatedOpt]}`` mapping.
    :returns: a list of ``cfg.Opt`` for the generator.
    """
    opts = copy.deepcopy(ks_loading.get_adapter_conf_options(
        include_deprecated=False, deprecated_opts=deprecated_opts))
    for opt in opts:
        if opt.dest == 'service_type':
            opt.default = default_service_type
        elif opt.dest == 'valid_interfaces':
            opt.default = list(_DEFAULT_VALID_INTERFACES)
    return opts


def register_ksa_opts(conf, group, default_service_type, include_auth=True,
                      deprecated_opts=None):
    """Register session, (optionally) auth and adapter options on a group.

    :param conf: the ``cfg.ConfigOpts`` to register on.
    :param group: the ``cfg.OptGroup`` (or its name).
    :param default_service_type: the service type default for the adapter.
    :param include_auth: whether the group carries its own credentials;
        groups that always act with the caller's token pass ``False``.
    :param deprecated_opts: optional ``{dest: [cfg.DeprecatedOpt]}`` mapping.
    """
    name = getattr(group, 'name', group)
    ks_loading.register_session_conf_options(
        conf, name, deprecated_opts=deprecated_opts)
    if include_auth:
        ks_loading.register_auth_conf_options(conf, name)
    conf.register_opts(
        get_ksa_adapter_opts(default_service_type, deprecated_opts),
        group=name)


def ksa_list(default_service_type, include_auth=True, deprecated_opts=None):
    """The keystoneauth options of a group as the generator should list them.

    The auth part is the common ``auth_type``/``auth_section`` pair plus the
    password plugins' options, which is what operators fill in most often.

    :param default_service_type: the service type default for the adapter.
    :param include_auth: whether to list the auth options.
    :param deprecated_opts: optional ``{dest: [cfg.DeprecatedOpt]}`` mapping.
    :returns: a list of ``cfg.Opt``.
    """
    opts = list(ks_loading.get_session_conf_options(
        deprecated_opts=deprecated_opts))
    if include_auth:
        opts += auth_list()
    opts += get_ksa_adapter_opts(default_service_type, deprecated_opts)
    return opts


def auth_list():
    """:returns: the auth options (common plus password plugins), de-duplicated
    by name so the generator does not print an option twice.
    """
    seen = set()
    result = []
    sources = [ks_loading.get_auth_common_conf_options()]
    for plugin in ('password', 'v2password', 'v3password'):
        sources.append(ks_loading.get_auth_plugin_conf_options(plugin))
    for source in sources:
        for opt in source:
            if opt.dest not in seen:
                seen.add(opt.dest)
                result.append(opt)
    return result
