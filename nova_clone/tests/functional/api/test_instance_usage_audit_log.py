"""Compute hosts' usage audits, as os-instance-usage-audit-log shows them."""

import datetime

from oslo_utils import timeutils

from nova_clone.compute import usage_audit
from nova_clone.tests.functional.api import servers_base

LOG_URL = '/v2.1/os-instance_usage_audit_log'


class InstanceUsageAuditLogTest(servers_base.ServersApiTestBase):

    def setUp(self):
        super().setUp()
        self.flags(instance_usage_audit=True,
                   instance_usage_audit_period='hour')
        self.flags(notification_format='both', group='notifications')
        # NOTE: an hour from now, so the period audited is this hour,
        # in which the server below is launched.
        self.before = timeutils.utcnow() + datetime.timedelta(hours=1)
        self.stamp = self.before.strftime('%Y-%m-%d %H:%M:%S')

    def test_each_host_audits_its_period_once(self):
        flavor = self.builder.create_flavor()
        [uuid] = self.builder.create_servers(flavor)
        host = self.builder.wait_for_state(uuid, 'active').host
        other = ({'host1', 'host2'} - {host}).pop()

        log = self.api('GET', '%s/%s' % (LOG_URL, self.stamp)).body[
            'instance_usage_audit_log']
        self.assertEqual(2, log['num_hosts'])
        self.assertEqual(['host1', 'host2'], log['hosts_not_run'])
        self.assertEqual('0 of 2 hosts done. 0 errors.',
                         log['overall_status'])

        first = usage_audit.audit_host(self.admin, host, before=self.before)
        self.assertEqual(1, first.task_items)
        self.assertIsNone(usage_audit.audit_host(self.admin, host,
                                                 before=self.before))
        exists = self.legacy_notifications('compute.instance.exists')
        self.assertEqual([uuid], [n['payload']['instance_id']
                                  for n in exists])
        self.assertIn('audit_period_beginning', exists[0]['payload'])

        log = self.api('GET', '%s/%s' % (LOG_URL, self.stamp)).body[
            'instance_usage_audit_log']
        self.assertEqual([other], log['hosts_not_run'])
        self.assertEqual(1, log['total_instances'])
        self.assertEqual('DONE', log['log'][host]['state'])
        self.assertEqual('1 of 2 hosts done. 0 errors.',
                         log['overall_status'])

        usage_audit.audit_host(self.admin, other, before=self.before)
        log = self.api('GET', '%s/%s' % (LOG_URL, self.stamp)).body[
            'instance_usage_audit_log']
        self.assertEqual('ALL hosts done. 0 errors.', log['overall_status'])
        self.assertEqual(0, log['log'][other]['instances'])
        self.assertEqual(2, log['num_hosts_done'])

    def test_index_reports_the_last_completed_period(self):
        body = self.api('GET', LOG_URL).body['instance_usage_audit_logs']
        begin, end = usage_audit.last_completed_audit_period()
        self.assertEqual((str(begin), str(end)),
                         (body['period_beginning'], body['period_ending']))

    def test_bad_timestamp_and_policy(self):
        self.assertFault(self.api('GET', LOG_URL + '/yesterday'), 400,
                         'badRequest', 'Invalid timestamp')
        resp = self.api('GET', LOG_URL, user='demo', project='0123abcd')
        self.assertFault(resp, 403, 'forbidden')

    def test_audit_off_writes_nothing(self):
        self.flags(instance_usage_audit=False)
        self.assertIsNone(usage_audit.audit_host(self.admin, 'host1',
                                                 before=self.before))
        log = self.api('GET', '%s/%s' % (LOG_URL, self.stamp)).body[
            'instance_usage_audit_log']
        self.assertEqual({}, log['log'])
