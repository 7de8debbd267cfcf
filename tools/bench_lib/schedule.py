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
import contextlib
import gc
import os
import sqlite3
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

    def __init__(self, bulk=True):
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
        self.bulk = bulk
        self.template = None
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

    def _service(self, host):
        objects = self.objects
        service = objects.Service(self.ctxt, host=host,
                                  binary='nova-compute', topic='compute',
                                  report_count=0)
        service.create()
        self.services.append(service)
        objects.HostMapping(self.ctxt, host=host,
                            cell_mapping=self.cell).create()
        return service.id

    def _node(self, host, node_name, service_id):
        node = self.objects.ComputeNode(
            self.ctxt, host=host, hypervisor_hostname=node_name,
            service_id=service_id, vcpus=64, memory_mb=262144,
            local_gb=4000, vcpus_used=0, memory_mb_used=0,
            local_gb_used=0, hypervisor_type='fake',
            hypervisor_version=1000, cpu_info='{}', free_ram_mb=262144,
            free_disk_gb=4000, current_workload=0, running_vms=0,
            disk_available_least=4000, supported_hv_specs=[],
            cpu_allocation_ratio=16.0, ram_allocation_ratio=1.5,
            disk_allocation_ratio=1.0, mapped=1, stats={})
        node.create()
        return node.uuid

    def grow_to(self, total):
        """Add nodes (rows, mappings, providers) until ``total`` exist.

        With ``bulk`` (the default) only the first node goes through the
        objects and the Placement API; the others are copies of its
        compute_nodes row and of its provider and inventory rows, written
        with one ``executemany`` per table (10,000 nodes in seconds
        instead of most of an hour of one API call per provider and per
        inventory). What the scheduler and Placement read is the same.
        """
        new = []
        while self.nodes < total:
            index = self.nodes
            host = 'bench-host-%d' % (index // NODES_PER_SERVICE)
            if index % NODES_PER_SERVICE == 0:
                self.service_id = self._service(host)
            node_name = '%s-node-%d' % (host, index)
            if self.bulk and self.template is not None:
                new.append((host, node_name, self.service_id,
                            uuidutils.generate_uuid()))
            else:
                uuid = self._node(host, node_name, self.service_id)
                if self.bulk:
                    self._provider(node_name, uuid)
                    self.template = uuid
                else:
                    new.append((node_name, uuid))
            self.nodes += 1
        if self.bulk:
            self._copy_template(new)
        else:
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda args: self._provider(*args), new))
        self.heartbeat()

    @staticmethod
    def _rows(conn, sql, *args):
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, args)]

    @staticmethod
    def _insert(conn, table, rows):
        if not rows:
            return
        columns = list(rows[0])
        conn.executemany(
            'INSERT INTO %s (%s) VALUES (%s)' % (
                table, ', '.join(columns), ', '.join('?' * len(columns))),
            [tuple(row[c] for c in columns) for row in rows])

    def _copy_template(self, new):
        """Nodes and providers for ``new`` ``(host, node, service_id,
        uuid)``, copied from the template node's rows.
        """
        if not new:
            return
        with contextlib.closing(sqlite3.connect(self.cell_db.path,
                                                timeout=60)) as conn:
            node = self._rows(conn, 'SELECT * FROM compute_nodes '
                              'WHERE uuid = ?', self.template)[0]
            rows = []
            for host, node_name, service_id, uuid in new:
                row = dict(node, id=None, uuid=uuid, host=host,
                           hypervisor_hostname=node_name,
                           service_id=service_id)
                rows.append(row)
            with conn:
                self._insert(conn, 'compute_nodes', rows)
        with contextlib.closing(sqlite3.connect(self.placement.db_path,
                                                timeout=60)) as conn:
            provider = self._rows(conn, 'SELECT * FROM resource_providers '
                                  'WHERE uuid = ?', self.template)[0]
            inventories = self._rows(conn, 'SELECT * FROM inventories '
                                     'WHERE resource_provider_id = ?',
                                     provider['id'])
            next_id = conn.execute('SELECT max(id) FROM resource_providers'
                                   ).fetchone()[0] + 1
            providers, invs = [], []
            for offset, (host, node_name, _sid, uuid) in enumerate(new):
                rp_id = next_id + offset
                providers.append(dict(provider, id=rp_id, uuid=uuid,
                                      name=node_name, root_provider_id=rp_id,
                                      parent_provider_id=None))
                invs.extend(dict(inv, id=None, resource_provider_id=rp_id)
                            for inv in inventories)
            with conn:
                self._insert(conn, 'resource_providers', providers)
                self._insert(conn, 'inventories', invs)

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


class _PlacementTimer:
    """Times the scheduler's Placement round trips (HTTP, Placement's
    own work in its threads of this process, and the answer's transfer;
    not the decoding of the JSON, which is the scheduler's): GETs are the
    candidates query, PUTs the claim.
    """

    def __init__(self, placement_session):
        self.spent = {}
        self._request = placement_session.request
        placement_session.request = self._timed

    def _timed(self, method, *args, **kwargs):
        begin = time.monotonic()
        try:
            return self._request(method, *args, **kwargs)
        finally:
            self.spent[method] = (self.spent.get(method, 0.0) +
                                  time.monotonic() - begin)

    def take(self):
        spent, self.spent = self.spent, {}
        return spent


def run(steps=(10, 100, 1000, 10000), repeat=20, bulk=None, freeze=None):
    """:returns: an iterator of one result dict per step (a generator, so
    each step is printed when measured).

    :param bulk: copy the nodes' rows instead of creating each through
        the objects and the Placement API (default: yes, unless
        ``BENCH_SCHEDULE_SETUP=api``).
    :param freeze: as nova-scheduler freezes its heap once started
        (``gc.freeze``), freeze the process's after each setup step
        (default: yes, unless ``BENCH_SCHEDULE_GC_FREEZE=0``).
    """
    from nova_clone.scheduler import manager

    if bulk is None:
        bulk = os.environ.get('BENCH_SCHEDULE_SETUP', 'bulk') != 'api'
    if freeze is None:
        freeze = os.environ.get('BENCH_SCHEDULE_GC_FREEZE', '1') != '0'
    setup = _Setup(bulk=bulk)
    scheduler = manager.SchedulerManager()
    if freeze:
        # NOTE: as nova-scheduler does once started.
        scheduler.post_start_hook()
    timer = _PlacementTimer(scheduler.placement_client._placement)
    for total in steps:
        started = time.monotonic()
        setup.grow_to(total)
        setup_seconds = time.monotonic() - started
        if freeze:
            # NOTE: Placement shares this process here, not in production:
            # keep its setup objects out of the scheduler's collections.
            gc.collect()
            gc.freeze()
        took, candidates, claim, own, cpu = [], [], [], [], []
        for _ in range(repeat):
            spec, uuid = setup.request_spec()
            timer.take()
            begin = time.monotonic()
            begin_cpu = time.thread_time()
            try:
                scheduler.select_destinations(setup.ctxt, spec, [uuid])
            except Exception as e:
                # NOTE: the RPC endpoint wraps what it raises; show that.
                raise getattr(e, 'exc_info', (None, e))[1]
            spent = time.monotonic() - begin
            cpu.append(time.thread_time() - begin_cpu)
            placement = timer.take()
            took.append(spent)
            candidates.append(placement.get('GET', 0.0))
            claim.append(placement.get('PUT', 0.0))
            own.append(spent - sum(placement.values()))
        yield {'scenario': 'schedule', 'cloud': 'in-process',
               'hosts': total, 'repeat': repeat,
               'select_destinations': stats.summary(took),
               'placement_candidates': stats.summary(candidates),
               'placement_claim': stats.summary(claim),
               'scheduler_own': stats.summary(own),
               'scheduler_cpu': stats.summary(cpu),
               'setup': 'bulk' if bulk else 'api', 'gc_freeze': freeze,
               'setup_seconds': setup_seconds,
               'loadavg': round(os.getloadavg()[0], 2)}
