"""The db online_data_migrations runner: batches, summary and exit codes."""

import io

import fixtures

from nova_clone.cmd.manage import online_migrations
from nova_clone.tests import base


def _migration(name, todo):
    """:returns: a migration fixing up to ``count`` of ``todo[0]`` records."""
    def migrate(ctxt, count):
        found = min(count, todo[0])
        todo[0] -= found
        return found, found
    migrate.__name__ = name
    return migrate


def _broken(ctxt, count):
    raise RuntimeError('boom')


def _stuck(ctxt, count):
    # NOTE: finds records it cannot migrate (nova's "matched, 0 migrated").
    return 2, 0


class RunTestCase(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.out = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', self.out))

    def test_nothing_to_do_is_0(self):
        self.assertEqual(0, online_migrations.run(None, migrations=()))
        self.assertIn('Total Needed', self.out.getvalue())

    def test_until_complete_is_0(self):
        todo = [120]
        migrations = (_migration('populate_things', todo),)
        self.assertEqual(0, online_migrations.run(None,
                                                  migrations=migrations))
        self.assertEqual(0, todo[0])
        out = self.out.getvalue()
        self.assertIn('Running batches of 50 until complete', out)
        self.assertIn('| populate_things | 120          | 120       |', out)

    def test_max_count_with_more_left_is_1(self):
        todo = [10]
        migrations = (_migration('populate_things', todo),)
        self.assertEqual(1, online_migrations.run(None, 5, migrations))
        self.assertEqual(5, todo[0])
        self.assertIn('5 rows matched query populate_things, 5 migrated',
                      self.out.getvalue())

    def test_max_count_covering_everything_is_0(self):
        todo = [3]
        self.assertEqual(0, online_migrations.run(
            None, 5, (_migration('populate_things', todo),)))

    def test_error_is_2_and_others_still_run(self):
        todo = [3]
        migrations = (_broken, _migration('populate_things', todo))
        self.assertEqual(2, online_migrations.run(None,
                                                  migrations=migrations))
        self.assertEqual(0, todo[0])
        self.assertIn('Some migrations failed unexpectedly',
                      self.out.getvalue())

    def test_found_but_not_migrated_terminates(self):
        self.assertEqual(0, online_migrations.run(None,
                                                  migrations=(_stuck,)))
        self.assertIn('2 rows matched query _stuck, 0 migrated',
                      self.out.getvalue())

    def test_invalid_max_count_is_127(self):
        self.assertEqual(127, online_migrations.run(None, 0, ()))
        self.assertEqual(127, online_migrations.run(None, -3, ()))
