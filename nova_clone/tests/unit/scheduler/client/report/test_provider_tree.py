"""The provider cache: change detection and tree walking."""

from nova_clone.scheduler.client.report import provider_tree
from nova_clone.tests import base


class TestProviderTree(base.NoDBTestCase):

    def test_inventory_compares_with_placement_defaults(self):
        tree = provider_tree.ProviderTree()
        tree.new_root('host', 'root')
        self.assertTrue(tree.has_inventory_changed('root', {}))
        tree.update_inventory('root', {'VCPU': {
            'total': 8, 'reserved': 0, 'min_unit': 1,
            'max_unit': 2147483647, 'step_size': 1,
            'allocation_ratio': 1.0}}, generation=3)
        self.assertFalse(tree.has_inventory_changed('root',
                                                    {'VCPU': {'total': 8}}))
        self.assertTrue(tree.has_inventory_changed(
            'root', {'VCPU': {'total': 8, 'allocation_ratio': 16.0}}))
        self.assertEqual(3, tree.data('host').generation)

    def test_tree_walk_and_remove(self):
        tree = provider_tree.ProviderTree()
        tree.new_root('host', 'root')
        tree.new_child('numa1', 'host', 'n1')
        tree.new_child('numa0', 'root', 'n0')
        tree.new_child('pf', 'n0', 'pf0')
        self.assertEqual(['root', 'n0', 'n1', 'pf0'],
                         tree.get_provider_uuids())
        self.assertEqual('root', tree.root_of('pf'))
        tree.remove('n0')
        self.assertEqual(['root', 'n1'], tree.get_provider_uuids())
        self.assertFalse(tree.exists('pf0'))
        self.assertRaises(ValueError, tree.data, 'pf0')

    def test_traits_and_aggregates_unknown_until_set(self):
        tree = provider_tree.ProviderTree()
        tree.new_root('host', 'root')
        self.assertTrue(tree.have_traits_changed('root', []))
        self.assertTrue(tree.update_traits('root', ['A']))
        self.assertFalse(tree.have_traits_changed('root', {'A'}))
        self.assertTrue(tree.update_aggregates('root', ['x']))
        self.assertFalse(tree.update_aggregates('root', {'x'}))
