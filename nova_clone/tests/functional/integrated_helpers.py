"""The whole service set in one process, for boot-path functional tests.

What runs: nova-conductor, nova-scheduler and any number of nova-compute
services (fake driver, one node each by default) as real Service objects
on oslo.messaging's in-memory ``fake:/`` transport; an API database, cell0
and cell1 as SQLite files; the real Placement in-process. Casts stay
asynchronous: tests wait on database state, never on a cast-as-call.

The servers REST resource is not there yet, so :class:`ServerBuilder`
calls ``nova_clone.compute.api.API`` (what nova-api's ``POST /servers``
and ``DELETE /servers/{id}`` call) directly.
"""

import time

import oslo_messaging as messaging
from oslo_messaging.notify import _impl_test as notify_test
from oslo_utils import uuidutils

from nova_clone.compute import api as compute_api
from nova_clone import config
from nova_clone import context as nova_context
from nova_clone import exception
from nova_clone import objects
from nova_clone import rpc
from nova_clone import service
from nova_clone.tests import base
from nova_clone.tests.fixtures import database
from nova_clone.tests.fixtures import placement
from nova_clone.virt import fake

IMAGE = {'id': '155d900f-4e14-4e4c-a73d-069cbf4541e6', 'name': 'cirros',
         'status': 'active', 'visibility': 'public', 'min_ram': 0,
         'min_disk': 0, 'container_format': 'bare', 'disk_format': 'qcow2',
         'size': 25165824, 'properties': {}}


def wait_until(predicate, timeout=20, interval=0.05, what='condition'):
    """Poll ``predicate`` until it returns a true value; return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError('timed out after %ss waiting for %s'
                                 % (timeout, what))
        time.sleep(interval)


class ServerBuilder:
    """What nova-api does for POST/DELETE /servers, minus HTTP."""

    def __init__(self, context):
        self.context = context
        self.compute_api = compute_api.API()

    def create_flavor(self, name='m1.tiny', vcpus=1, memory_mb=512,
                      root_gb=1, extra_specs=None, flavorid=None):
        flavor = objects.Flavor(self.context, name=name,
                                flavorid=flavorid or
                                uuidutils.generate_uuid(),
                                vcpus=vcpus, memory_mb=memory_mb,
                                root_gb=root_gb, ephemeral_gb=0, swap=0,
                                extra_specs=extra_specs or {})
        flavor.create()
        return flavor

    def create_group(self, policy, name='group'):
        group = objects.InstanceGroup(
            self.context, name=name, project_id=self.context.project_id,
            user_id=self.context.user_id, policy=policy)
        group.create()
        return group

    def create_servers(self, flavor, image=None, name='server', count=1,
                       group=None, hints=None):
        """Accept a boot request as nova-api would.

        :returns: the instance uuids, in launch-index order.
        """
        hints = dict(hints or {})
        if group is not None:
            hints['group'] = group.uuid
        instances, _rid = self.compute_api.create(
            self.context, flavor, image or IMAGE, min_count=count,
            max_count=count, display_name=name, scheduler_hints=hints)
        return [inst.uuid for inst in instances]

    def get_instance(self, uuid):
        """:returns: the instance from its cell, or None while building."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context,
                                                               uuid)
        if mapping.cell_mapping is None:
            return None
        with nova_context.target_cell(self.context,
                                      mapping.cell_mapping) as cctxt:
            try:
                return objects.Instance.get_by_uuid(
                    cctxt.elevated(read_deleted='yes'), uuid,
                    expected_attrs=['fault', 'system_metadata'])
            except exception.InstanceNotFound:
                return None

    def wait_for_state(self, uuid, vm_state, task_state=None, timeout=30):
        def reached():
            inst = self.get_instance(uuid)
            if inst is not None and inst.vm_state == vm_state and \
                    inst.task_state == task_state:
                return inst
            return None
        return wait_until(reached, timeout=timeout,
                          what='%s to reach %s/%s' % (uuid, vm_state,
                                                      task_state))

    def delete_server(self, uuid):
        """Delete the server as nova-api would."""
        self.compute_api.delete(self.context, uuid)


class IntegratedTestBase(base.NoDBTestCase):
    """Conductor, scheduler and ``COMPUTES`` computes, all in-process."""

    COMPUTES = ('host1', 'host2')

    def setUp(self):
        super().setUp()
        objects.register_all()
        fake.FakeDriver.reset()
        self.addCleanup(fake.FakeDriver.reset)
        self.api_db = self.useFixture(database.Database('api'))
        self.cell1_db = self.useFixture(database.Database('main'))
        self.cell0_db = self.useFixture(database.Database('main',
                                                          patch=False))
        self.placement = self.useFixture(placement.PlacementFixture())
        conf = self.conf_fixture.conf
        config.register_messaging_opts(conf)
        transport = messaging.get_rpc_transport(conf, url='fake:/')
        # NOTE: creating the notification transport registers the
        # [oslo_messaging_notifications] group the flag below needs.
        notification_transport = messaging.get_notification_transport(
            conf, url='fake:/')
        self.flags(driver=['test'], group='oslo_messaging_notifications')
        self.flags(notification_format='versioned', group='notifications')
        self.flags(compute_driver='fake.FakeDriver', report_interval=1,
                   periodic_enable=False)
        notify_test.reset()
        rpc.init(conf, transport=transport,
                 notification_transport=notification_transport)
        self.addCleanup(rpc.cleanup)
        self.admin = nova_context.get_admin_context()
        self.context = nova_context.RequestContext(
            user_id='fake-user', project_id='fake-project', is_admin=True)
        self.cell1 = self._cell('cell1', uuidutils.generate_uuid(),
                                self.cell1_db.connection)
        self.cell0 = self._cell('cell0', objects.CellMapping.CELL0_UUID,
                                self.cell0_db.connection)
        self.services = {}
        self.start_service('nova-conductor', 'conductor')
        self.start_service('nova-scheduler', 'scheduler')
        for host in self.COMPUTES:
            self.start_compute(host)
        self.discover_hosts()
        self.api = ServerBuilder(self.context)

    def _cell(self, name, uuid, connection):
        cell = objects.CellMapping(self.admin, uuid=uuid, name=name,
                                   transport_url='fake:/',
                                   database_connection=connection)
        cell.create()
        return cell

    def start_service(self, binary, host, manager=None):
        svc = service.Service.create(host=host, binary=binary,
                                     manager=manager)
        svc.start()
        self.services[host] = svc
        self.addCleanup(self._stop, host)
        return svc

    def _stop(self, host):
        svc = self.services.pop(host, None)
        if svc is not None:
            svc.stop()

    def start_compute(self, host, driver_instances=None):
        """Start nova-compute ``host`` with one fake node named ``host``.

        :param driver_instances: the hypervisor's guests to start with
            (a restarted host keeps its guests).
        """
        fake.FakeDriver.set_nodes([host])
        try:
            svc = service.Service.create(host=host, binary='nova-compute')
        finally:
            fake.FakeDriver.restore_nodes()
        if driver_instances:
            svc.manager.driver.instances.update(driver_instances)
        svc.start()
        self.services[host] = svc
        self.addCleanup(self._stop, host)
        return svc

    def restart_compute(self, host):
        """Stop ``host`` and start it again; its guests survive."""
        svc = self.services.pop(host)
        svc.stop()
        return self.start_compute(host,
                                  driver_instances=svc.manager.driver.instances)

    def discover_hosts(self):
        from nova_clone.cmd.manage import host_discovery  # noqa: N311
        host_discovery.discover_hosts(self.admin)

    def allocations(self, consumer_uuid):
        """:returns: Placement's allocations of ``consumer_uuid``."""
        resp = self.placement.client().get(
            '/allocations/%s' % consumer_uuid, microversion='1.28')
        return resp.json()['allocations']

    def legacy_notifications(self, event_type=None):
        """:returns: the unversioned (plain dict) notifications sent."""
        return [message for _c, message, _p, _r in notify_test.NOTIFICATIONS
                if 'nova_object.name' not in str(message.get('payload'))
                and (event_type is None
                     or message['event_type'] == event_type)]

    def versioned_notifications(self, event_type=None):
        """:returns: the versioned notifications sent so far."""
        found = []
        for _ctxt, message, _priority, _retry in notify_test.NOTIFICATIONS:
            if 'nova_object.name' not in str(message.get('payload')):
                continue
            if event_type is None or message['event_type'] == event_type:
                found.append(message)
        return found
