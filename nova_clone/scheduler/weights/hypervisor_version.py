"""HypervisorVersionWeigher: favour newer hypervisors."""

from nova_clone.scheduler import weights


class HypervisorVersionWeigher(weights.BaseHostWeigher):
    multiplier_option = 'hypervisor_version_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        return host_state.hypervisor_version or 0
