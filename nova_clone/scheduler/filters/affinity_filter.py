"""Placement by server group policy and by same_host/different_host hints.

* ServerGroupAntiAffinityFilter: with an ``anti-affinity`` group, a host
  may run at most ``max_server_per_host`` members (rule; default 1);
* ServerGroupAffinityFilter: with an ``affinity`` group, only the hosts
  already running members (once there are some);
* SameHostFilter / DifferentHostFilter: the ``same_host`` /
  ``different_host`` scheduler hints, lists of instance uuids.

The scheduler adds the hosts and members it picked earlier in a
multi-create request to the group, so later instances see them.
"""

from oslo_log import log as logging

from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

LOG = logging.getLogger(__name__)


class _GroupPolicyFilter(filters.BaseHostFilter):
    """Applies only to requests in a server group of ``policy_name``."""

    RUN_ON_REBUILD = False
    policy_name = None

    def request_values(self, spec_obj):
        group = utils.spec_field(spec_obj, 'instance_group')
        if group is None or group.policy != self.policy_name:
            return filters.ALL_PASS
        return self._group_values(spec_obj, group)

    def _group_values(self, spec_obj, group):
        raise NotImplementedError()


class ServerGroupAntiAffinityFilter(_GroupPolicyFilter):
    policy_name = 'anti-affinity'

    def _group_values(self, spec_obj, group):
        rules = group.rules if group.obj_attr_is_set('rules') else None
        return {'instance_uuid': utils.spec_field(spec_obj,
                                                  'instance_uuid'),
                'members': set(group.members or []),
                'limit': int((rules or {}).get('max_server_per_host', 1)),
                'group': (group.uuid if group.obj_attr_is_set('uuid')
                          else 'n/a')}

    def passes(self, host_state, values):
        # NOTE: a move may check the instance's own host; the instance
        # must not count against itself.
        if values['instance_uuid'] in host_state.instances:
            return True
        on_host = values['members'].intersection(host_state.instances)
        LOG.debug('Group anti-affinity: check if the number of servers '
                  'from group %(group)s on host %(host)s is less than '
                  '%(max)s.', {'group': values['group'],
                               'host': host_state.host,
                               'max': values['limit']})
        return len(on_host) < values['limit']


class ServerGroupAffinityFilter(_GroupPolicyFilter):
    policy_name = 'affinity'

    def _group_values(self, spec_obj, group):
        hosts = group.hosts if group.obj_attr_is_set('hosts') else None
        if not hosts:
            return filters.ALL_PASS
        return hosts, set(hosts)

    def passes(self, host_state, values):
        hosts, wanted = values
        LOG.debug('Group affinity: check if %(host)s is in %(configured)s',
                  {'host': host_state.host, 'configured': hosts})
        return host_state.host in wanted


class _InstanceHintFilter(filters.BaseHostFilter):
    """Compares the host's instances with the uuids of a scheduler hint.

    :cvar hint: the hint's name.
    :cvar wanted: whether the host must (True) or must not (False) run
        one of those instances.
    """

    # NOTE: where those instances run does not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = False
    hint = None
    wanted = True

    def request_values(self, spec_obj):
        uuids = spec_obj.get_scheduler_hint(self.hint)
        if not uuids:
            return filters.ALL_PASS
        return {uuids} if isinstance(uuids, str) else set(uuids)

    def passes(self, host_state, uuids):
        return (not uuids.isdisjoint(host_state.instances)) == self.wanted


class DifferentHostFilter(_InstanceHintFilter):
    """Schedule away from the hosts of the ``different_host`` instances."""

    hint = 'different_host'
    wanted = False


class SameHostFilter(_InstanceHintFilter):
    """Schedule next to one of the ``same_host`` instances."""

    hint = 'same_host'
    wanted = True
