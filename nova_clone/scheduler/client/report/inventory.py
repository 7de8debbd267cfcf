"""Provider inventories and custom resource classes."""

from oslo_log import log as logging

from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client.report import session

LOG = logging.getLogger(__name__)

# 1.26: an inventory may have reserved == total (a fully reserved class).
INVENTORY_VERSION = '1.26'
# 1.7: PUT /resource_classes/{name} creates-or-confirms a custom class.
RESOURCE_CLASS_VERSION = '1.7'


class InventoryMixin(object):
    """Inventory of a provider, PUT only when it differs from the cache."""

    def _refresh_inventory(self, context, rp_uuid):
        resp = self._placement.get(
            '/resource_providers/%s/inventories' % rp_uuid,
            INVENTORY_VERSION, context)
        if resp.status_code == 404:
            self.clear_provider_cache(rp_uuid)
            raise sched_exc.ResourceProviderNotFound(name_or_uuid=rp_uuid)
        if resp.status_code != 200:
            raise sched_exc.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        body = resp.json()
        self._provider_tree.update_inventory(
            rp_uuid, body['inventories'],
            generation=body['resource_provider_generation'])
        return body

    def get_inventory(self, context, rp_uuid):
        """:returns: ``{'resource_provider_generation': g,
        'inventories': {...}}`` as Placement has it now.
        """
        if not self._provider_tree.exists(rp_uuid):
            self.ensure_resource_provider(context, rp_uuid)
        return self._refresh_inventory(context, rp_uuid)

    def _ensure_resource_classes(self, context, names):
        for name in sorted(set(names) - self._known_resource_classes):
            if not name.startswith('CUSTOM_'):
                # NOTE: standard classes exist in every Placement.
                continue
            resp = self._placement.put('/resource_classes/%s' % name, None,
                                       RESOURCE_CLASS_VERSION, context)
            if resp.status_code == 400:
                raise sched_exc.InvalidResourceClass(resource_class=name)
            if resp.status_code not in (201, 204):
                raise sched_exc.ResourceClassCreationFailed(
                    resource_class=name, error=session.error_text(resp))
            self._known_resource_classes.add(name)

    def set_inventory_for_provider(self, context, rp_uuid, inv_data):
        """Replace the provider's inventory, if it changed.

        The PUT carries the cached provider generation; a generation
        conflict refreshes the cache and tries again (a bounded number of
        times). Custom resource classes are created first.

        :param rp_uuid: the provider uuid.
        :param inv_data: ``{resource class: {'total': N, 'reserved': ...,
            'min_unit', 'max_unit', 'step_size', 'allocation_ratio'}}``;
            ``{}`` removes all inventory.
        :returns: True when Placement was updated, False when unchanged.
        :raises: InventoryInUse when a class in use would be removed,
            ResourceProviderUpdateFailed for a rejected inventory,
            ResourceProviderUpdateConflict when conflicts persist.
        """
        if not self._provider_tree.exists(rp_uuid):
            self.ensure_resource_provider(context, rp_uuid)
        if not self._provider_tree.has_inventory_changed(rp_uuid, inv_data):
            return False
        self._ensure_resource_classes(context, inv_data)
        url = '/resource_providers/%s/inventories' % rp_uuid
        for attempt in range(session.CONFLICT_RETRIES + 1):
            generation = self._provider_tree.data(rp_uuid).generation
            payload = {'resource_provider_generation': generation,
                       'inventories': inv_data}
            resp = self._placement.put(url, payload, INVENTORY_VERSION,
                                       context)
            if resp.status_code == 200:
                body = resp.json()
                self._provider_tree.update_inventory(
                    rp_uuid, body['inventories'],
                    generation=body['resource_provider_generation'])
                LOG.debug('Updated inventory of provider %s to generation '
                          '%s', rp_uuid, body['resource_provider_generation'])
                return True
            code = session.error_code(resp)
            if resp.status_code == 409 and code == 'placement.inventory.inuse':
                self._refresh_inventory(context, rp_uuid)
                raise sched_exc.InventoryInUse(
                    uuid=rp_uuid, error=session.error_text(resp))
            if resp.status_code == 404:
                self.clear_provider_cache(rp_uuid)
                raise sched_exc.ResourceProviderNotFound(name_or_uuid=rp_uuid)
            if resp.status_code != 409:
                raise sched_exc.ResourceProviderUpdateFailed(
                    url=url, error=session.error_text(resp))
            # NOTE: any other 409 (generation conflict, or a concurrent
            # inventory race) is cured by looking again.
            LOG.debug('Inventory update of %s conflicted (generation %s), '
                      'refreshing', rp_uuid, generation)
            self._refresh_inventory(context, rp_uuid)
            if not self._provider_tree.has_inventory_changed(rp_uuid,
                                                             inv_data):
                return False
            session.conflict_backoff(attempt)
        raise sched_exc.ResourceProviderUpdateConflict(
            uuid=rp_uuid, generation=generation,
            error=session.error_text(resp))
