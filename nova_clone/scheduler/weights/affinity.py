"""Soft (anti-)affinity weighers for server groups.

With a ``soft-affinity`` group, hosts that already run more members of
the group weigh more; with ``soft-anti-affinity``, fewer members weigh
more. Unlike the filters they never exclude a host.
"""

from nova_clone.scheduler import utils
from nova_clone.scheduler import weights


class _SoftAffinityWeigherBase(weights.BaseHostWeigher):
    policy_name = None

    sign = 1

    def _members(self, spec_obj):
        group = utils.spec_field(spec_obj, 'instance_group')
        if group is None or group.policy != self.policy_name:
            return None
        return set(group.members or [])

    def _members_on_host(self, host_state, spec_obj):
        members = self._members(spec_obj)
        if not members:
            return 0
        return len(members.intersection(host_state.instances))

    def _weigh_object(self, host_state, spec_obj):
        return self.sign * self._members_on_host(host_state, spec_obj)

    def weigh_objects(self, weighed_hosts, spec_obj):
        # NOTE: the group is read once for all the hosts, not per host.
        members = self._members(spec_obj)
        if not members:
            return [0] * len(weighed_hosts)
        return [self.sign * len(members.intersection(w.obj.instances))
                for w in weighed_hosts]


class ServerGroupSoftAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-affinity'
    multiplier_option = 'soft_affinity_weight_multiplier'


class ServerGroupSoftAntiAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-anti-affinity'
    multiplier_option = 'soft_anti_affinity_weight_multiplier'
    sign = -1
