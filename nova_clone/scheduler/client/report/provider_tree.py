"""A small, thread-safe picture of resource provider trees.

The report client keeps one as its cache of what Placement holds (so an
unchanged inventory is not PUT again on every periodic run), and the
compute side builds one to say what it wants
(:meth:`SchedulerReportClient.update_from_provider_tree`).
"""

import copy
import threading


# Placement's own default for max_unit (its MAX_INT).
MAX_UNIT_DEFAULT = 2147483647


def normalize_inventory(inventory):
    """:returns: ``inventory`` with Placement's defaults filled in, so a
    desired inventory compares equal to what Placement returns for it.
    """
    result = {}
    for rc, inv in (inventory or {}).items():
        total = int(inv['total'])
        result[rc] = {
            'total': total,
            'reserved': int(inv.get('reserved', 0) or 0),
            'min_unit': int(inv.get('min_unit', 1) or 1),
            'max_unit': int(inv.get('max_unit') or MAX_UNIT_DEFAULT),
            'step_size': int(inv.get('step_size', 1) or 1),
            'allocation_ratio': float(inv.get('allocation_ratio', 1.0) or 1.0),
        }
    return result


class ProviderData(object):
    """One provider. ``inventory``/``traits``/``aggregates`` are None when
    not known yet (so a cache miss is not mistaken for "empty").
    """

    def __init__(self, uuid, name, parent_uuid=None, generation=None):
        self.uuid = uuid
        self.name = name
        self.parent_uuid = parent_uuid
        self.generation = generation
        self.inventory = None
        self.traits = None
        self.aggregates = None

    def __repr__(self):
        return ('ProviderData(uuid=%s, name=%s, parent=%s, generation=%s)'
                % (self.uuid, self.name, self.parent_uuid, self.generation))


class ProviderTree(object):
    """Providers by uuid, with lookups by name; every method takes a lock
    and :meth:`data` hands out copies.
    """

    def __init__(self):
        self._lock = threading.RLock()
        self._providers = {}

    def _find(self, name_or_uuid):
        pd = self._providers.get(name_or_uuid)
        if pd is not None:
            return pd
        for pd in self._providers.values():
            if pd.name == name_or_uuid:
                return pd
        return None

    def _get(self, name_or_uuid):
        pd = self._find(name_or_uuid)
        if pd is None:
            raise ValueError('No such provider %s' % name_or_uuid)
        return pd

    def exists(self, name_or_uuid):
        """:returns: whether a provider with this name or uuid is known."""
        with self._lock:
            return self._find(name_or_uuid) is not None

    def data(self, name_or_uuid):
        """:returns: a copy of the provider's :class:`ProviderData`.
        :raises: ValueError when unknown.
        """
        with self._lock:
            return copy.deepcopy(self._get(name_or_uuid))

    def add(self, uuid, name, parent_uuid=None, generation=None):
        """Add (or rename/re-parent) a provider; :returns: its uuid."""
        with self._lock:
            pd = self._providers.get(uuid)
            if pd is None:
                pd = self._providers[uuid] = ProviderData(
                    uuid, name, parent_uuid, generation)
            else:
                pd.name, pd.parent_uuid = name, parent_uuid
                if generation is not None:
                    pd.generation = generation
            return uuid

    def new_root(self, name, uuid, generation=None):
        """Add a root provider; :returns: its uuid."""
        return self.add(uuid, name, None, generation)

    def new_child(self, name, parent, uuid):
        """Add a child of ``parent`` (name or uuid); :returns: its uuid."""
        with self._lock:
            return self.add(uuid, name, self._get(parent).uuid)

    def remove(self, name_or_uuid):
        """Forget a provider and its descendants (no error if unknown)."""
        with self._lock:
            pd = self._find(name_or_uuid)
            if pd is None:
                return
            for child in [c for c in self._providers.values()
                          if c.parent_uuid == pd.uuid]:
                self.remove(child.uuid)
            self._providers.pop(pd.uuid, None)

    def root_of(self, name_or_uuid):
        """:returns: the uuid of the root above a provider."""
        with self._lock:
            pd = self._get(name_or_uuid)
            while pd.parent_uuid and pd.parent_uuid in self._providers:
                pd = self._providers[pd.parent_uuid]
            return pd.uuid

    def get_provider_uuids(self, name_or_uuid=None):
        """:returns: uuids of a subtree (or of everything), parents first."""
        with self._lock:
            if name_or_uuid is None:
                roots = [p.uuid for p in self._providers.values()
                         if p.parent_uuid not in self._providers]
            else:
                roots = [self._get(name_or_uuid).uuid]
            result = []
            todo = list(roots)
            while todo:
                uuid = todo.pop(0)
                result.append(uuid)
                todo.extend(sorted(c.uuid for c in self._providers.values()
                                   if c.parent_uuid == uuid))
            return result

    def set_generation(self, name_or_uuid, generation):
        with self._lock:
            self._get(name_or_uuid).generation = generation

    def update_inventory(self, name_or_uuid, inventory, generation=None):
        """Replace the inventory (normalized); :returns: whether it changed."""
        inventory = normalize_inventory(inventory)
        with self._lock:
            pd = self._get(name_or_uuid)
            if generation is not None:
                pd.generation = generation
            changed = pd.inventory != inventory
            pd.inventory = inventory
            return changed

    def update_traits(self, name_or_uuid, traits, generation=None):
        """Replace the traits; :returns: whether they changed."""
        traits = set(traits)
        with self._lock:
            pd = self._get(name_or_uuid)
            if generation is not None:
                pd.generation = generation
            changed = pd.traits != traits
            pd.traits = traits
            return changed

    def add_traits(self, name_or_uuid, *traits):
        with self._lock:
            pd = self._get(name_or_uuid)
            pd.traits = set(pd.traits or ()) | set(traits)

    def update_aggregates(self, name_or_uuid, aggregates, generation=None):
        """Replace the aggregates; :returns: whether they changed."""
        aggregates = set(aggregates)
        with self._lock:
            pd = self._get(name_or_uuid)
            if generation is not None:
                pd.generation = generation
            changed = pd.aggregates != aggregates
            pd.aggregates = aggregates
            return changed

    def has_inventory_changed(self, name_or_uuid, inventory):
        with self._lock:
            pd = self._get(name_or_uuid)
            return pd.inventory != normalize_inventory(inventory)

    def have_traits_changed(self, name_or_uuid, traits):
        with self._lock:
            return self._get(name_or_uuid).traits != set(traits)

    def have_aggregates_changed(self, name_or_uuid, aggregates):
        with self._lock:
            return self._get(name_or_uuid).aggregates != set(aggregates)
