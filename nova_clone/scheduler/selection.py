"""The selection algorithm behind ``select_destinations``.

Placement offers allocation candidates; the providers become host
states; for each instance the hosts are filtered and weighed, one of the
best ``host_subset_size`` is picked at random and its allocation request
claimed (a lost race moves on to the next host); the pick is consumed so
later instances of the request see it. Alternates come from the same
cell as each pick. If any instance cannot be placed, the claims already
made are deleted and NoValidHost is raised.
"""

import collections
import random

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_clone import conf as nova_conf
from nova_clone.exception import build as build_exc
from nova_clone.exception import scheduler as sched_exc
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.scheduler import request_filter
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

_NO_ALLOC_REQ = ("A host state with uuid = '%s' that did not have a "
                 "matching allocation_request was encountered while "
                 "scheduling. This host was skipped.")


class DestinationSelector(object):
    """Picks and claims hosts for one request.

    :param host_manager: a HostManager (host states, filters, weighers).
    :param placement: a SchedulerReportClient.
    """

    def __init__(self, host_manager, placement):
        self.host_manager = host_manager
        self.placement = placement

    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_objects=True, return_alternates=True):
        """See :meth:`SchedulerManager.select_destinations`."""
        alloc_reqs_by_rp, summaries, version = None, None, None
        if not utils.request_is_rebuild(spec_obj):
            alloc_reqs_by_rp, summaries, version = self._candidates(
                context, spec_obj)
        return_alternates = return_alternates and return_objects
        selections = self._schedule(context, spec_obj, instance_uuids,
                                    alloc_reqs_by_rp, summaries, version,
                                    return_alternates)
        if not return_objects:
            return jsonutils.to_primitive(
                [sel[0].to_dict() for sel in selections])
        return selections

    def _candidates(self, context, spec_obj):
        """:returns: ``({rp_uuid: [alloc_req]}, provider_summaries,
        allocation_request_version)``.
        :raises: NoValidHost when Placement has no candidate.
        """
        try:
            request = utils.resources_from_request_spec(spec_obj)
            request_filter.process_reqspec(context, spec_obj, request)
        except build_exc.RequestFilterFailed as e:
            raise build_exc.NoValidHost(reason=e.kwargs.get('reason', ''))
        try:
            alloc_reqs, summaries, version = \
                self.placement.get_allocation_candidates(context, request)
        except sched_exc.PlacementAPIConnectFailure as e:
            LOG.error('Unable to get allocation candidates: %s', e)
            alloc_reqs, summaries, version = None, None, None
        if not alloc_reqs:
            LOG.info('Got no allocation candidates from the Placement API. '
                     'This could be due to insufficient resources or a '
                     'temporary occurrence as compute nodes start up.')
            raise build_exc.NoValidHost(reason='')
        by_rp = collections.defaultdict(list)
        for alloc_req in alloc_reqs:
            for rp_uuid in alloc_req['allocations']:
                by_rp[rp_uuid].append(alloc_req)
        return by_rp, summaries or {}, version

    def _host_states(self, context, spec_obj, summaries):
        uuids = None if summaries is None else list(summaries)
        return self.host_manager.get_host_states_by_uuids(context, uuids,
                                                          spec_obj)

    def _schedule(self, context, spec_obj, instance_uuids, alloc_reqs_by_rp,
                  summaries, version, return_alternates):
        elevated = context.elevated()
        hosts = self._host_states(elevated, spec_obj, summaries)
        prepare_group(elevated, spec_obj, self.host_manager)
        num_instances = (len(instance_uuids) if instance_uuids
                         else spec_obj.num_instances)
        num_alts = CONF.scheduler.max_attempts - 1 if return_alternates \
            else 0
        if not instance_uuids or alloc_reqs_by_rp is None:
            return self._find_hosts_unclaimed(spec_obj, hosts, num_instances,
                                              num_alts, instance_uuids)
        claimed_uuids, claimed_hosts, claimed_reqs = [], [], []
        index = 0
        for index, instance_uuid in enumerate(instance_uuids):
            spec_obj.instance_uuid = instance_uuid
            spec_obj.obj_reset_changes(['instance_uuid'])
            hosts = self._sorted_hosts(spec_obj, hosts, index)
            if not hosts:
                break
            picked = self._claim_first(elevated, spec_obj, instance_uuid,
                                       hosts, alloc_reqs_by_rp, version)
            if picked is None:
                LOG.debug('Unable to successfully claim against any host.')
                break
            host, alloc_req = picked
            claimed_uuids.append(instance_uuid)
            claimed_hosts.append(host)
            claimed_reqs.append(alloc_req)
            consume_selected_host(host, spec_obj, instance_uuid)
        self._ensure_sufficient_hosts(context, claimed_hosts, num_instances,
                                      claimed_uuids)
        if index > 0 and num_alts > 0:
            # NOTE: the picks consumed resources, so rank again for an
            # accurate list of alternates.
            hosts = self._sorted_hosts(spec_obj, hosts, index)
        return [self._with_alternates(host, alloc_req, hosts, claimed_hosts,
                                      num_alts, alloc_reqs_by_rp, version)
                for host, alloc_req in zip(claimed_hosts, claimed_reqs)]

    def _claim_first(self, context, spec_obj, instance_uuid, hosts,
                     alloc_reqs_by_rp, version):
        for host in hosts:
            alloc_reqs = alloc_reqs_by_rp.get(host.uuid)
            if not alloc_reqs:
                LOG.debug(_NO_ALLOC_REQ, host.uuid)
                continue
            alloc_req = alloc_reqs[0]
            if utils.claim_resources(context, self.placement, spec_obj,
                                     instance_uuid, alloc_req,
                                     allocation_request_version=version):
                return host, alloc_req
        return None

    def _find_hosts_unclaimed(self, spec_obj, hosts, num_instances,
                              num_alts, instance_uuids):
        """Pick without Placement claims (rebuild on the same host, or no
        instance uuids given).
        """
        picked = []
        for index in range(num_instances):
            if instance_uuids:
                spec_obj.instance_uuid = instance_uuids[index]
                spec_obj.obj_reset_changes(['instance_uuid'])
            hosts = self._sorted_hosts(spec_obj, hosts, index)
            if not hosts:
                break
            picked.append(hosts[0])
            consume_selected_host(
                hosts[0], spec_obj,
                instance_uuids[index] if instance_uuids else None)
        self._ensure_sufficient_hosts(None, picked, num_instances)
        return [self._with_alternates(host, None, hosts, picked, num_alts,
                                      None, None) for host in picked]

    def _sorted_hosts(self, spec_obj, host_states, index):
        """:returns: the hosts that pass the filters, best first, with a
        random one of the best ``host_subset_size`` moved to the front.
        """
        filtered = self.host_manager.get_filtered_hosts(host_states,
                                                        spec_obj, index)
        LOG.debug('Filtered %(hosts)s', {'hosts': filtered})
        if not filtered:
            return []
        weighed = self.host_manager.get_weighed_hosts(filtered, spec_obj)
        if CONF.filter_scheduler.shuffle_best_same_weighed_hosts:
            best = [w for w in weighed if w.weight == weighed[0].weight]
            random.shuffle(best)
            weighed = best + weighed[len(best):]
        LOG.debug('Weighed %(hosts)s', {'hosts': weighed})
        ordered = [w.obj for w in weighed]
        subset = ordered[:max(1, CONF.filter_scheduler.host_subset_size)]
        chosen = random.choice(subset)
        ordered.remove(chosen)
        return [chosen] + ordered

    @staticmethod
    def _with_alternates(host, alloc_req, hosts, picked, num_alts,
                         alloc_reqs_by_rp, version):
        selections = [objects.Selection.from_host_state(
            host, allocation_request=alloc_req,
            allocation_request_version=version)]
        for alt in hosts:
            if len(selections) > num_alts:
                break
            if alt.cell_uuid != host.cell_uuid or alt in picked:
                continue
            if alloc_reqs_by_rp is None:
                selections.append(objects.Selection.from_host_state(alt))
                continue
            alt_reqs = alloc_reqs_by_rp.get(alt.uuid)
            if not alt_reqs:
                LOG.debug(_NO_ALLOC_REQ, alt.uuid)
                continue
            selections.append(objects.Selection.from_host_state(
                alt, allocation_request=alt_reqs[0],
                allocation_request_version=version))
        return selections

    def _ensure_sufficient_hosts(self, context, hosts, required_count,
                                 claimed_uuids=None):
        if len(hosts) == required_count:
            return
        if claimed_uuids:
            LOG.debug('Cleaning up allocations for %s', claimed_uuids)
            for uuid in claimed_uuids:
                self.placement.delete_allocation_for_instance(context, uuid,
                                                              force=True)
        # NOTE: forget what the picks consumed; the next request reads the
        # hosts' real usage from the database again.
        for host in hosts:
            host.updated = None
        LOG.debug('There are %(hosts)d hosts available but '
                  '%(required)d instances requested to build.',
                  {'hosts': len(hosts), 'required': required_count})
        raise build_exc.NoValidHost(
            reason=_('There are not enough hosts available.'))


def prepare_group(context, spec_obj, host_manager):
    """Fill the request's server group with its members and their hosts.

    The members are those in the spec plus those in the API database;
    the hosts are those the spec names plus the hosts of the members'
    live instances in every cell (full hosts included, which Placement
    did not offer).
    """
    group = utils.spec_field(spec_obj, 'instance_group')
    if group is None:
        return
    members = set(group.members or []) \
        if group.obj_attr_is_set('members') else set()
    if group.obj_attr_is_set('uuid'):
        # NOTE: the spec may be older than the group: other servers may
        # have joined since (or this request's own members were added
        # after the spec was written).
        try:
            members.update(objects.InstanceGroup.get_by_uuid(
                context, group.uuid).members or [])
        except Exception:
            LOG.warning('Unable to load the members of server group %s',
                        group.uuid, exc_info=True)
    group.members = sorted(members)
    hosts = set(group.hosts or []) if group.obj_attr_is_set('hosts') \
        else set()
    if members:
        hosts.update(host_manager.hosts_of_instances(context, members))
    group.hosts = sorted(hosts)
    group.obj_reset_changes(['members', 'hosts'])


def consume_selected_host(host_state, spec_obj, instance_uuid=None):
    """Account a pick on its host state and in the request's group."""
    LOG.debug('Selected host: %(host)s', {'host': host_state},
              instance_uuid=instance_uuid)
    host_state.consume_from_request(spec_obj)
    if instance_uuid:
        # NOTE: placeholder so the group filters and weighers count the
        # new instance on this host for the rest of the request.
        host_state.instances[instance_uuid] = objects.Instance(
            uuid=instance_uuid, host=host_state.host,
            node=host_state.nodename)
    group = utils.spec_field(spec_obj, 'instance_group')
    if group is None:
        return
    group.hosts = list(group.hosts or []) + [host_state.host]
    if instance_uuid and instance_uuid not in (group.members or []):
        group.members = list(group.members or []) + [instance_uuid]
    group.obj_reset_changes(['hosts', 'members'])
