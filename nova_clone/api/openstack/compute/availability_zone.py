"""/os-availability-zone[/detail]: the zones servers may be booted into.

A zone is available while at least one enabled compute service is in it;
a zone whose compute services are all disabled is listed as unavailable.
The detail view (admins) also shows the internal zone of the control
services, and each host's services with their state.
"""

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import server_metadata as qs
from nova_clone.api.openstack.compute.views import servers as server_views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import conf as nova_conf
from nova_clone import context as nova_context
from nova_clone import objects
from nova_clone.policies import availability_zone as az_policies
from nova_clone import policy
from nova_clone import servicegroup

CONF = nova_conf.CONF


def _all_services(context):
    services = []
    for cell in objects.CellMappingList.get_all(context):
        if cell.is_cell0():
            continue
        with nova_context.target_cell(context, cell) as cctxt:
            services.extend(objects.ServiceList.get_all(cctxt,
                                                        set_zones=True))
    return services


class AvailabilityZoneController(wsgi.Controller):

    def __init__(self):
        self._servicegroup = None

    @property
    def servicegroup_api(self):
        if self._servicegroup is None:
            self._servicegroup = servicegroup.API()
        return self._servicegroup

    @staticmethod
    def _zone_states(services):
        """:returns: {zone: available} over the compute services."""
        zones = {}
        for service in services:
            if service.binary != 'nova-compute':
                continue
            zone = service.availability_zone
            zones[zone] = zones.get(zone, False) or not service.disabled
        return zones

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(qs.index_query)
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, az_policies.POLICY_ROOT % 'list',
                         target={})
        zones = self._zone_states(_all_services(context.elevated()))
        return {'availabilityZoneInfo': [
            {'zoneName': zone, 'zoneState': {'available': available},
             'hosts': None}
            for zone, available in sorted(zones.items())]}

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(qs.index_query)
    def detail(self, req):
        context = common.get_context(req)
        policy.authorize(context, az_policies.POLICY_ROOT % 'detail',
                         target={})
        services = _all_services(context.elevated())
        zones = self._zone_states(services)
        hosts = {}
        for service in services:
            if service.binary != 'nova-compute' and \
                    service.availability_zone != \
                    CONF.internal_service_availability_zone:
                continue
            up = self.servicegroup_api.service_is_up(service)
            hosts.setdefault(service.availability_zone, {}).setdefault(
                service.host, {})[service.binary] = {
                    'available': up and not service.disabled,
                    'active': not service.disabled,
                    'updated_at': server_views.usage_time(
                        service.updated_at or service.created_at)}
        info = []
        internal = CONF.internal_service_availability_zone
        if internal in hosts:
            info.append({'zoneName': internal,
                         'zoneState': {'available': True},
                         'hosts': hosts[internal]})
        for zone, available in sorted(zones.items()):
            info.append({'zoneName': zone,
                         'zoneState': {'available': available},
                         'hosts': hosts.get(zone) or None})
        return {'availabilityZoneInfo': info}
