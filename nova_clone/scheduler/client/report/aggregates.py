"""Provider aggregates, and host aggregate membership mirrored to Placement."""

from oslo_log import log as logging

from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client.report import session

LOG = logging.getLogger(__name__)

# 1.19: aggregate GET/PUT carry the provider generation.
AGGREGATE_GENERATION_VERSION = '1.19'


class AggregatesMixin(object):
    """Aggregates of a provider, with generation-safe updates."""

    def _get_aggregates(self, context, rp_uuid):
        resp = self._placement.get(
            '/resource_providers/%s/aggregates' % rp_uuid,
            AGGREGATE_GENERATION_VERSION, context)
        if resp.status_code == 404:
            raise sched_exc.ResourceProviderNotFound(name_or_uuid=rp_uuid)
        if resp.status_code != 200:
            raise sched_exc.ResourceProviderAggregateRetrievalFailed(
                uuid=rp_uuid, error=session.error_text(resp))
        body = resp.json()
        return set(body['aggregates']), body['resource_provider_generation']

    def _refresh_aggregates(self, context, rp_uuid):
        aggs, generation = self._get_aggregates(context, rp_uuid)
        self._provider_tree.update_aggregates(rp_uuid, aggs,
                                              generation=generation)
        return aggs

    def get_provider_aggregates(self, context, rp_uuid):
        """:returns: the set of aggregate uuids of the provider."""
        aggs, _gen = self._get_aggregates(context, rp_uuid)
        if self._provider_tree.exists(rp_uuid):
            self._provider_tree.update_aggregates(rp_uuid, aggs,
                                                  generation=_gen)
        return aggs

    def _put_aggregates(self, context, rp_uuid, aggregates, generation):
        url = '/resource_providers/%s/aggregates' % rp_uuid
        payload = {'aggregates': sorted(aggregates),
                   'resource_provider_generation': generation}
        resp = self._placement.put(url, payload, AGGREGATE_GENERATION_VERSION,
                                   context)
        if resp.status_code == 200:
            body = resp.json()
            if self._provider_tree.exists(rp_uuid):
                self._provider_tree.update_aggregates(
                    rp_uuid, body['aggregates'],
                    generation=body['resource_provider_generation'])
            return True
        if session.is_conflict(resp):
            return False
        raise sched_exc.ResourceProviderUpdateFailed(
            url=url, error=session.error_text(resp))

    def set_aggregates_for_provider(self, context, rp_uuid, aggregates):
        """Replace the provider's aggregates, if they changed.

        :param aggregates: an iterable of aggregate uuids.
        :returns: True when Placement was updated, False when unchanged.
        :raises: ResourceProviderUpdateFailed, ResourceProviderUpdateConflict.
        """
        aggregates = set(aggregates)
        if not self._provider_tree.exists(rp_uuid):
            self.ensure_resource_provider(context, rp_uuid)
        if not self._provider_tree.have_aggregates_changed(rp_uuid,
                                                           aggregates):
            return False
        for attempt in range(session.CONFLICT_RETRIES + 1):
            generation = self._provider_tree.data(rp_uuid).generation
            if self._put_aggregates(context, rp_uuid, aggregates, generation):
                return True
            if self._refresh_aggregates(context, rp_uuid) == aggregates:
                return False
            session.conflict_backoff(attempt)
        raise sched_exc.ResourceProviderUpdateConflict(
            uuid=rp_uuid, generation=generation,
            error='aggregates kept changing')

    def _change_host_aggregate(self, context, agg_uuid, host_name, rp_uuid,
                               add):
        if rp_uuid is None:
            rp_uuid = self.get_provider_by_name(context, host_name)['uuid']
        for attempt in range(session.CONFLICT_RETRIES + 1):
            aggs, generation = self._get_aggregates(context, rp_uuid)
            wanted = aggs | {agg_uuid} if add else aggs - {agg_uuid}
            if wanted == aggs:
                return
            if self._put_aggregates(context, rp_uuid, wanted, generation):
                return
            session.conflict_backoff(attempt)
        raise sched_exc.ResourceProviderUpdateConflict(
            uuid=rp_uuid, generation=generation,
            error='aggregates kept changing')

    def aggregate_add_host(self, context, agg_uuid, host_name=None,
                           rp_uuid=None):
        """Add the host's provider to aggregate ``agg_uuid`` in Placement.

        :param host_name: the compute host name (= its provider's name).
        :param rp_uuid: the provider uuid, when already known.
        :raises: ResourceProviderNotFound when no provider has that name.
        """
        self._change_host_aggregate(context, agg_uuid, host_name, rp_uuid,
                                    add=True)

    def aggregate_remove_host(self, context, agg_uuid, host_name=None,
                              rp_uuid=None):
        """Remove the host's provider from aggregate ``agg_uuid``.

        :raises: ResourceProviderNotFound when no provider has that name.
        """
        self._change_host_aggregate(context, agg_uuid, host_name, rp_uuid,
                                    add=False)
