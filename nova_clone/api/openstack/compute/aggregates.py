"""Host aggregates (os-aggregates): administrators group compute hosts.

Ids in the URL are the aggregates' integer ids; the ``uuid`` shows from
2.41. ``POST /os-aggregates/{id}/action`` carries add_host, remove_host
and set_metadata.
"""

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import aggregates as schema
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.compute import aggregate_api
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone.policies import aggregates as agg_policies
from nova_clone import policy

_CREATE_FIELDS = ('availability_zone', 'created_at', 'deleted',
                  'deleted_at', 'id', 'name', 'updated_at')


def _aggregate_id(id):
    """:returns: ``id`` as an int.  :raises: HTTPBadRequest otherwise."""
    try:
        return int(str(id), 10)
    except ValueError:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid aggregate id %s: it must be an integer.') % id)



def _view(req, aggregate, fields=None):
    """:returns: the aggregate as nova shows it at ``req``'s version."""
    body = {
        'availability_zone': aggregate.availability_zone,
        'created_at': common.db_time(aggregate.created_at),
        'deleted': False,
        'deleted_at': None,
        'hosts': list(aggregate.hosts or []),
        'id': aggregate.id,
        'metadata': dict(aggregate.metadata or {}),
        'name': aggregate.name,
        'updated_at': common.db_time(aggregate.updated_at),
    }
    if fields is not None:
        body = {key: body[key] for key in fields}
    if api_version_request.is_supported(req, '2.41'):
        body['uuid'] = aggregate.uuid
    return body


class AggregateController(wsgi.Controller):
    """GET/POST /os-aggregates, GET/PUT/DELETE /os-aggregates/{id}."""

    def __init__(self):
        super().__init__()
        self.api = aggregate_api.AggregateAPI()

    @staticmethod
    def _authorize(req, rule):
        context = common.get_context(req)
        policy.authorize(context, agg_policies.POLICY_ROOT % rule,
                         target={})
        return context

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(schema.index_query)
    def index(self, req):
        context = self._authorize(req, 'index')
        return {'aggregates': [_view(req, agg)
                               for agg in self.api.get_all(context)]}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 409))
    @validation.schema(schema.create)
    def create(self, req, body):
        context = self._authorize(req, 'create')
        values = body['aggregate']
        try:
            aggregate = self.api.create(
                context, values['name'].strip(),
                values.get('availability_zone'))
        except exception.AggregateNameExists as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())
        except exception.InvalidAggregateAction as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate, _CREATE_FIELDS)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.show_query)
    def show(self, req, id):
        context = self._authorize(req, 'show')
        try:
            aggregate = self.api.get(context, _aggregate_id(id))
        except exception.AggregateNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409))
    @validation.schema(schema.update)
    def update(self, req, id, body):
        context = self._authorize(req, 'update')
        values = dict(body['aggregate'])
        if 'name' in values:
            values['name'] = values['name'].strip()
        try:
            aggregate = self.api.update(context, _aggregate_id(id), values)
        except exception.AggregateNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except exception.AggregateNameExists as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())
        except exception.InvalidAggregateAction as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @validation.query_schema(schema.show_query)
    def delete(self, req, id):
        context = self._authorize(req, 'delete')
        try:
            self.api.delete(context, _aggregate_id(id))
        except exception.AggregateNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except exception.InvalidAggregateAction as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409))
    @wsgi.action('add_host')
    @validation.schema(schema.add_host)
    def _add_host(self, req, id, body):
        context = self._authorize(req, 'add_host')
        try:
            aggregate = self.api.add_host(context, _aggregate_id(id),
                                          body['add_host']['host'])
        except (exception.AggregateNotFound,
                exception.ComputeHostNotFound) as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except (exception.AggregateHostExists,
                exception.InvalidAggregateAction) as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @wsgi.action('remove_host')
    @validation.schema(schema.remove_host)
    def _remove_host(self, req, id, body):
        context = self._authorize(req, 'remove_host')
        try:
            aggregate = self.api.remove_host(context, _aggregate_id(id),
                                             body['remove_host']['host'])
        except (exception.AggregateNotFound, exception.AggregateHostNotFound,
                exception.ComputeHostNotFound) as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate)}

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404))
    @wsgi.action('set_metadata')
    @validation.schema(schema.set_metadata)
    def _set_metadata(self, req, id, body):
        context = self._authorize(req, 'set_metadata')
        try:
            aggregate = self.api.update_metadata(
                context, _aggregate_id(id),
                body['set_metadata']['metadata'])
        except (exception.AggregateNotFound,
                exception.AggregateMetadataNotFound) as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except exception.InvalidAggregateAction as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        return {'aggregate': _view(req, aggregate)}
