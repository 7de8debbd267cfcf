"""RAMWeigher: favour hosts with more free RAM (spread); a negative
``ram_weight_multiplier`` stacks instead.
"""

from nova_clone.scheduler import weights


class RAMWeigher(weights.BaseHostWeigher):
    multiplier_option = 'ram_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        return host_state.free_ram_mb
