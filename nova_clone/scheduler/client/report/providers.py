"""Resource provider life cycle: ensure, list a tree, delete, sync a tree."""

from urllib import parse

from oslo_log import log as logging
from oslo_utils import timeutils

from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client.report import provider_tree
from nova_clone.scheduler.client.report import session

LOG = logging.getLogger(__name__)

# 1.14: parent/root provider uuids and ?in_tree; 1.20: POST returns the body.
NESTED_PROVIDER_VERSION = '1.14'
POST_RPS_RETURNS_PAYLOAD_VERSION = '1.20'


class ProvidersMixin(object):
    """Provider CRUD and the cached tree; needs ``_placement``,
    ``_provider_tree``, ``_refresh_times`` and ``_conf`` on the instance.
    """

    def _get_provider(self, context, uuid):
        resp = self._placement.get('/resource_providers/%s' % uuid,
                                   NESTED_PROVIDER_VERSION, context)
        if resp.status_code == 200:
            return resp.json()
        if resp.status_code == 404:
            return None
        LOG.error('Failed to get resource provider %s: %s %s', uuid,
                  resp.status_code, session.error_text(resp))
        raise sched_exc.ResourceProviderRetrievalFailed(uuid=uuid)

    def get_provider_by_name(self, context, name):
        """:returns: the provider dict named ``name``.
        :raises: ResourceProviderNotFound.
        """
        query = parse.urlencode({'name': name})
        resp = self._placement.get('/resource_providers?%s' % query,
                                   NESTED_PROVIDER_VERSION, context)
        if resp.status_code == 200:
            rps = resp.json()['resource_providers']
            if rps:
                return rps[0]
        raise sched_exc.ResourceProviderNotFound(name_or_uuid=name)

    def _create_provider(self, context, uuid, name, parent_provider_uuid):
        body = {'uuid': uuid, 'name': name}
        if parent_provider_uuid:
            body['parent_provider_uuid'] = parent_provider_uuid
        resp = self._placement.post('/resource_providers', body,
                                    POST_RPS_RETURNS_PAYLOAD_VERSION, context)
        if resp.status_code == 200:
            LOG.info('Created resource provider %s (%s)', name, uuid)
            return resp.json()
        if resp.status_code == 409:
            # NOTE: a concurrent create of the same uuid is fine; the same
            # name under another uuid is not, and shows up as still missing.
            rp = self._get_provider(context, uuid)
            if rp is not None:
                return rp
        raise sched_exc.ResourceProviderCreationFailed(
            name=name, error=session.error_text(resp))

    def get_providers_in_tree(self, context, uuid):
        """:returns: the provider dicts of the tree holding ``uuid``
        (root first, as Placement lists them), or [] when it does not exist.
        """
        resp = self._placement.get('/resource_providers?in_tree=%s' % uuid,
                                   NESTED_PROVIDER_VERSION, context)
        if resp.status_code == 200:
            return resp.json()['resource_providers']
        if resp.status_code == 400 and 'No such resource' in resp.text:
            return []
        raise sched_exc.ResourceProviderRetrievalFailed(uuid=uuid)

    def _refresh_due(self, uuid):
        interval = self._conf.compute.resource_provider_association_refresh
        last = self._refresh_times.get(uuid)
        if last is None:
            return True
        return bool(interval) and timeutils.is_older_than(last, interval)

    def ensure_resource_provider(self, context, uuid, name=None,
                                 parent_provider_uuid=None):
        """Make sure the provider exists in Placement and in the cache.

        Creates it on a 404 (a concurrent create of the same uuid is
        tolerated), and caches the whole tree it belongs to.

        :param uuid: the provider uuid (the compute node uuid for roots).
        :param name: its name (defaults to the uuid).
        :param parent_provider_uuid: the parent, for a nested provider.
        :returns: ``uuid``.
        :raises: ResourceProviderCreationFailed,
            ResourceProviderRetrievalFailed, PlacementAPIConnectFailure.
        """
        if (self._provider_tree.exists(uuid) and
                not self._refresh_due(uuid)):
            return uuid
        rp = self._get_provider(context, uuid)
        if rp is None:
            rp = self._create_provider(context, uuid, name or uuid,
                                       parent_provider_uuid)
            # NOTE: a new provider has nothing yet; no need to ask.
            self._provider_tree.add(uuid, rp['name'], rp.get(
                'parent_provider_uuid'), rp['generation'])
            self._provider_tree.update_inventory(uuid, {})
            self._provider_tree.update_traits(uuid, [])
            self._provider_tree.update_aggregates(uuid, [])
            self._refresh_times[uuid] = timeutils.utcnow()
            return uuid
        for member in self.get_providers_in_tree(context, uuid):
            self._cache_provider(context, member)
        return uuid

    def _cache_provider(self, context, rp):
        """Put ``rp`` (a Placement provider dict) and its associations in
        the cache.
        """
        uuid = rp['uuid']
        self._provider_tree.add(uuid, rp['name'], rp.get(
            'parent_provider_uuid'), rp['generation'])
        self._refresh_inventory(context, uuid)
        self._refresh_traits(context, uuid)
        self._refresh_aggregates(context, uuid)
        self._refresh_times[uuid] = timeutils.utcnow()

    def get_provider_tree_and_ensure_root(self, context, rp_uuid, name=None,
                                          parent_provider_uuid=None):
        """Ensure the root exists, then :returns: a copy of the cached tree
        (inventory, traits, aggregates filled in) for the caller to edit
        and hand back to :meth:`update_from_provider_tree`.
        """
        self.ensure_resource_provider(context, rp_uuid, name=name,
                                      parent_provider_uuid=parent_provider_uuid)
        tree = provider_tree.ProviderTree()
        for uuid in self._provider_tree.get_provider_uuids(
                self._provider_tree.root_of(rp_uuid)):
            pd = self._provider_tree.data(uuid)
            tree.add(pd.uuid, pd.name, pd.parent_uuid, pd.generation)
            tree.update_inventory(uuid, pd.inventory or {})
            tree.update_traits(uuid, pd.traits or ())
            tree.update_aggregates(uuid, pd.aggregates or ())
        return tree

    def update_from_provider_tree(self, context, new_tree):
        """Make Placement match ``new_tree``, sending only what changed.

        Providers are created parents first; inventory, traits and
        aggregates are PUT only when they differ from the cache. Cached
        providers of the same trees missing from ``new_tree`` are deleted
        (children first).

        :param new_tree: a :class:`ProviderTree` of the wanted state.
        :raises: any error of the individual calls; the cache of a failed
            provider is dropped so the next run starts from Placement.
        """
        wanted = new_tree.get_provider_uuids()
        roots = {new_tree.root_of(u) for u in wanted}
        for root in roots:
            if self._provider_tree.exists(root):
                stale = [u for u in self._provider_tree.get_provider_uuids(
                    root) if not new_tree.exists(u)]
                for uuid in reversed(stale):
                    self._delete_provider(context, uuid)
        for uuid in wanted:
            pd = new_tree.data(uuid)
            try:
                self.ensure_resource_provider(
                    context, uuid, pd.name, pd.parent_uuid)
                if pd.inventory is not None:
                    self.set_inventory_for_provider(context, uuid,
                                                    pd.inventory)
                if pd.traits is not None:
                    self.set_traits_for_provider(context, uuid, pd.traits)
                if pd.aggregates is not None:
                    self.set_aggregates_for_provider(context, uuid,
                                                     pd.aggregates)
            except Exception:
                self.clear_provider_cache(uuid)
                raise

    def clear_provider_cache(self, uuid=None):
        """Forget cached state of one provider tree (or all of them)."""
        if uuid is None:
            self._provider_tree = provider_tree.ProviderTree()
            self._refresh_times.clear()
            return
        for member in (self._provider_tree.get_provider_uuids(
                self._provider_tree.root_of(uuid))
                if self._provider_tree.exists(uuid) else [uuid]):
            self._refresh_times.pop(member, None)
        if self._provider_tree.exists(uuid):
            self._provider_tree.remove(self._provider_tree.root_of(uuid))

    def _delete_provider(self, context, uuid):
        resp = self._placement.delete('/resource_providers/%s' % uuid,
                                      NESTED_PROVIDER_VERSION, context)
        self._provider_tree.remove(uuid)
        self._refresh_times.pop(uuid, None)
        if resp.status_code in (204, 404):
            LOG.info('Deleted resource provider %s', uuid)
            return
        if resp.status_code == 409:
            raise sched_exc.ResourceProviderInUse(
                uuid=uuid, error=session.error_text(resp))
        raise sched_exc.ResourceProviderDeletionFailed(
            uuid=uuid, error=session.error_text(resp))

    def delete_resource_provider(self, context, compute_node, cascade=False):
        """Delete a compute node's provider (and its children).

        :param compute_node: an object with ``uuid`` (a ComputeNode), or
            the provider uuid itself.
        :param cascade: first delete the allocations of every consumer on
            the provider tree (the node's instances are gone).
        :raises: ResourceProviderInUse when allocations remain and
            ``cascade`` is False.
        """
        uuid = getattr(compute_node, 'uuid', compute_node)
        tree = self.get_providers_in_tree(context, uuid)
        if cascade:
            consumers = set()
            for rp in tree:
                consumers.update(self.get_allocations_for_resource_provider(
                    context, rp['uuid']))
            for consumer in consumers:
                self.delete_allocation_for_instance(context, consumer,
                                                    force=True)
        # NOTE: children before parents; Placement refuses the other order.
        parents = {rp['uuid']: rp.get('parent_provider_uuid') for rp in tree}

        def depth(rp_uuid):
            level = 0
            while parents.get(rp_uuid):
                rp_uuid, level = parents[rp_uuid], level + 1
            return level

        for rp_uuid in sorted(parents, key=depth, reverse=True):
            self._delete_provider(context, rp_uuid)
        self._provider_tree.remove(uuid)
