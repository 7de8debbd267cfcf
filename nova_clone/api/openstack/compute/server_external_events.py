"""POST /os-server-external-events: Neutron, Cinder and Cyborg report in.

Each event gets its own ``code``: 200 accepted (cast to the instance's
host), 404 no such server, 422 the server has no host yet, 400 a
power-update with a tag other than POWER_ON/POWER_OFF. The response is
200 when every event was accepted, 207 when only some were, and a 404
fault when none was.
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import \
    server_external_events as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import rpcapi as compute_rpcapi
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.objects import external_event
from nova_clone.policies import server_external_events as see_policies
from nova_clone import policy


def _load_instances(context, uuids):
    """:returns: ``{uuid: instance}`` of those found in any cell."""
    mappings = {}
    for uuid in uuids:
        try:
            mapping = objects.InstanceMapping.get_by_instance_uuid(context,
                                                                   uuid)
        except exception.InstanceMappingNotFound:
            continue
        if mapping.cell_mapping is not None:
            mappings.setdefault(mapping.cell_mapping.uuid,
                                (mapping.cell_mapping, []))[1].append(uuid)
    found = {}
    for cell, cell_uuids in mappings.values():
        with nova_context.target_cell(context, cell) as cctxt:
            for inst in objects.InstanceList.get_by_filters(
                    cctxt, {'uuid': cell_uuids, 'deleted': False}):
                inst._context = cctxt
                found[inst.uuid] = inst
    return found


class ServerExternalEventsController(wsgi.Controller):
    """POST /os-server-external-events."""

    compute_rpcapi = common.lazy_client(compute_rpcapi.ComputeAPI)

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.schema(schema.create, '2.1', '2.50')
    @validation.schema(schema.create_v251, '2.51', '2.75')
    @validation.schema(schema.create_v276, '2.76', '2.81')
    @validation.schema(schema.create_v282, '2.82', '2.92')
    @validation.schema(schema.create_v293, '2.93')
    def create(self, req, body):
        context = common.get_context(req)
        policy.authorize(context, see_policies.POLICY_ROOT % 'create',
                         target={})
        # NOTE: the service's token belongs to its own project; events
        # name servers of every project.
        admin = context.elevated(read_deleted='no')
        requested = body['events']
        instances = _load_instances(
            admin, list(dict.fromkeys(e['server_uuid'] for e in requested)))
        answers, by_host = [], {}
        for item in requested:
            answer = dict(item, status=item.get('status', 'completed'))
            answer['code'] = self._check(answer,
                                         instances.get(item['server_uuid']))
            if answer['code'] != 200:
                answer['status'] = 'failed'
            else:
                instance = instances[item['server_uuid']]
                event = external_event.InstanceExternalEvent(
                    instance_uuid=instance.uuid, name=answer['name'],
                    status=answer['status'], tag=answer.get('tag'), data={})
                events, insts, _cctxt = by_host.setdefault(
                    instance.host, ([], {}, instance._context))
                events.append(event)
                insts[instance.uuid] = instance
            answers.append(answer)
        for host, (events, insts, cctxt) in by_host.items():
            self.compute_rpcapi.external_instance_event(
                cctxt, list(insts.values()), events, host)
        accepted = sum(1 for a in answers if a['code'] == 200)
        if not accepted:
            raise webob.exc.HTTPNotFound(explanation=_(
                'No instances found for any event'))
        code = 200 if accepted == len(answers) else 207
        return wsgi.ResponseObject({'events': answers}, code=code)

    @staticmethod
    def _check(answer, instance):
        """:returns: the per-event code for ``answer``."""
        if instance is None:
            return 404
        if not instance.host:
            return 422
        if answer['name'] == 'power-update' and answer.get('tag') not in (
                external_event.POWER_ON, external_event.POWER_OFF):
            return 400
        return 200
