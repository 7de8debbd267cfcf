"""ComputeTestCase: a ComputeManager on the fake driver, no DB, no RPC."""

from nova_clone.compute import manager as compute_manager
from nova_clone import concurrency
from nova_clone import context as nova_context
from nova_clone.tests import base
from nova_clone.tests.unit.compute import fakes
from nova_clone.tests.unit.notifications import fake_notifier
from nova_clone.virt import fake as fake_virt

HOST = 'compute1'
NODE = 'compute1'


class ComputeTestCase(base.NoDBTestCase):
    """Builds ``self.compute`` with fake conductor, Placement and
    notifier; the node ``compute1`` is reported once.
    """

    def setUp(self):
        super().setUp()
        self.flags(host=HOST)
        self.flags(notification_format='versioned', group='notifications')
        self.useFixture(fake_virt.FakeDriverFixture())
        self.conductor = self.useFixture(
            fakes.FakeConductorFixture()).conductor
        self.notifier = self.useFixture(
            fake_notifier.FakeNotifierFixture()).notifier
        self.addCleanup(concurrency.shutdown_pools, wait=False)
        self.context = nova_context.RequestContext(
            user_id='fake-user', project_id='fake-project', is_admin=True)
        self.compute = self.start_compute()

    def start_compute(self, driver=None):
        compute = compute_manager.ComputeManager(
            host=HOST, compute_driver='fake.FakeDriver', driver=driver)
        self.report = getattr(self, 'report', None) or \
            fakes.FakeReportClient()
        compute.reportclient = self.report
        compute.rt.reportclient = self.report
        self.task_api = fakes.FakeComputeTaskAPI()
        compute.compute_task_api = self.task_api
        compute.init_host()
        compute.update_available_resource(self.context)
        self.addCleanup(compute.cleanup_host)
        return compute

    @property
    def node(self):
        return self.compute.rt.compute_nodes[NODE]

    def new_instance(self, **updates):
        inst = fakes.fake_instance(self.context, **updates)
        self.conductor.add_instance(inst)
        return inst

    def build(self, instance, filter_properties=None, host_list=None,
              limits=None, image=None):
        """Run one build to the end; :returns: its result."""
        self.report.allocations.setdefault(
            instance.uuid, {self.node.uuid: {'resources': {
                'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}}})
        future = self.compute.build_and_run_instance(
            self.context, instance,
            image if image is not None else {'id': instance.image_ref,
                                             'name': 'cirros'},
            None, filter_properties if filter_properties is not None
            else {}, node=NODE, limits=limits or {}, host_list=host_list)
        return future.result()

    def active_instance(self, **updates):
        inst = self.new_instance(**updates)
        self.assertEqual('active', self.build(inst))
        self.notifier.versioned[:] = []
        return inst
