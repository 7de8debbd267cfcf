"""schedule: select_destinations time per request with H compute nodes.

Runs in this process, not against a cloud: the scheduler's cost is what is
measured, without RPC or API in the way. The setup is real: migrated API
and cell databases (SQLite), the real Placement service in-process, and H
compute nodes, 100 per compute service (the fake driver's many-nodes mode
in shape: one service, many nodes), each with its row in the cell database
and its resource provider and inventory in Placement. Nodes are added in
steps (10, 100, 1000, 10000 by default) and each step is timed over
``repeat`` requests; each request claims an allocation, as a boot does.
"""

import concurrent.futures
import time

from oslo_utils import timeutils
from oslo_utils import uuidutils

from tools.bench_lib import stats

NODES_PER_SERVICE = 100
INVENTORY = {
    'VCPU': {'total': 64, 'allocation_ratio': 16.0},
    'MEMORY_MB': {'total': 262144, 'allocation_ratio': 1.5},
    'DISK_GB': {'total': 4000, 'allocation_ratio': 1.0},
}


class _Setup:
    """Databases, Placement, cells and the growing set of nodes."""

    def __init__(self):
        from oslo_config import fixture as config_fixture
        import oslo_messaging as messaging

        from nova_clone import config
        from nova_clone import conf as nova_conf
        from nova_clone import context as nova_context
        from nova_clone import objects
        from nova_clone import rpc
        from nova_clone.tests.fixtures import database
        from nova_clone.tests.fixtures import placement

        self.objects = objects
        objects.register_all()
        self.conf_fixture = config_fixture.Config(nova_conf.CONF)
        self.conf_fixture.setUp()
        conf = self.conf_fixture.conf
        conf([], project='nova')
        config.register_messaging_opts(conf)
        transport = messaging.get_rpc_transport(conf, url='fake:/')
        notifier = messaging.get_notification_transport(conf, url='fake:/')
        rpc.init(conf, transport=transport, notification_transport=notifier)
        self.api_db = database.Database('api')
        self.api_db.setUp()
        self.cell_db = database.Database('main')
        self.cell_db.setUp()
        self.placement = placement.PlacementFixture()
        self.placement.setUp()
        self.ctxt = nova_context.get_admin_context()
        self.cell = objects.CellMapping(
            self.ctxt, uuid=uuidutils.generate_uuid(), name='cell1',
            transport_url='fake:/',
            database_connection=self.cell_db.connection)
        self.cell.create()
        self.client = self.placement.client()
        self.nodes = 0
        self.services = []
        self.flavor = objects.Flavor(
            self.ctxt, name='bench.nano', flavorid='bench-nano', vcpus=1,
            memory_mb=64, root_gb=1, ephemeral_gb=0, swap=0,
            extra_specs={})
        self.flavor.create()

    def _provider(self, name, uuid):
        resp = self.client.post('/resource_providers',
                                json={'name': name, 'uuid': uuid})
        assert resp.status_code == 200, resp.text
        resp = self.client.put(
            '/resource_providers/%s/inventories' % uuid,
            json={'resource_provider_generation': 0,
                  'inventories': INVENTORY})
        assert resp.status_code == 200, resp.text

    def grow_to(self, total):
        """Add nodes (rows, mappings, providers) until ``total`` exist."""
        objects = self.objects
        new = []
        while self.nodes < total:
            index = self.nodes
            host = 'bench-host-%d' % (index // NODES_PER_SERVICE)
            if index % NODES_PER_SERVICE == 0:
                service = objects.Service(self.ctxt, host=host,
                                          binary='nova-compute',
                                          topic='compute', report_count=0)
                service.create()
                self.services.append(service)
                objects.HostMapping(self.ctxt, host=host,
                                    cell_mapping=self.cell).create()
                self.service_id = service.id
            node_name = '%s-node-%d' % (host, index)
            node = objects.ComputeNode(
                self.ctxt, host=host, hypervisor_hostname=node_name,
                service_id=self.service_id, vcpus=64, memory_mb=262144,
                local_gb=4000, vcpus_used=0, memory_mb_used=0,
                local_gb_used=0, hypervisor_type='fake',
                hypervisor_version=1000, cpu_info='{}', free_ram_mb=262144,
                free_disk_gb=4000, current_workload=0, running_vms=0,
                disk_available_least=4000, supported_hv_specs=[],
                cpu_allocation_ratio=16.0, ram_allocation_ratio=1.5,
                disk_allocation_ratio=1.0, mapped=1, stats={})
            node.create()
            new.append((node_name, node.uuid))
            self.nodes += 1
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda args: self._provider(*args), new))
        self.heartbeat()

    def heartbeat(self):
        """Report every compute service alive, as their nova-compute
        would: growing to 10,000 nodes takes longer than
        ``service_down_time``, after which the ComputeFilter would reject
        every host as "not heard from in a while".
        """
        # NOTE: last_seen_up, as a real heartbeat writes it: the
        # servicegroup reads it before updated_at once it is set.
        now = timeutils.utcnow()
        for service in self.services:
            service.report_count += 1
            service.last_seen_up = now
            service.save()

    def request_spec(self):
        objects = self.objects
        instance_uuid = uuidutils.generate_uuid()
        spec = objects.RequestSpec(
            self.ctxt, instance_uuid=instance_uuid, project_id='bench',
            user_id='bench', flavor=self.flavor, num_instances=1,
            image=objects.ImageMeta.from_dict(
                {'id': uuidutils.generate_uuid(), 'properties': {},
                 'disk_format': 'qcow2', 'container_format': 'bare',
                 'min_ram': 0, 'min_disk': 0}),
            scheduler_hints={}, is_bfv=False, ignore_hosts=None,
            force_hosts=None, force_nodes=None)
        return spec, instance_uuid


def run(steps=(10, 100, 1000, 10000), repeat=20):
    """:returns: an iterator of one result dict per step (a generator, so
    each step is printed when measured: reaching 10,000 providers in the
    in-process Placement takes many minutes on 2 cores).
    """
    from nova_clone.scheduler import manager

    setup = _Setup()
    scheduler = manager.SchedulerManager()
    for total in steps:
        started = time.monotonic()
        setup.grow_to(total)
        setup_seconds = time.monotonic() - started
        took = []
        for _ in range(repeat):
            spec, uuid = setup.request_spec()
            begin = time.monotonic()
            try:
                scheduler.select_destinations(setup.ctxt, spec, [uuid])
            except Exception as e:
                # NOTE: the RPC endpoint wraps what it raises; show that.
                raise getattr(e, 'exc_info', (None, e))[1]
            took.append(time.monotonic() - begin)
        yield {'scenario': 'schedule', 'cloud': 'in-process',
               'hosts': total, 'repeat': repeat,
               'select_destinations': stats.summary(took),
               'setup_seconds': setup_seconds}
