"""DiskWeigher: favour hosts with more free local disk."""

from nova_clone.scheduler import weights


class DiskWeigher(weights.BaseHostWeigher):
    multiplier_option = 'disk_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        return host_state.free_disk_mb
