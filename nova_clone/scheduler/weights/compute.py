"""BuildFailureWeigher: push away hosts whose recent builds failed.

The compute counts consecutive failed builds in its ``failed_builds``
stat (reset by a success); the large default multiplier makes a failing
host the last choice.
"""

from nova_clone.scheduler import weights


class BuildFailureWeigher(weights.BaseHostWeigher):
    multiplier_option = 'build_failure_weight_multiplier'

    def weight_multiplier(self, host_state):
        # NOTE: more failures must mean a lower weight, so the configured
        # (positive) multiplier is negated.
        return -1 * super().weight_multiplier(host_state)

    def _weigh_object(self, host_state, weight_properties):
        return host_state.failed_builds
