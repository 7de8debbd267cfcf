"""The report client's HTTP handling, against a scripted fake adapter."""

import json

import fixtures
from keystoneauth1 import exceptions as ks_exc

from nova_clone import context as nova_context
from nova_clone.exception import scheduler as sched_exc
from nova_clone.scheduler.client import report
from nova_clone.scheduler.client.report import session
from nova_clone.tests import base


class FakeResponse(object):
    def __init__(self, status_code, body=None):
        self.status_code = status_code
        self._body = body
        self.text = json.dumps(body) if body is not None else ''

    def json(self):
        if self._body is None:
            raise ValueError('no body')
        return self._body


def conflict(code='placement.concurrent_update', detail='conflict'):
    return FakeResponse(409, {'errors': [
        {'status': 409, 'code': code, 'title': 'Conflict',
         'detail': detail}]})


class FakeAdapter(object):
    """Answers requests from a script and records what was sent."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests = []

    def request(self, url, method, **kwargs):
        self.requests.append((method, url, kwargs))
        answer = self.responses.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def get_endpoint(self):
        return 'http://fake-placement'


class ClientTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.ctx = nova_context.RequestContext(
            user_id='u', project_id='p', global_request_id='req-' + 'a' * 36)
        # NOTE: no sleeping between retries in unit tests.
        self.useFixture(fixtures.MonkeyPatch(
            'nova_clone.scheduler.client.report.session.conflict_backoff',
            lambda attempt: None))

    def client(self, *responses):
        adapter = FakeAdapter(*responses)
        return report.SchedulerReportClient(adapter=adapter), adapter


class TestSession(ClientTestCase):

    def test_microversion_and_global_request_id_are_sent(self):
        client, adapter = self.client(FakeResponse(200, {'allocations': {}}))
        client.get_allocations_for_consumer(self.ctx, 'c1')
        method, url, kwargs = adapter.requests[0]
        self.assertEqual(('GET', '/allocations/c1'), (method, url))
        self.assertEqual('placement 1.28',
                         kwargs['headers']['OpenStack-API-Version'])
        self.assertEqual(self.ctx.global_id, kwargs['global_request_id'])

    def test_connect_failure_is_a_domain_error_with_endpoint(self):
        client, _adapter = self.client(ks_exc.ConnectFailure('refused'))
        exc = self.assertRaises(sched_exc.PlacementAPIConnectFailure,
                                client.get_allocations_for_consumer,
                                self.ctx, 'c1')
        self.assertIn('http://fake-placement', str(exc))
        self.assertIn('refused', str(exc))

    def test_server_error_is_raised(self):
        client, _adapter = self.client(FakeResponse(500, {'errors': [
            {'status': 500, 'detail': 'boom'}]}))
        exc = self.assertRaises(sched_exc.PlacementAPIError,
                                client.get_allocations_for_consumer,
                                self.ctx, 'c1')
        self.assertIn('boom', str(exc))

    def test_adapter_is_built_lazily_from_conf(self):
        self.flags(endpoint_override='http://placement.example:8778',
                   auth_type='none', group='placement')
        placement = session.PlacementSession(report.nova_conf.CONF)
        self.assertIsNone(placement._adapter)
        adapter = placement.adapter
        self.assertEqual('http://placement.example:8778',
                         adapter.endpoint_override)
        self.assertEqual('placement', adapter.service_type)
        self.assertEqual(session.DEFAULT_TIMEOUT, adapter.session.timeout)
        self.assertEqual(session.DEFAULT_CONNECT_RETRIES,
                         adapter.connect_retries)
        self.flags(timeout=7, connect_retries=0, group='placement')
        adapter = session.PlacementSession(report.nova_conf.CONF).adapter
        self.assertEqual(7, adapter.session.timeout)
        self.assertEqual(0, adapter.connect_retries)


class TestClaims(ClientTestCase):

    AREQ = {'allocations': {'rp1': {'resources': {'VCPU': 1}}},
            'mappings': {'': ['rp1']}}

    def test_claim_sends_consumer_generation_and_mappings(self):
        client, adapter = self.client(FakeResponse(204))
        self.assertTrue(client.claim_resources(
            self.ctx, 'c1', self.AREQ, 'p', 'u', '1.36'))
        method, url, kwargs = adapter.requests[0]
        self.assertEqual(('PUT', '/allocations/c1'), (method, url))
        self.assertEqual('placement 1.36',
                         kwargs['headers']['OpenStack-API-Version'])
        self.assertEqual({'allocations': self.AREQ['allocations'],
                          'mappings': self.AREQ['mappings'],
                          'project_id': 'p', 'user_id': 'u',
                          'consumer_generation': None}, kwargs['json'])

    def test_old_version_drops_mappings_and_uses_at_least_1_28(self):
        client, adapter = self.client(FakeResponse(204))
        client.claim_resources(self.ctx, 'c1', self.AREQ, 'p', 'u', '1.25')
        kwargs = adapter.requests[0][2]
        self.assertEqual('placement 1.28',
                         kwargs['headers']['OpenStack-API-Version'])
        self.assertNotIn('mappings', kwargs['json'])

    def test_provider_generation_conflict_is_retried(self):
        client, adapter = self.client(conflict(), conflict(),
                                      FakeResponse(204))
        self.assertTrue(client.claim_resources(
            self.ctx, 'c1', self.AREQ, 'p', 'u', '1.36'))
        self.assertEqual(3, len(adapter.requests))

    def test_retries_are_bounded(self):
        client, adapter = self.client(
            *[conflict() for _ in range(session.CONFLICT_RETRIES + 1)])
        self.assertFalse(client.claim_resources(
            self.ctx, 'c1', self.AREQ, 'p', 'u', '1.36'))
        self.assertEqual(session.CONFLICT_RETRIES + 1, len(adapter.requests))

    def test_capacity_conflict_returns_false_at_once(self):
        client, adapter = self.client(conflict(
            code='placement.undefined_code',
            detail='Unable to allocate inventory: exceeds capacity'))
        self.assertFalse(client.claim_resources(
            self.ctx, 'c1', self.AREQ, 'p', 'u', '1.36'))
        self.assertEqual(1, len(adapter.requests))

    def test_consumer_generation_conflict_raises(self):
        client, _adapter = self.client(conflict(
            detail='consumer generation conflict - expected null but got 1'))
        self.assertRaises(sched_exc.AllocationUpdateFailed,
                          client.claim_resources, self.ctx, 'c1', self.AREQ,
                          'p', 'u', '1.36')


class TestDeleteAllocation(ClientTestCase):

    CURRENT = {'allocations': {'rp1': {'generation': 4,
                                       'resources': {'VCPU': 1}}},
               'consumer_generation': 2, 'project_id': 'p', 'user_id': 'u'}

    def test_delete_uses_consumer_generation_and_retries(self):
        fresher = dict(self.CURRENT, consumer_generation=3)
        client, adapter = self.client(
            FakeResponse(200, self.CURRENT), conflict(),
            FakeResponse(200, fresher), FakeResponse(204))
        self.assertTrue(client.delete_allocation_for_instance(self.ctx, 'c1'))
        puts = [r[2]['json'] for r in adapter.requests if r[0] == 'PUT']
        self.assertEqual([2, 3], [p['consumer_generation'] for p in puts])
        self.assertEqual([{}, {}], [p['allocations'] for p in puts])

    def test_nothing_to_delete(self):
        client, _adapter = self.client(FakeResponse(200, {'allocations': {}}))
        self.assertFalse(client.delete_allocation_for_instance(self.ctx, 'c1'))
        client, _adapter = self.client(FakeResponse(404))
        self.assertFalse(client.delete_allocation_for_instance(
            self.ctx, 'c1', force=True))
