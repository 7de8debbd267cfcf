"""Soft (anti-)affinity weighers for server groups.

With a ``soft-affinity`` group, hosts that already run more members of
the group weigh more; with ``soft-anti-affinity``, fewer members weigh
more. Unlike the filters they never exclude a host.
"""

from nova_clone.scheduler import utils
from nova_clone.scheduler import weights


class _SoftAffinityWeigherBase(weights.BaseHostWeigher):
    policy_name = None

    def _members_on_host(self, host_state, spec_obj):
        group = utils.spec_field(spec_obj, 'instance_group')
        if group is None or group.policy != self.policy_name:
            return 0
        members = set(group.members or [])
        return len(members.intersection(host_state.instances))


class ServerGroupSoftAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-affinity'
    multiplier_option = 'soft_affinity_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return self._members_on_host(host_state, spec_obj)


class ServerGroupSoftAntiAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-anti-affinity'
    multiplier_option = 'soft_anti_affinity_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return -1 * self._members_on_host(host_state, spec_obj)
