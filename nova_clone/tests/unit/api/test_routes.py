"""Every routed controller method states its contract in decorators."""

from nova_clone.api.openstack.compute import routes
from nova_clone.tests import base

# NOTE: pinned so adding a route is a conscious, reviewed change.
TOTAL_ROUTED_METHODS = 129


class RouteContractTest(base.NoDBTestCase):

    def test_every_method_is_decorated(self):
        missing = []
        count = 0
        for path, method, func in routes.iter_route_methods():
            count += 1
            where = '%s %s (%s)' % (method, path, func.__qualname__)
            if not getattr(func, 'wsgi_codes', None):
                missing.append(where + ': no @wsgi.response')
            if not hasattr(func, 'wsgi_expected_errors'):
                missing.append(where + ': no @wsgi.expected_errors')
            if method in ('POST', 'PUT'):
                if not getattr(func, 'request_body_schemas', None):
                    missing.append(where + ': no @validation.schema')
            elif not getattr(func, 'request_query_schemas', None):
                missing.append(where + ': no @validation.query_schema')
        self.assertEqual([], missing)
        self.assertEqual(TOTAL_ROUTED_METHODS, count)

    def test_every_path_has_a_405(self):
        router = routes.APIRouterV21()
        for path, methods in routes.ROUTE_LIST:
            concrete = path.replace('{id}', 'x').replace('{flavor_id}', 'f')
            match = router.map.match(concrete, environ={
                'REQUEST_METHOD': 'PATCH'})
            self.assertEqual('_method_not_allowed', match['action'], path)
            self.assertEqual(', '.join(sorted(methods)),
                             match['allowed_methods'])
