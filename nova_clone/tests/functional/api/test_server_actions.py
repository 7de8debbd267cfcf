"""Server actions over HTTP, through the conductor to a fake compute."""

import time
import uuid

from nova_clone.tests.functional.api import servers_base
from nova_clone.virt import fake
from nova_clone.tests.functional import integrated_helpers

SERVERS = '/v2.1/servers'


class ServerActionsTest(servers_base.ServerActionTestBase):

    def wait(self, status):
        return self.wait_for_server(self.server_id, status, user='alice',
                                    project='p1')

    def actions(self):
        resp = self.api('GET', '%s/%s/os-instance-actions' % (
            SERVERS, self.server_id), user='alice', project='p1')
        return [a['action'] for a in resp.body['instanceActions']]

    def test_stop_start_reboot(self):
        self.assertEqual(202, self.act({'os-stop': None}).status)
        server = self.wait('SHUTOFF')
        self.assertEqual(4, server['OS-EXT-STS:power_state'])
        self.assertIsNone(server['OS-EXT-STS:task_state'])
        # A stopped server cannot stop again nor soft reboot.
        resp = self.act({'os-stop': None})
        self.assertFault(resp, 409, 'conflictingRequest',
                         "Cannot 'stop' instance %s while it is in "
                         "vm_state stopped" % self.server_id)
        self.assertEqual(409, self.act({'reboot': {'type': 'SOFT'}}).status)
        self.assertEqual(202, self.act({'os-start': None}).status)
        server = self.wait('ACTIVE')
        self.assertEqual(1, server['OS-EXT-STS:power_state'])
        self.assertEqual(202, self.act({'reboot': {'type': 'soft'}}).status)
        self.wait('ACTIVE')
        self.assertEqual(202, self.act({'reboot': {'type': 'HARD'}}).status)
        self.wait('ACTIVE')
        self.assertEqual(400, self.act({'reboot': {'type': 'warm'}}).status)
        integrated_helpers.wait_until(
            lambda: self.actions()[:4] == ['reboot', 'reboot', 'start',
                                           'stop'],
            timeout=10, what='the actions to be recorded')

    def test_pause_suspend_and_their_reverses(self):
        self.assertEqual(202, self.act({'pause': None}).status)
        self.wait('PAUSED')
        self.assertEqual(409, self.act({'suspend': None}).status)
        self.assertEqual(202, self.act({'unpause': None}).status)
        self.wait('ACTIVE')
        self.assertEqual(202, self.act({'suspend': None}).status)
        self.wait('SUSPENDED')
        self.assertEqual(202, self.act({'resume': None}).status)
        self.wait('ACTIVE')
        # The argument of an argument-less action is ignored, as nova does.
        self.assertEqual(202, self.act({'pause': {}}).status)
        self.wait('PAUSED')
        self.assertEqual(400, self.act({'pause': None, 'x': 1}).status)

    def test_lock_blocks_owner_not_admin(self):
        resp = self.act({'lock': {'locked_reason': 'maintenance'}},
                        version='2.73')
        self.assertEqual(202, resp.status, resp.text)
        server = self.api('GET', '%s/%s' % (SERVERS, self.server_id),
                          user='alice', project='p1',
                          version='2.73').body['server']
        self.assertTrue(server['locked'])
        self.assertEqual('maintenance', server['locked_reason'])
        self.assertFault(self.act({'os-stop': None}), 409,
                         'conflictingRequest',
                         'Instance %s is locked' % self.server_id)
        resp = self.api('DELETE', '%s/%s' % (SERVERS, self.server_id),
                        user='alice', project='p1')
        self.assertEqual(409, resp.status)
        # An admin acts on a locked server; the owner unlocks its lock.
        self.assertEqual(202, self.act({'os-stop': None}, user='admin',
                                       project='admin').status)
        self.wait('SHUTOFF')
        self.assertEqual(202, self.act({'unlock': None}).status)
        self.assertEqual(202, self.act({'os-start': None}).status)
        self.wait('ACTIVE')
        # An admin's lock needs the override rule to lift.
        self.assertEqual(202, self.act({'lock': None}, user='admin',
                                       project='admin').status)
        self.assertEqual(403, self.act({'unlock': None}).status)
        self.assertEqual(202, self.act({'unlock': None}, user='admin',
                                       project='admin').status)

    def test_reset_state_is_admin_only(self):
        body = {'os-resetState': {'state': 'error'}}
        self.assertEqual(403, self.act(body).status)
        self.assertEqual(202, self.act(body, user='admin',
                                       project='admin').status)
        self.wait('ERROR')
        self.assertEqual(400, self.act({'os-resetState': {'state': 'x'}},
                                       user='admin', project='admin').status)
        self.assertEqual(202, self.act(
            {'os-resetState': {'state': 'active'}}, user='admin',
            project='admin').status)
        self.wait('ACTIVE')

    def test_rebuild_replaces_image_and_fields(self):
        other = str(uuid.uuid4())
        self.glance.images[other] = dict(
            self.glance.images[self.glance.IMAGE_ID], id=other, name='other')
        body = {'rebuild': {'imageRef': other, 'name': 'renamed',
                            'metadata': {'k': 'v'}, 'adminPass': 'pw'}}
        resp = self.act(body)
        self.assertEqual(202, resp.status, resp.text)
        server = resp.body['server']
        self.assertEqual('renamed', server['name'])
        self.assertEqual(other, server['image']['id'])
        self.assertEqual({'k': 'v'}, server['metadata'])
        self.assertEqual('pw', server['adminPass'])
        self.assertEqual('REBUILD', server['status'])
        # Before 2.75 a rebuild answers without the extended attributes.
        self.assertNotIn('OS-EXT-STS:vm_state', server)
        self.wait('ACTIVE')
        resp = self.act({'rebuild': {'imageRef': other}}, user='admin',
                        project='admin', version='2.75')
        self.assertEqual(202, resp.status, resp.text)
        self.assertIn('OS-EXT-STS:vm_state', resp.body['server'])
        self.assertIn('user_data', resp.body['server'])
        self.assertNotIn('OS-EXT-SRV-ATTR:user_data', resp.body['server'])
        server = self.wait('ACTIVE')
        self.assertEqual(other, server['image']['id'])
        # Rebuild of a stopped server leaves it stopped.
        self.act({'os-stop': None})
        self.wait('SHUTOFF')
        self.assertEqual(202, self.act(
            {'rebuild': {'imageRef': self.glance.IMAGE_ID}}).status)
        server = self.wait('SHUTOFF')
        self.assertEqual(self.glance.IMAGE_ID, server['image']['id'])
        # An unknown image is a 400 and changes nothing.
        resp = self.act({'rebuild': {
            'imageRef': 'aaaaaaaa-aaaa-4aaa-aaaa-aaaaaaaaaaaa'}})
        self.assertEqual(400, resp.status)
        self.assertEqual('SHUTOFF', self.wait('SHUTOFF')['status'])

    def test_create_image_and_backup(self):
        resp = self.act({'createImage': {'name': 'snap',
                                         'metadata': {'purpose': 'test'}}})
        self.assertEqual(202, resp.status, resp.text)
        image_id = resp.headers['Location'].rsplit('/', 1)[-1]
        image = self.glance.images[image_id]
        self.assertEqual('snap', image['name'])
        self.assertEqual('test', image['purpose'])
        self.assertEqual(self.server_id, image['instance_uuid'])
        self.assertEqual('snapshot', image['image_type'])
        integrated_helpers.wait_until(
            lambda: self.glance.images[image_id]['status'] == 'active',
            timeout=10, what='the snapshot to be uploaded')
        self.wait('ACTIVE')
        resp = self.act({'createImage': {'name': 'snap2'}}, version='2.45')
        self.assertEqual(202, resp.status)
        self.assertIn(resp.body['image_id'], self.glance.images)
        self.wait('ACTIVE')
        integrated_helpers.wait_until(
            lambda: self.wait('ACTIVE')['OS-EXT-STS:task_state'] is None,
            timeout=10, what='no task')
        # Backups beyond the rotation are deleted.
        ids = []
        for n in range(3):
            # NOTE: Glance's created_at has one-second resolution and the
            # rotation keeps the newest.
            time.sleep(1.05 if n else 0)
            resp = self.act({'createBackup': {
                'name': 'b%d' % n, 'backup_type': 'daily', 'rotation': 2}},
                version='2.45')
            self.assertEqual(202, resp.status, resp.text)
            ids.append(resp.body['image_id'])
            integrated_helpers.wait_until(
                lambda: self.api('GET', '%s/%s' % (
                    SERVERS, self.server_id), user='alice', project='p1'
                ).body['server']['OS-EXT-STS:task_state'] is None,
                timeout=10, what='the backup to finish')
        integrated_helpers.wait_until(
            lambda: ids[0] not in self.glance.images, timeout=10,
            what='the oldest backup to be rotated out')
        self.assertIn(ids[2], self.glance.images)

    def test_rescue_unrescue_and_password(self):
        resp = self.act({'rescue': {'adminPass': 'secret'}})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual({'adminPass': 'secret'}, resp.body)
        self.wait('RESCUE')
        self.assertEqual(409, self.act({'rescue': None}).status)
        self.assertEqual(202, self.act({'unrescue': None}).status)
        self.wait('ACTIVE')
        resp = self.act({'changePassword': {'adminPass': 'new'}})
        self.assertEqual(202, resp.status, resp.text)

    def test_console_output_and_diagnostics(self):
        resp = self.act({'os-getConsoleOutput': {'length': 1}})
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual({'output': 'LAST LINE'}, resp.body)
        resp = self.act({'os-getConsoleOutput': {'length': -1}})
        self.assertEqual(fake.CONSOLE_OUTPUT, resp.body['output'])
        self.assertEqual(400, self.act(
            {'os-getConsoleOutput': {'length': 'x'}}).status)
        url = '%s/%s/diagnostics' % (SERVERS, self.server_id)
        self.assertEqual(403, self.api('GET', url, user='alice',
                                       project='p1').status)
        resp = self.api('GET', url, version='2.48')
        self.assertEqual(200, resp.status, resp.text)
        self.assertEqual('running', resp.body['state'])
        self.assertEqual('libvirt', resp.body['driver'])
        old = self.api('GET', url)
        self.assertIn('cpu0_time', old.body)

    def test_restore_and_force_delete(self):
        self.assertEqual(409, self.act({'restore': None}).status)
        self.flags(reclaim_instance_interval=3600)
        resp = self.api('DELETE', '%s/%s' % (SERVERS, self.server_id),
                        user='alice', project='p1')
        self.assertEqual(204, resp.status)
        self.wait('SOFT_DELETED')
        self.assertEqual(202, self.act({'restore': None}).status)
        self.wait('ACTIVE')
        self.api('DELETE', '%s/%s' % (SERVERS, self.server_id),
                 user='alice', project='p1')
        self.wait('SOFT_DELETED')
        self.assertEqual(202, self.act({'forceDelete': None}).status)
        self.wait_for_server_gone(self.server_id)

    def test_other_project_sees_nothing(self):
        resp = self.act({'os-stop': None}, user='eve', project='p2')
        self.assertEqual(404, resp.status)

    def test_soft_deleted_server_is_reclaimed(self):
        self.flags(reclaim_instance_interval=1)
        self.api('DELETE', '%s/%s' % (SERVERS, self.server_id),
                 user='alice', project='p1')
        self.wait('SOFT_DELETED')
        time.sleep(1.1)
        for svc in self.services.values():
            if hasattr(svc.manager, '_reclaim_queued_deletes'):
                svc.manager._reclaim_queued_deletes(self.admin)
        self.wait_for_server_gone(self.server_id)
        self.assertEqual({}, self.allocations(self.server_id))

    def test_trusted_image_certificates_from_263(self):
        certs = ['0b5d2c72-12cc-4ba6-a8d7-3ff5cc1d8cb8', 'cert-2']
        server = self.boot(version='2.63', trusted_image_certificates=certs,
                           user='alice', project='p1').body['server']
        shown = self.wait_for_server(server['id'], 'ACTIVE', version='2.63',
                                     user='alice', project='p1')
        self.assertEqual(certs, shown['trusted_image_certificates'])
        # Not shown before 2.63; the server booted without any has null.
        old = self.wait_for_server(server['id'], 'ACTIVE', version='2.62',
                                   user='alice', project='p1')
        self.assertNotIn('trusted_image_certificates', old)
        mine = self.wait_for_server(self.server_id, 'ACTIVE',
                                    version='2.63', user='alice',
                                    project='p1')
        self.assertIsNone(mine['trusted_image_certificates'])
        # A rebuild replaces them, or with null drops them.
        url = '%s/%s/action' % (SERVERS, server['id'])
        resp = self.api('POST', url, {'rebuild': {
            'imageRef': self.glance.IMAGE_ID,
            'trusted_image_certificates': ['cert-3']}}, version='2.63',
            user='alice', project='p1')
        self.assertEqual(['cert-3'],
                         resp.body['server']['trusted_image_certificates'])
        self.wait_for_server(server['id'], 'ACTIVE', user='alice',
                             project='p1')
        resp = self.api('POST', url, {'rebuild': {
            'imageRef': self.glance.IMAGE_ID,
            'trusted_image_certificates': None}}, version='2.63',
            user='alice', project='p1')
        self.assertIsNone(resp.body['server']['trusted_image_certificates'])
        # The configured defaults apply when verification is on.
        self.flags(verify_glance_signatures=True,
                   enable_certificate_validation=True,
                   default_trusted_certificate_ids=['dflt'], group='glance')
        other = self.boot(version='2.63', user='alice',
                          project='p1').body['server']
        self.assertEqual(['dflt'], self.wait_for_server(
            other['id'], 'ACTIVE', version='2.63', user='alice',
            project='p1')['trusted_image_certificates'])
