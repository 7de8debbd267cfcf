"""Provider traits, creating CUSTOM_* traits on demand."""

from urllib import parse

from oslo_log import log as logging

from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client.report import session

LOG = logging.getLogger(__name__)

# 1.6: the /traits API.
TRAIT_VERSION = '1.6'


class TraitsMixin(object):
    """Traits of a provider, PUT only when they differ from the cache."""

    def _refresh_traits(self, context, rp_uuid):
        resp = self._placement.get('/resource_providers/%s/traits' % rp_uuid,
                                   TRAIT_VERSION, context)
        if resp.status_code != 200:
            raise sched_exc.TraitRetrievalFailed(
                uuid=rp_uuid, error=session.error_text(resp))
        body = resp.json()
        self._provider_tree.update_traits(
            rp_uuid, body['traits'],
            generation=body['resource_provider_generation'])
        return set(body['traits'])

    def get_provider_traits(self, context, rp_uuid):
        """:returns: the set of traits Placement has for the provider."""
        if not self._provider_tree.exists(rp_uuid):
            self.ensure_resource_provider(context, rp_uuid)
        return self._refresh_traits(context, rp_uuid)

    def _ensure_traits(self, context, traits):
        """Create the CUSTOM_* traits Placement does not know yet."""
        custom = {t for t in traits if t.startswith('CUSTOM_')}
        missing = custom - self._known_traits
        if not missing:
            return
        query = parse.urlencode({'name': 'in:' + ','.join(sorted(missing))},
                                safe=',:')
        resp = self._placement.get('/traits?%s' % query, TRAIT_VERSION,
                                   context)
        if resp.status_code != 200:
            raise sched_exc.TraitRetrievalFailed(
                uuid='-', error=session.error_text(resp))
        existing = set(resp.json()['traits'])
        for name in sorted(missing - existing):
            resp = self._placement.put('/traits/%s' % name, None,
                                       TRAIT_VERSION, context)
            if resp.status_code not in (201, 204):
                raise sched_exc.TraitCreationFailed(
                    name=name, error=session.error_text(resp))
        self._known_traits.update(missing)

    def set_traits_for_provider(self, context, rp_uuid, traits):
        """Replace the provider's traits, if they changed.

        :param traits: an iterable of trait names; unknown CUSTOM_* traits
            are created, unknown standard ones are an error.
        :returns: True when Placement was updated, False when unchanged.
        :raises: TraitCreationFailed, ResourceProviderUpdateFailed,
            ResourceProviderUpdateConflict.
        """
        traits = set(traits)
        if not self._provider_tree.exists(rp_uuid):
            self.ensure_resource_provider(context, rp_uuid)
        if not self._provider_tree.have_traits_changed(rp_uuid, traits):
            return False
        self._ensure_traits(context, traits)
        url = '/resource_providers/%s/traits' % rp_uuid
        for attempt in range(session.CONFLICT_RETRIES + 1):
            generation = self._provider_tree.data(rp_uuid).generation
            payload = {'resource_provider_generation': generation,
                       'traits': sorted(traits)}
            resp = self._placement.put(url, payload, TRAIT_VERSION, context)
            if resp.status_code == 200:
                body = resp.json()
                self._provider_tree.update_traits(
                    rp_uuid, body['traits'],
                    generation=body['resource_provider_generation'])
                return True
            if not session.is_conflict(resp):
                if resp.status_code == 404:
                    self.clear_provider_cache(rp_uuid)
                raise sched_exc.ResourceProviderUpdateFailed(
                    url=url, error=session.error_text(resp))
            self._refresh_traits(context, rp_uuid)
            if not self._provider_tree.have_traits_changed(rp_uuid, traits):
                return False
            session.conflict_backoff(attempt)
        raise sched_exc.ResourceProviderUpdateConflict(
            uuid=rp_uuid, generation=generation,
            error=session.error_text(resp))
