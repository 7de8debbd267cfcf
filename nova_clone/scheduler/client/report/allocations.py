"""Allocation candidates and consumer allocations (claims, deletes, moves)."""

import copy

from oslo_log import log as logging

from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client.report import session

LOG = logging.getLogger(__name__)

# 1.36: granular groups with any suffix (1.33), root_required (1.35),
# same_subtree (1.36), forbidden traits (1.22), in_tree (1.31),
# forbidden aggregates (1.32) and mappings in the answer (1.34).
ALLOCATION_CANDIDATES_VERSION = '1.36'
# 1.28: allocations carry the consumer generation.
CONSUMER_GENERATION_VERSION = '1.28'
# 1.34: allocation requests may carry ``mappings``.
MAPPINGS_VERSION = (1, 34)
# POST /allocations (1.13) writes several consumers at once; 1.28 adds
# their consumer generations.
POST_ALLOCATIONS_VERSION = '1.28'

_CONSUMER_CONFLICT = 'consumer generation conflict'


def _version_tuple(version):
    major, minor = str(version).split('.')
    return int(major), int(minor)


def _is_consumer_conflict(resp):
    return (session.is_conflict(resp) and
            _CONSUMER_CONFLICT in session.error_text(resp))


class AllocationsMixin(object):
    """Scheduler- and conductor-side calls about consumers' allocations."""

    def get_allocation_candidates(self, context, resources):
        """Ask Placement which providers could satisfy ``resources``.

        :param resources: a :class:`ResourceRequest`; its ``limit`` defaults
            to ``[scheduler] max_placement_results``.
        :returns: ``(allocation_requests, provider_summaries,
            allocation_request_version)``; the first two are None when
            Placement refused the request.
        """
        version = ALLOCATION_CANDIDATES_VERSION
        if resources.limit is None:
            resources = copy.copy(resources)
            resources.limit = self._conf.scheduler.max_placement_results
        url = '/allocation_candidates?%s' % resources.to_querystring()
        resp = self._placement.get(url, version, context)
        if resp.status_code == 200:
            body = resp.json()
            return (body['allocation_requests'], body['provider_summaries'],
                    version)
        LOG.error('Failed to retrieve allocation candidates from Placement '
                  'API for filters %s: %s %s', resources, resp.status_code,
                  session.error_text(resp))
        return None, None, version

    def get_allocs_for_consumer(self, context, consumer):
        """:returns: Placement's whole answer for the consumer:
        ``{'allocations': {rp: {'generation', 'resources'}},
        'consumer_generation', 'project_id', 'user_id'}`` (allocations is
        ``{}`` for an unknown consumer).
        :raises: ConsumerAllocationRetrievalFailed.
        """
        resp = self._placement.get('/allocations/%s' % consumer,
                                   CONSUMER_GENERATION_VERSION, context)
        if resp.status_code != 200:
            raise sched_exc.ConsumerAllocationRetrievalFailed(
                consumer_uuid=consumer, error=session.error_text(resp))
        return resp.json()

    def get_allocations_for_consumer(self, context, consumer):
        """:returns: ``{rp_uuid: {'generation': g, 'resources': {...}}}``."""
        return self.get_allocs_for_consumer(context, consumer)['allocations']

    def get_allocations_for_resource_provider(self, context, rp_uuid):
        """:returns: ``{consumer_uuid: {'resources': {...}}}`` on a provider.
        :raises: ResourceProviderNotFound.
        """
        resp = self._placement.get(
            '/resource_providers/%s/allocations' % rp_uuid,
            CONSUMER_GENERATION_VERSION, context)
        if resp.status_code == 404:
            raise sched_exc.ResourceProviderNotFound(name_or_uuid=rp_uuid)
        if resp.status_code != 200:
            raise sched_exc.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        return resp.json()['allocations']

    def claim_resources(self, context, consumer_uuid, alloc_request,
                        project_id, user_id, allocation_request_version,
                        consumer_generation=None):
        """Write one allocation request for a consumer (the scheduler claim).

        A provider generation conflict (another claim landed at the same
        moment) is retried a bounded number of times with jitter.

        :param alloc_request: one entry of ``allocation_requests``
            (``{'allocations': {rp: {'resources': {...}}}, 'mappings':...}``).
        :param allocation_request_version: the microversion the request came
            from; the PUT uses it (at least 1.28).
        :param consumer_generation: None for a new consumer.
        :returns: True when claimed, False when it no longer fits.
        :raises: AllocationUpdateFailed on a consumer generation conflict
            (someone else changed this consumer's allocations).
        """
        version = allocation_request_version or CONSUMER_GENERATION_VERSION
        if _version_tuple(version) < _version_tuple(
                CONSUMER_GENERATION_VERSION):
            version = CONSUMER_GENERATION_VERSION
        payload = {'allocations': alloc_request['allocations'],
                   'project_id': project_id, 'user_id': user_id,
                   'consumer_generation': consumer_generation}
        if (_version_tuple(version) >= MAPPINGS_VERSION and
                alloc_request.get('mappings')):
            payload['mappings'] = alloc_request['mappings']
        url = '/allocations/%s' % consumer_uuid
        for attempt in range(session.CONFLICT_RETRIES + 1):
            resp = self._placement.put(url, payload, version, context)
            if resp.status_code == 204:
                return True
            if _is_consumer_conflict(resp):
                raise sched_exc.AllocationUpdateFailed(
                    consumer_uuid=consumer_uuid,
                    error=session.error_text(resp))
            if not session.is_conflict(resp):
                LOG.warning('Unable to claim resources for consumer %s: '
                            '%s %s', consumer_uuid, resp.status_code,
                            session.error_text(resp))
                return False
            LOG.debug('Claim for %s hit a provider generation conflict, '
                      'retrying', consumer_uuid)
            session.conflict_backoff(attempt)
        LOG.warning('Unable to claim resources for consumer %s: out of '
                    'retries after generation conflicts', consumer_uuid)
        return False

    def put_allocations(self, context, consumer_uuid, payload):
        """Replace a consumer's allocations with ``payload`` (1.28 shape).

        :returns: True on success.
        :raises: AllocationUpdateFailed (also on generation conflicts: the
            caller computed the payload from a stale view).
        """
        resp = self._placement.put('/allocations/%s' % consumer_uuid,
                                   payload, CONSUMER_GENERATION_VERSION,
                                   context)
        if resp.status_code == 204:
            return True
        raise sched_exc.AllocationUpdateFailed(
            consumer_uuid=consumer_uuid, error=session.error_text(resp))

    def _rewrite_allocations(self, context, consumer_uuid, change, exc_class):
        """GET, ``change(allocations)``, PUT with the consumer generation;
        retried on conflicts. :returns: False when nothing was allocated.
        """
        for attempt in range(session.CONFLICT_RETRIES + 1):
            current = self.get_allocs_for_consumer(context, consumer_uuid)
            if not current['allocations']:
                return False
            allocs = {rp: {'resources': a['resources']}
                      for rp, a in current['allocations'].items()}
            new = change(allocs)
            if new == allocs:
                return True
            payload = {'allocations': new,
                       'consumer_generation': current['consumer_generation'],
                       'project_id': current['project_id'],
                       'user_id': current['user_id']}
            resp = self._placement.put('/allocations/%s' % consumer_uuid,
                                       payload, CONSUMER_GENERATION_VERSION,
                                       context)
            if resp.status_code == 204:
                return True
            if not session.is_conflict(resp):
                raise exc_class(consumer_uuid=consumer_uuid,
                                error=session.error_text(resp))
            session.conflict_backoff(attempt)
        raise exc_class(consumer_uuid=consumer_uuid,
                        error='allocations kept changing')

    def delete_allocation_for_instance(self, context, uuid, force=False):
        """Delete every allocation of consumer ``uuid``.

        Without ``force`` the current allocations are read and emptied with
        the consumer generation, so a concurrent change is noticed and
        retried; with ``force`` a plain DELETE is sent.

        :returns: True when allocations were deleted, False when there were
            none (a 404 is not an error).
        :raises: AllocationDeleteFailed.
        """
        if force:
            resp = self._placement.delete('/allocations/%s' % uuid,
                                          CONSUMER_GENERATION_VERSION,
                                          context)
            if resp.status_code == 204:
                return True
            if resp.status_code == 404:
                return False
            raise sched_exc.AllocationDeleteFailed(
                consumer_uuid=uuid, error=session.error_text(resp))
        return self._rewrite_allocations(
            context, uuid, lambda allocs: {},
            sched_exc.AllocationDeleteFailed)

    def remove_provider_tree_from_instance_allocation(self, context,
                                                      consumer_uuid,
                                                      root_rp_uuid):
        """Drop the part of a consumer's allocations that sits on the tree
        rooted at ``root_rp_uuid`` (e.g. the source host after a move).

        :returns: True (also when there was nothing to remove).
        :raises: AllocationUpdateFailed.
        """
        tree = {rp['uuid']
                for rp in self.get_providers_in_tree(context, root_rp_uuid)}
        tree.add(root_rp_uuid)

        def drop(allocs):
            return {rp: a for rp, a in allocs.items() if rp not in tree}

        self._rewrite_allocations(context, consumer_uuid, drop,
                                  sched_exc.AllocationUpdateFailed)
        return True

    def move_allocations(self, context, source_consumer_uuid,
                         target_consumer_uuid):
        """Move all allocations of one consumer to another (e.g. from an
        instance to its migration record) in a single POST /allocations.

        The target's existing allocations are replaced.

        :returns: True (also when the source had nothing).
        :raises: AllocationMoveFailed.
        """
        for attempt in range(session.CONFLICT_RETRIES + 1):
            source = self.get_allocs_for_consumer(context,
                                                  source_consumer_uuid)
            if not source['allocations']:
                return True
            target = self.get_allocs_for_consumer(context,
                                                  target_consumer_uuid)
            payload = {
                source_consumer_uuid: {
                    'allocations': {},
                    'consumer_generation': source['consumer_generation'],
                    'project_id': source['project_id'],
                    'user_id': source['user_id']},
                target_consumer_uuid: {
                    'allocations': {
                        rp: {'resources': a['resources']}
                        for rp, a in source['allocations'].items()},
                    'consumer_generation': target.get('consumer_generation'),
                    'project_id': source['project_id'],
                    'user_id': source['user_id']},
            }
            resp = self._placement.post('/allocations', payload,
                                        POST_ALLOCATIONS_VERSION, context)
            if resp.status_code == 204:
                return True
            if not session.is_conflict(resp):
                break
            session.conflict_backoff(attempt)
        raise sched_exc.AllocationMoveFailed(
            source_consumer=source_consumer_uuid,
            target_consumer=target_consumer_uuid,
            error=session.error_text(resp))
