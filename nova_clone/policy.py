"""Policy enforcement: one oslo.policy Enforcer over nova's default rules.

``authorize(context, action, target)`` is the only door; the API layer
calls it before doing anything. ``[oslo_policy] enforce_new_defaults``
(and ``enforce_scope`` on oslo.policy releases that still have it; newer
ones always check scope) are honoured by the Enforcer itself; a scope
mismatch is reported like any refusal (403).
"""

from oslo_log import log as logging
from oslo_policy import opts as policy_opts
from oslo_policy import policy

from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import policies

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

DEFAULT_POLICY_FILE = 'policy.yaml'
_ENFORCER = None

policy_opts.set_defaults(CONF, DEFAULT_POLICY_FILE)


def reset():
    """Forget the Enforcer (tests; a config reload)."""
    global _ENFORCER
    if _ENFORCER:
        _ENFORCER.clear()
        _ENFORCER = None


def init(policy_file=None, rules=None, default_rule=None, use_conf=True,
         suppress_deprecation_warnings=False):
    """Create the Enforcer once, with every default rule registered.

    :param policy_file: an override file; ``[oslo_policy] policy_file``
        when None.
    :param rules: rules to set directly (tests).
    :returns: the Enforcer.
    """
    global _ENFORCER
    if _ENFORCER is None:
        _ENFORCER = policy.Enforcer(
            CONF, policy_file=policy_file, rules=rules,
            default_rule=default_rule, use_conf=use_conf)
        # NOTE: the deprecated aliases warn on every load otherwise.
        if suppress_deprecation_warnings:
            _ENFORCER.suppress_deprecation_warnings = True
        register_rules(_ENFORCER)
        _ENFORCER.load_rules()
    return _ENFORCER


def register_rules(enforcer):
    """Register nova's default rules on ``enforcer``."""
    enforcer.register_defaults(policies.list_rules())


def default_target(context):
    """:returns: the target of a check on the caller's own resources."""
    return {'project_id': context.project_id, 'user_id': context.user_id}


def authorize(context, action, target=None, do_raise=True, exc=None):
    """Check that ``context`` may perform ``action`` on ``target``.

    :param context: a RequestContext.
    :param action: a rule name, e.g. ``os_compute_api:os-keypairs:create``.
    :param target: the object's attributes (``project_id``, ``user_id``);
        the caller's own project and user when None.
    :param do_raise: raise on refusal; otherwise return False.
    :param exc: the exception class to raise (PolicyNotAuthorized).
    :returns: True when allowed (False when refused and not raising).
    :raises PolicyNotAuthorized: refused (including a scope mismatch).
    """
    enforcer = init()
    if target is None:
        target = default_target(context)
    exc = exc or exception.PolicyNotAuthorized
    try:
        return enforcer.authorize(action, target, context,
                                  do_raise=do_raise, exc=exc, action=action)
    except policy.PolicyNotRegistered:
        LOG.exception('Policy not registered')
        raise
    except policy.InvalidScope:
        LOG.debug('Policy check for %(action)s failed with scope check '
                  '%(credentials)s', {'action': action,
                                      'credentials': context.to_dict()})
        if do_raise:
            raise exc(action=action)
        return False


def check_is_admin(context):
    """:returns: whether ``context`` passes the ``context_is_admin`` rule."""
    enforcer = init()
    target = default_target(context)
    return enforcer.authorize('context_is_admin', target, context)


def get_enforcer():
    """The ``oslo.policy.enforcer`` entry point (oslopolicy-* tools).

    Those tools pass their own ``--namespace``/``--output-file``; every
    other argument is ours (``--config-file``...).
    """
    import sys
    conf_args, args = [], list(sys.argv[1:])
    while args:
        arg = args.pop(0)
        if arg.lstrip('-').split('=')[0] in ('namespace', 'output-file'):
            if '=' not in arg and args:
                args.pop(0)
            continue
        conf_args.append(arg)
    CONF(conf_args, project='nova')
    init()
    return _ENFORCER
