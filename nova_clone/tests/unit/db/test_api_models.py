"""API database models: nova's table set, names and relationships (SQLite)."""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_clone import context as nova_context
from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models
from nova_clone.tests import base
from nova_clone.tests.fixtures import database

API_TABLES = {
    'aggregate_hosts', 'aggregate_metadata', 'aggregates', 'build_requests',
    'cell_mappings', 'flavor_extra_specs', 'flavor_projects', 'flavors',
    'host_mappings', 'instance_group_member', 'instance_group_policy',
    'instance_groups', 'instance_mappings', 'key_pairs',
    'project_user_quotas', 'quota_classes', 'quota_usages', 'quotas',
    'request_specs', 'reservations',
}

# NOTE: the names callers (and nova's own tooling) rely on; a rename here
# would be a schema change needing a new revision.
UNIQUE_CONSTRAINTS = {
    'cell_mappings': {'uniq_cell_mappings0uuid'},
    'host_mappings': {'uniq_host_mappings0host'},
    'instance_mappings': {'uniq_instance_mappings0instance_uuid'},
    'flavors': {'uniq_flavors0flavorid', 'uniq_flavors0name'},
    'flavor_extra_specs': {'uniq_flavor_extra_specs0flavor_id0key'},
    'flavor_projects': {'uniq_flavor_projects0flavor_id0project_id'},
    'request_specs': {'uniq_request_specs0instance_uuid'},
    'build_requests': {'uniq_build_requests0instance_uuid'},
    'key_pairs': {'uniq_key_pairs0user_id0name'},
    'aggregates': {'uniq_aggregate0name'},
    'aggregate_hosts': {'uniq_aggregate_hosts0host0aggregate_id'},
    'aggregate_metadata': {'uniq_aggregate_metadata0aggregate_id0key'},
    'instance_groups': {'uniq_instance_groups0uuid'},
    'quotas': {'uniq_quotas0project_id0resource'},
    'project_user_quotas': {
        'uniq_project_user_quotas0user_id0project_id0resource'},
}


class SchemaShapeTest(base.NoDBTestCase):
    """The declared metadata, without a database."""

    def test_table_set(self):
        self.assertEqual(API_TABLES, set(models.BASE.metadata.tables))

    def test_no_soft_delete(self):
        # NOTE: API rows are deleted outright; only timestamps are kept.
        for table in models.BASE.metadata.tables.values():
            self.assertNotIn('deleted', table.c, table.name)
            self.assertNotIn('deleted_at', table.c, table.name)
            self.assertIn('created_at', table.c, table.name)
            self.assertIn('updated_at', table.c, table.name)

    def test_unique_constraint_names(self):
        for name, table in models.BASE.metadata.tables.items():
            found = {c.name for c in table.constraints
                     if isinstance(c, sa.UniqueConstraint)}
            self.assertEqual(UNIQUE_CONSTRAINTS.get(name, set()), found,
                             name)

    def test_instance_mappings_columns(self):
        cols = models.InstanceMapping.__table__.c
        self.assertTrue(cols.cell_id.nullable)
        self.assertTrue(cols.user_id.nullable)
        self.assertIn('queued_for_delete', cols)
        self.assertFalse(cols.project_id.nullable)

    def test_foreign_keys(self):
        fks = {(t.name, fk.parent.name, fk.column.table.name)
               for t in models.BASE.metadata.tables.values()
               for fk in t.foreign_keys}
        self.assertEqual({
            ('host_mappings', 'cell_id', 'cell_mappings'),
            ('instance_mappings', 'cell_id', 'cell_mappings'),
            ('flavor_extra_specs', 'flavor_id', 'flavors'),
            ('flavor_projects', 'flavor_id', 'flavors'),
            ('aggregate_hosts', 'aggregate_id', 'aggregates'),
            ('aggregate_metadata', 'aggregate_id', 'aggregates'),
            ('instance_group_policy', 'group_id', 'instance_groups'),
            ('instance_group_member', 'group_id', 'instance_groups'),
            ('reservations', 'usage_id', 'quota_usages'),
        }, fks)


class RelationshipTest(base.NoDBTestCase):
    """Relationships and constraints on a migrated SQLite API database."""

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database('api'))
        self.ctxt = nova_context.get_admin_context()

    def _writer(self):
        return api_db_api.context_manager.writer.using(self.ctxt)

    def test_cell_host_and_instance_mappings(self):
        with self._writer() as session:
            cell = models.CellMapping(uuid=uuidutils.generate_uuid(),
                                      name='cell1')
            session.add(cell)
            session.flush()
            session.add(models.HostMapping(cell_id=cell.id, host='h1'))
            session.add(models.InstanceMapping(
                cell_id=cell.id, instance_uuid=uuidutils.generate_uuid(),
                project_id='p', user_id='u', queued_for_delete=False))
        with api_db_api.context_manager.reader.using(self.ctxt) as session:
            cell = session.query(models.CellMapping).one()
            self.assertEqual(['h1'], [h.host for h in cell.host_mapping])
            self.assertEqual(1, len(cell.instance_mapping))
            self.assertEqual(
                'cell1', cell.instance_mapping[0].cell_mapping.name)

    def test_flavor_extra_specs_and_projects(self):
        with self._writer() as session:
            flavor = models.Flavors(name='m1.tiny', flavorid='1',
                                    memory_mb=512, vcpus=1, swap=0)
            flavor.extra_specs.append(
                models.FlavorExtraSpecs(key='hw:cpu_policy',
                                        value='dedicated'))
            flavor.projects.append(models.FlavorProjects(project_id='p1'))
            session.add(flavor)
        with api_db_api.context_manager.reader.using(self.ctxt) as session:
            flavor = session.query(models.Flavors).one()
            self.assertEqual({'hw:cpu_policy': 'dedicated'},
                             {s.key: s.value for s in flavor.extra_specs})
            self.assertEqual(['p1'], [p.project_id for p in flavor.projects])
            self.assertTrue(flavor.is_public)
            self.assertFalse(flavor.disabled)

    def test_aggregate_hosts_and_metadata(self):
        with self._writer() as session:
            agg = models.Aggregate(uuid=uuidutils.generate_uuid(), name='a')
            session.add(agg)
            session.flush()
            session.add(models.AggregateHost(aggregate_id=agg.id, host='h'))
            session.add(models.AggregateMetadata(
                aggregate_id=agg.id, key='availability_zone', value='az1'))
        with api_db_api.context_manager.reader.using(self.ctxt) as session:
            agg = session.query(models.Aggregate).one()
            self.assertEqual(['h'], agg.hosts)
            self.assertEqual('az1', agg.availability_zone)

    def test_instance_group_policy_and_members(self):
        with self._writer() as session:
            group = models.InstanceGroup(uuid=uuidutils.generate_uuid(),
                                         project_id='p', user_id='u')
            group._policies.append(models.InstanceGroupPolicy(
                policy='anti-affinity', rules='{"max_server_per_host": 1}'))
            group._members.append(
                models.InstanceGroupMember(instance_uuid='i1'))
            session.add(group)
        with api_db_api.context_manager.reader.using(self.ctxt) as session:
            group = session.query(models.InstanceGroup).one()
            self.assertEqual('anti-affinity', group.policy.policy)
            self.assertEqual(['i1'], group.members)

    def test_keypair_type_defaults_to_ssh(self):
        with self._writer() as session:
            session.execute(sa.insert(models.KeyPair.__table__).values(
                name='k', user_id='u', public_key='ssh-rsa AAA'))
        with api_db_api.context_manager.reader.using(self.ctxt) as session:
            self.assertEqual('ssh', session.query(models.KeyPair).one().type)

    def test_unique_constraint_is_duplicate_entry(self):
        with self._writer() as session:
            session.add(models.HostMapping(
                cell_id=self._cell(session), host='h1'))
        def dup():
            with self._writer() as session:
                session.add(models.HostMapping(
                    cell_id=self._cell(session), host='h1'))
        self.assertRaises(db_exc.DBDuplicateEntry, dup)

    def test_foreign_key_enforced(self):
        def orphan():
            with self._writer() as session:
                session.add(models.HostMapping(cell_id=12345, host='h'))
        self.assertRaises(db_exc.DBReferenceError, orphan)

    @staticmethod
    def _cell(session):
        cell = models.CellMapping(uuid=uuidutils.generate_uuid())
        session.add(cell)
        session.flush()
        return cell.id
