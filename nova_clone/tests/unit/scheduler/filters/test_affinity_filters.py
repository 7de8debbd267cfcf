"""Server group (anti-)affinity filters and the same/different host
hint filters.
"""

from nova_clone.scheduler.filters import affinity_filter
from nova_clone.tests import base
from nova_clone.tests.unit.scheduler import fakes

A = 'aaaaaaaa-0000-4000-8000-000000000000'
B = 'bbbbbbbb-0000-4000-8000-000000000000'
C = 'cccccccc-0000-4000-8000-000000000000'
Z = 'dddddddd-0000-4000-8000-000000000000'


def _host_with(*uuids, host='host1'):
    return fakes.host_state(host=host, instances={
        uuid: fakes.instance(uuid, host) for uuid in uuids})


class AntiAffinityFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = affinity_filter.ServerGroupAntiAffinityFilter()

    def test_no_group_passes(self):
        self.assertTrue(self.filt.host_passes(_host_with(A),
                                              fakes.spec()))

    def test_other_policy_passes(self):
        spec = fakes.spec(instance_group=fakes.group('affinity', [A]))
        self.assertTrue(self.filt.host_passes(_host_with(A), spec))

    def test_host_with_member_fails(self):
        spec = fakes.spec(instance_group=fakes.group('anti-affinity', [A]))
        self.assertFalse(self.filt.host_passes(_host_with(A), spec))

    def test_host_without_member_passes(self):
        spec = fakes.spec(instance_group=fakes.group('anti-affinity', [A]))
        self.assertTrue(self.filt.host_passes(_host_with(B), spec))

    def test_max_server_per_host_rule(self):
        group = fakes.group('anti-affinity', [A, B, C],
                            rules={'max_server_per_host': '2'})
        spec = fakes.spec(instance_group=group)
        self.assertTrue(self.filt.host_passes(_host_with(A), spec))
        self.assertFalse(self.filt.host_passes(_host_with(A, B), spec))

    def test_own_host_on_move_passes(self):
        spec = fakes.spec(instance_uuid=A,
                          instance_group=fakes.group('anti-affinity', [A]))
        self.assertTrue(self.filt.host_passes(_host_with(A), spec))


class AffinityFilterTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.filt = affinity_filter.ServerGroupAffinityFilter()

    def test_no_group_passes(self):
        self.assertTrue(self.filt.host_passes(fakes.host_state(),
                                              fakes.spec()))

    def test_group_without_hosts_passes(self):
        spec = fakes.spec(instance_group=fakes.group('affinity'))
        self.assertTrue(self.filt.host_passes(fakes.host_state(), spec))

    def test_group_host_passes(self):
        spec = fakes.spec(instance_group=fakes.group('affinity',
                                                     hosts=['host1']))
        self.assertTrue(self.filt.host_passes(
            fakes.host_state('host1'), spec))

    def test_other_host_fails(self):
        spec = fakes.spec(instance_group=fakes.group('affinity',
                                                     hosts=['host1']))
        self.assertFalse(self.filt.host_passes(
            fakes.host_state('host2'), spec))

    def test_anti_affinity_group_ignored(self):
        spec = fakes.spec(instance_group=fakes.group('anti-affinity',
                                                     hosts=['host1']))
        self.assertTrue(self.filt.host_passes(
            fakes.host_state('host2'), spec))


class SameDifferentHostFilterTestCase(base.NoDBTestCase):

    def test_same_host(self):
        filt = affinity_filter.SameHostFilter()
        spec = fakes.spec(scheduler_hints={'same_host': [A, Z]})
        self.assertTrue(filt.host_passes(_host_with(A), spec))
        self.assertFalse(filt.host_passes(_host_with(B), spec))

    def test_same_host_without_hint(self):
        filt = affinity_filter.SameHostFilter()
        self.assertTrue(filt.host_passes(_host_with(B), fakes.spec()))

    def test_different_host(self):
        filt = affinity_filter.DifferentHostFilter()
        spec = fakes.spec(scheduler_hints={'different_host': [A]})
        self.assertFalse(filt.host_passes(_host_with(A), spec))
        self.assertTrue(filt.host_passes(_host_with(B), spec))

    def test_different_host_without_hint(self):
        filt = affinity_filter.DifferentHostFilter()
        self.assertTrue(filt.host_passes(_host_with(A), fakes.spec()))
