"""Host aggregates as nova-api manages them (os-aggregates).

An aggregate is a named set of compute hosts with metadata; the
``availability_zone`` key makes it an availability zone. This module keeps
nova's rules for zones (a host is in one zone only; the internal zone is
not for compute hosts; a zone holding servers is not renamed under them)
and mirrors membership into Placement, where the aggregate's uuid is an
aggregate of each of the host's compute node providers, as the
AggregateInstanceExtraSpecs/tenant isolation request filters expect.
"""

from oslo_log import log as logging

from nova_clone.compute import aggregate_zones
from nova_clone import conf
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.scheduler.client import report

CONF = conf.CONF
LOG = logging.getLogger(__name__)
AZ_KEY = 'availability_zone'


class AggregateAPI:
    """Create, change and delete aggregates; add and remove hosts."""

    def __init__(self):
        self._reportclient = None

    @property
    def reportclient(self):
        if self._reportclient is None:
            self._reportclient = report.SchedulerReportClient()
        return self._reportclient

    # ------------------------------------------------------------- aggregates

    @staticmethod
    def get(context, aggregate_id):
        """:raises: AggregateNotFound"""
        return objects.Aggregate.get_by_id(context, aggregate_id)

    @staticmethod
    def get_all(context):
        return objects.AggregateList.get_all(context)

    def create(self, context, name, availability_zone=None):
        """:raises: AggregateNameExists, InvalidAggregateAction"""
        metadata = {}
        if availability_zone:
            aggregate_zones.check_zone_name(availability_zone)
            metadata[AZ_KEY] = availability_zone
        aggregate = objects.Aggregate(context, name=name, metadata=metadata)
        aggregate.create()
        return aggregate

    def update(self, context, aggregate_id, values):
        """Rename and/or re-zone an aggregate.

        :raises: AggregateNotFound, AggregateNameExists,
            InvalidAggregateAction
        """
        aggregate = self.get(context, aggregate_id)
        zone = values.get(AZ_KEY)
        if zone is not None:
            aggregate_zones.check_zone_change(context, aggregate, zone)
        if 'name' in values and values['name'] != aggregate.name:
            aggregate.name = values['name']
            aggregate.save()
        if zone is not None:
            aggregate.update_metadata({AZ_KEY: zone})
        return aggregate

    def update_metadata(self, context, aggregate_id, metadata):
        """Set keys; a None value removes its key.

        :raises: AggregateNotFound, AggregateMetadataNotFound,
            InvalidAggregateAction
        """
        aggregate = self.get(context, aggregate_id)
        if AZ_KEY in metadata:
            zone = metadata[AZ_KEY]
            if zone is None:
                # NOTE: nova refuses to unset a zone: its servers would
                # silently move to the default zone.
                raise exception.InvalidAggregateAction(reason=_(
                    'The availability_zone metadata cannot be unset; '
                    'remove the hosts or delete the aggregate instead.'))
            aggregate_zones.check_zone_change(context, aggregate, zone)
        aggregate.update_metadata(metadata)
        return aggregate

    def delete(self, context, aggregate_id):
        """:raises: AggregateNotFound, InvalidAggregateAction (not empty)"""
        aggregate = self.get(context, aggregate_id)
        if aggregate.hosts:
            raise exception.InvalidAggregateAction(reason=_(
                'Cannot delete aggregate %(id)s: it still has hosts %(hosts)s.'
            ) % {'id': aggregate_id, 'hosts': ', '.join(aggregate.hosts)})
        aggregate.destroy()

    # ------------------------------------------------------------------ hosts

    def add_host(self, context, aggregate_id, host):
        """:raises: AggregateNotFound, ComputeHostNotFound,
            AggregateHostExists, InvalidAggregateAction
        """
        aggregate = self.get(context, aggregate_id)
        nodes = _compute_nodes(context, host)
        if host in (aggregate.hosts or []):
            raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                                host=host)
        aggregate_zones.check_host_joins(context, aggregate, host)
        aggregate.add_host(host)
        self._mirror(context, aggregate, nodes, add=True)
        return aggregate

    def remove_host(self, context, aggregate_id, host):
        """:raises: AggregateNotFound, ComputeHostNotFound,
            AggregateHostNotFound
        """
        aggregate = self.get(context, aggregate_id)
        nodes = _compute_nodes(context, host)
        aggregate.delete_host(host)
        self._mirror(context, aggregate, nodes, add=False)
        return aggregate

    def _mirror(self, context, aggregate, nodes, add):
        """Put the host's node providers in (or out of) the aggregate.

        Placement trouble is logged, not raised: the aggregate row is the
        truth, and nova-manage placement sync_aggregates can repair it.
        """
        change = (self.reportclient.aggregate_add_host if add
                  else self.reportclient.aggregate_remove_host)
        for node in nodes:
            try:
                change(context, aggregate.uuid, rp_uuid=node.uuid)
            except Exception as e:  # noqa: BLE001 - see docstring
                LOG.warning('Could not %(what)s provider %(rp)s %(dir)s '
                            'Placement aggregate %(agg)s: %(err)s',
                            {'what': 'add' if add else 'remove',
                             'rp': node.uuid, 'dir': 'to' if add else 'from',
                             'agg': aggregate.uuid, 'err': e})


def _compute_nodes(context, host):
    """:returns: the compute nodes of compute service ``host``.

    :raises: ComputeHostNotFound when no cell has that compute service.
    """
    try:
        mapping = objects.HostMapping.get_by_host(context, host)
    except exception.HostMappingNotFound:
        raise exception.ComputeHostNotFound(host=host)
    with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
        try:
            objects.Service.get_by_compute_host(cctxt, host)
        except exception.NotFound:
            raise exception.ComputeHostNotFound(host=host)
        return list(objects.ComputeNodeList.get_all_by_host(cctxt, host))
