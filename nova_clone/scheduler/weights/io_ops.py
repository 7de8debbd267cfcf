"""IoOpsWeigher: by default (multiplier -1.0) favour hosts with fewer
I/O heavy operations (builds, resizes, snapshots...) in progress.
"""

from nova_clone.scheduler import weights


class IoOpsWeigher(weights.BaseHostWeigher):
    multiplier_option = 'io_ops_weight_multiplier'

    def _weigh_object(self, host_state, weight_properties):
        return host_state.num_io_ops
