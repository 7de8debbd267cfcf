"""SchedulerReportClient: how nova_clone talks to Placement.

The facade composes one mixin per Placement area (providers, inventory,
traits, aggregates, allocations); each lives in its own sibling module and
speaks HTTP only through :class:`session.PlacementSession`. The client
keeps a :class:`provider_tree.ProviderTree` cache so the compute periodic
task PUTs only what changed.

Usage::

    client = report.SchedulerReportClient()
    client.ensure_resource_provider(ctx, node.uuid, node.hypervisor_hostname)
    client.set_inventory_for_provider(ctx, node.uuid, inventory)
    req = report.resources_from_flavor(flavor)
    areqs, summaries, version = client.get_allocation_candidates(ctx, req)
"""

from nova_clone import conf as nova_conf
from nova_clone.scheduler.client.report import aggregates
from nova_clone.scheduler.client.report import allocations
from nova_clone.scheduler.client.report import inventory
from nova_clone.scheduler.client.report import provider_tree
from nova_clone.scheduler.client.report import providers
from nova_clone.scheduler.client.report import resources
from nova_clone.scheduler.client.report import session
from nova_clone.scheduler.client.report import traits

ProviderTree = provider_tree.ProviderTree
ResourceRequest = resources.ResourceRequest
RequestGroup = resources.RequestGroup
resources_from_flavor = resources.resources_from_flavor


class SchedulerReportClient(providers.ProvidersMixin,
                            inventory.InventoryMixin,
                            traits.TraitsMixin,
                            aggregates.AggregatesMixin,
                            allocations.AllocationsMixin):
    """Client for the Placement API (nova's SchedulerReportClient).

    Nothing is contacted on construction: the keystoneauth adapter is built
    on the first call, so a service can start before Placement does.

    :param conf: the ConfigOpts with ``[placement]``, ``[scheduler]`` and
        ``[compute]`` (defaults to the global CONF).
    :param adapter: a ready keystoneauth adapter to use instead of one
        built from ``[placement]``.
    """

    def __init__(self, conf=None, adapter=None):
        self._conf = conf if conf is not None else nova_conf.CONF
        self._placement = session.PlacementSession(self._conf, adapter)
        self._provider_tree = provider_tree.ProviderTree()
        # NOTE: uuid -> when its associations were last read from Placement
        # ([compute] resource_provider_association_refresh).
        self._refresh_times = {}
        self._known_traits = set()
        self._known_resource_classes = set()

    @property
    def endpoint(self):
        """:returns: where Placement is expected (for messages)."""
        return self._placement.endpoint

    @property
    def provider_tree(self):
        """:returns: the live provider cache (read-only use, please)."""
        return self._provider_tree

    def request(self, context, method, url, version, json=None):
        """Send a raw request (tools such as nova-manage heal_allocations).

        :returns: the response object.
        :raises: PlacementAPIConnectFailure.
        """
        return self._placement.request(method, url, version, context, json)
