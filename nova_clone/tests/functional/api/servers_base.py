"""ServersApiTestBase: the REST API in front of every service, in-process.

The paste app (noauth2) answers HTTP requests while nova-conductor,
nova-scheduler and the fake computes of ``IntegratedTestBase`` serve what
the API casts, over ``fake:/`` with a real Placement. ``self.api(...)``
sends HTTP; ``self.builder`` is the ServerBuilder for setting up state
without HTTP.
"""

from nova_clone.api.openstack import api_version_request as avr
from nova_clone.tests.fixtures import glance as glance_fixture
from nova_clone.tests.functional.api import base as api_base
from nova_clone.tests.functional import integrated_helpers


class ServersApiTestBase(api_base.ApiClientMixin,
                         integrated_helpers.IntegratedTestBase):
    """HTTP in front of conductor, scheduler and two fake computes."""

    def setUp(self):
        super().setUp()
        # NOTE: IntegratedTestBase keeps its ServerBuilder in ``self.api``;
        # here that name is the HTTP client method of ApiClientMixin.
        self.builder = self.__dict__.pop('api')
        self.app = api_base.load_noauth_app(self)
        self.glance = self.useFixture(
            glance_fixture.GlanceFixture(self.conf_fixture))

    def boot(self, name='srv', flavor='1', image=None, expect=202,
             version='2.37', user='admin', project=None, **extra):
        """POST /servers with networks 'none'; :returns: the Response."""
        server = {'name': name, 'flavorRef': flavor,
                  'imageRef': image or self.glance.IMAGE_ID}
        if version and avr.APIVersionRequest(version) >= \
                avr.APIVersionRequest('2.37'):
            server['networks'] = 'none'
        server.update(extra)
        resp = self.api('POST', '/v2.1/servers', {'server': server},
                        version=version, user=user, project=project)
        self.assertEqual(expect, resp.status, resp.text)
        return resp

    def wait_for_server(self, server_id, status, version=None,
                        timeout=30, user='admin', project=None):
        """Poll ``GET /servers/{id}`` until ``status``; return the server."""
        def reached():
            resp = self.api('GET', '/v2.1/servers/%s' % server_id,
                            version=version, user=user, project=project)
            if resp.status == 200 and resp.body['server']['status'] == \
                    status:
                return resp.body['server']
            return None
        return integrated_helpers.wait_until(
            reached, timeout=timeout,
            what='server %s to become %s' % (server_id, status))

    def wait_for_server_gone(self, server_id, timeout=30):
        """Poll ``GET /servers/{id}`` until it is a 404."""
        integrated_helpers.wait_until(
            lambda: self.api('GET', '/v2.1/servers/%s' % server_id
                             ).status == 404,
            timeout=timeout, what='server %s to be deleted' % server_id)


class ServerActionTestBase(ServersApiTestBase):
    """One ACTIVE server of alice in project p1, and its action URL."""

    def setUp(self):
        super().setUp()
        self.builder.create_flavor(name='f1', flavorid='1')
        self.server_id = self.boot(user='alice', project='p1').body[
            'server']['id']
        self.wait_for_server(self.server_id, 'ACTIVE', user='alice',
                             project='p1')
        self.action_url = '/v2.1/servers/%s/action' % self.server_id

    def act(self, body, user='alice', project='p1', version=None):
        return self.api('POST', self.action_url, body, user=user,
                        project=project or 'p1', version=version)
