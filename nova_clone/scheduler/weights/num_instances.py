"""NumInstancesWeigher: weigh by the number of instances on the host
(multiplier 0.0 by default: off; positive packs, negative spreads).
"""

from nova_clone.scheduler import weights


class NumInstancesWeigher(weights.BaseHostWeigher):
    multiplier_option = 'num_instances_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        return host_state.num_instances
