"""CPUWeigher: favour hosts with more free vCPUs (allocation ratio
applied); a negative ``cpu_weight_multiplier`` stacks instead.
"""

from nova_clone.scheduler import weights


class CPUWeigher(weights.BaseHostWeigher):
    multiplier_option = 'cpu_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        ratio = host_state.cpu_allocation_ratio or 1.0
        return host_state.vcpus_total * ratio - host_state.vcpus_used
