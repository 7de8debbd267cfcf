"""/os-availability-zone[/detail]: the zones servers may be booted into.

A zone is available while at least one enabled service is in it, and
unavailable when it only holds disabled services; zones come from the
services (computes take their aggregates' zone or the default one, the
other services the internal zone). The plain list leaves the internal
zone out. The detail view (admins) lists each available zone's hosts and
their enabled services (API services excepted) with their liveness.
"""

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import service_lookup
from nova_clone.api.openstack.compute.schemas import server_metadata as qs
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import conf as nova_conf
from nova_clone import objects
from nova_clone.policies import availability_zone as az_policies
from nova_clone import policy
from nova_clone import servicegroup

CONF = nova_conf.CONF

# Not kept up like the other services, so never listed under a host.
_API_SERVICES = ('nova-osapi_compute', 'nova-metadata')


def _all_services(context):
    """:returns: the services of every cell, with their zones set."""
    services = []
    for cctxt in service_lookup.each_cell(context):
        services.extend(objects.ServiceList.get_all(cctxt, set_zones=True))
    return services


def zones_of(services):
    """:returns: (available zones, unavailable zones), each sorted."""
    available = {s.availability_zone for s in services if not s.disabled}
    unavailable = {s.availability_zone for s in services
                   if s.disabled and s.availability_zone not in available}
    return sorted(available), sorted(unavailable)



class AvailabilityZoneController(wsgi.Controller):

    servicegroup_api = common.lazy_client(servicegroup.API)

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(qs.index_query)
    def index(self, req):
        context = common.get_context(req)
        policy.authorize(context, az_policies.POLICY_ROOT % 'list',
                         target={})
        available, unavailable = zones_of(_all_services(context.elevated()))
        internal = CONF.internal_service_availability_zone
        return {'availabilityZoneInfo': [
            {'zoneName': zone, 'zoneState': {'available': state},
             'hosts': None}
            for zones, state in ((available, True), (unavailable, False))
            for zone in zones if zone != internal]}

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(qs.index_query)
    def detail(self, req):
        context = common.get_context(req)
        policy.authorize(context, az_policies.POLICY_ROOT % 'detail',
                         target={})
        services = _all_services(context.elevated())
        available, unavailable = zones_of(services)
        hosts = {}
        for service in services:
            if service.disabled or service.binary in _API_SERVICES:
                continue
            hosts.setdefault(service.availability_zone, {}).setdefault(
                service.host, {})[service.binary] = {
                    'available': self.servicegroup_api.service_is_up(
                        service),
                    'active': True,
                    'updated_at': common.db_time(service.updated_at)}
        info = [{'zoneName': zone, 'zoneState': {'available': True},
                 'hosts': hosts.get(zone, {})} for zone in available]
        info += [{'zoneName': zone, 'zoneState': {'available': False},
                  'hosts': None} for zone in unavailable]
        return {'availabilityZoneInfo': info}
