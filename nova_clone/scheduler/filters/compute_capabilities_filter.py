"""ComputeCapabilitiesFilter: flavor extra specs against host capabilities.

An extra spec ``capabilities:<path>`` (or an unscoped key naming a host
state attribute or stat) is looked up on the host state, walking dicts,
attributes, the ``stats`` dict and JSON strings (``cpu_info``), and the
value found must match the spec (see :mod:`extra_specs_ops`). Specs of
other scopes are ignored.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_clone.scheduler import filters
from nova_clone.scheduler.filters import extra_specs_ops
from nova_clone.scheduler import utils

LOG = logging.getLogger(__name__)

SCOPE = 'capabilities'


def _step(cap, name):
    if isinstance(cap, str):
        try:
            cap = jsonutils.loads(cap)
        except ValueError:
            return None
    if isinstance(cap, dict):
        return cap.get(name)
    value = getattr(cap, name, None)
    if value is None:
        value = (getattr(cap, 'stats', None) or {}).get(name)
    return value


class ComputeCapabilitiesFilter(filters.BaseHostFilter):

    # NOTE: flavor and capabilities do not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = False

    @staticmethod
    def _get_capability(host_state, path):
        cap = host_state
        for name in path:
            cap = _step(cap, name)
            if cap is None:
                LOG.debug("Host doesn't provide capability '%(cap)s' "
                          "listed in the extra specs", {'cap': name})
                return None
        return cap

    def request_values(self, spec_obj):
        """:returns: ``[(key, path, wanted)]`` of the flavor's extra specs
        that concern capabilities (an unscoped key's path is None: it
        counts only on hosts that know a capability of that name).
        """
        flavor = utils.spec_field(spec_obj, 'flavor')
        if flavor is None or not flavor.obj_attr_is_set('extra_specs'):
            return filters.ALL_PASS
        specs = []
        for key, req in flavor.extra_specs.items():
            path = key.split(':')
            if len(path) == 1:
                specs.append((key, None, req))
            elif path[0] == SCOPE:
                specs.append((key, path[1:], req))
        return specs or filters.ALL_PASS

    def _satisfies_extra_specs(self, host_state, specs):
        for key, path, req in specs:
            if path is None:
                # NOTE: an unscoped key counts only when the host knows a
                # capability of that name (backward compatibility).
                stats = getattr(host_state, 'stats', None) or {}
                if not hasattr(host_state, key) and key not in stats:
                    continue
                path = [key]
            cap = self._get_capability(host_state, path)
            if cap is None:
                return False
            if not extra_specs_ops.match(str(cap), req):
                LOG.debug("%(host_state)s fails extra_spec requirements. "
                          "'%(req)s' does not match '%(cap)s'",
                          {'host_state': host_state, 'req': req,
                           'cap': cap})
                return False
        return True

    def passes(self, host_state, specs):
        if self._satisfies_extra_specs(host_state, specs):
            return True
        LOG.debug('%(host_state)s fails flavor extra_specs requirements',
                  {'host_state': host_state})
        return False
