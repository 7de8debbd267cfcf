"""Claims: resources an instance holds on a node while it is built.

A claim is a context manager: if the build inside it fails, the claim is
aborted and the node's usage goes back to what it was. Placement already
holds the allocation the scheduler made; the claim keeps the node's own
usage figures (ComputeNode) in step and enforces scheduler limits when the
scheduler sent any.
"""

from oslo_log import log as logging

from nova_clone import exception
from nova_clone.i18n import _

LOG = logging.getLogger(__name__)


class NopClaim(object):
    """A claim that holds nothing (the node is not tracked yet)."""

    def __init__(self, *args, **kwargs):
        self.migration = kwargs.pop('migration', None)
        self.claimed_numa_topology = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if exc_type is not None:
            self.abort()
        return False

    def abort(self):
        """Release what the claim holds (nothing here)."""

    def __repr__(self):
        return '[Claim: nothing]'


class Claim(NopClaim):
    """The claim of one instance's flavor on one node.

    :raises: ComputeResourcesUnavailable from the constructor when the
        node cannot fit the instance within ``limits``.
    """

    def __init__(self, context, instance, nodename, tracker, compute_node,
                 limits=None):
        super().__init__()
        self.context = context
        self.instance = instance
        self.nodename = nodename
        self.tracker = tracker
        self._test_claim(compute_node, limits or {})

    @property
    def memory_mb(self):
        return self.instance.flavor.memory_mb

    @property
    def disk_gb(self):
        flavor = self.instance.flavor
        return flavor.root_gb + flavor.ephemeral_gb

    @property
    def vcpus(self):
        return self.instance.flavor.vcpus

    def abort(self):
        """Give the claimed resources back to the node."""
        LOG.debug('Aborting claim: %s', self)
        self.tracker.abort_instance_claim(self.context, self.instance,
                                          self.nodename)

    def _test_claim(self, compute_node, limits):
        """Check each limited resource; all failures are reported."""
        reasons = [
            self._test('memory', 'MB', compute_node.memory_mb,
                       compute_node.memory_mb_used, self.memory_mb,
                       limits.get('memory_mb')),
            self._test('disk', 'GB', compute_node.local_gb,
                       compute_node.local_gb_used, self.disk_gb,
                       limits.get('disk_gb')),
            self._test('vcpu', 'VCPU', compute_node.vcpus,
                       compute_node.vcpus_used, self.vcpus,
                       limits.get('vcpu')),
        ]
        reasons = [r for r in reasons if r]
        if reasons:
            raise exception.ComputeResourcesUnavailable(
                reason='; '.join(reasons))
        LOG.debug('Claim successful on node %s', self.nodename)

    @staticmethod
    def _test(type_, unit, total, used, requested, limit):
        """:returns: why the request does not fit, or None if it does.

        No limit means the scheduler left this resource to Placement.
        """
        LOG.debug('Total %(type)s: %(total)d %(unit)s, used: %(used).02f '
                  '%(unit)s', {'type': type_, 'total': total or 0,
                               'unit': unit, 'used': used or 0})
        if limit is None or not requested:
            return None
        free = limit - (used or 0)
        if requested > free:
            return (_('Free %(type)s %(free).02f %(unit)s < requested '
                      '%(requested)d %(unit)s') %
                    {'type': type_, 'free': free, 'unit': unit,
                     'requested': requested})
        return None

    def __repr__(self):
        return ('[Claim: %d memory_mb, %d disk_gb, %d vcpus]'
                % (self.memory_mb, self.disk_gb, self.vcpus))
