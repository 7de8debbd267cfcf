"""The audit period arithmetic of the instance usage audit."""

import datetime

from nova_clone.compute import usage_audit
from nova_clone.tests import base

NOW = datetime.datetime(2026, 3, 15, 10, 30, 5)


def _dt(*args):
    return datetime.datetime(*args)


class LastCompletedAuditPeriodTest(base.NoDBTestCase):

    def period(self, unit, before=NOW):
        return usage_audit.last_completed_audit_period(unit, before)

    def test_units(self):
        self.assertEqual((_dt(2026, 2, 1), _dt(2026, 3, 1)),
                         self.period('month'))
        self.assertEqual((_dt(2025, 1, 1), _dt(2026, 1, 1)),
                         self.period('year'))
        self.assertEqual((_dt(2026, 3, 14), _dt(2026, 3, 15)),
                         self.period('day'))
        self.assertEqual((_dt(2026, 3, 15, 9), _dt(2026, 3, 15, 10)),
                         self.period('hour'))

    def test_offsets_not_yet_reached_go_back_one_period(self):
        self.assertEqual((_dt(2026, 1, 20), _dt(2026, 2, 20)),
                         self.period('month@20'))
        self.assertEqual((_dt(2026, 2, 10), _dt(2026, 3, 10)),
                         self.period('month@10'))
        self.assertEqual((_dt(2026, 3, 13, 12), _dt(2026, 3, 14, 12)),
                         self.period('day@12'))
        self.assertEqual((_dt(2026, 3, 15, 8, 45), _dt(2026, 3, 15, 9, 45)),
                         self.period('hour@45'))
        self.assertEqual((_dt(2024, 6, 1), _dt(2025, 6, 1)),
                         self.period('year@6'))

    def test_january_month_wraps_to_december(self):
        self.assertEqual((_dt(2025, 12, 1), _dt(2026, 1, 1)),
                         self.period('month', _dt(2026, 1, 5)))

    def test_unknown_unit(self):
        self.assertRaises(ValueError, self.period, 'week')
