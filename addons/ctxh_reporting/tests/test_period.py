from datetime import date

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, tagged

from ..builders.period import period_bounds


@tagged("post_install", "-at_install")
class TestPeriod(TransactionCase):
    def test_period_bounds(self):
        self.assertEqual(period_bounds("month", 2024, 2), (date(2024, 2, 1), date(2024, 2, 29)))
        self.assertEqual(period_bounds("quarter", 2026, 4), (date(2026, 10, 1), date(2026, 12, 31)))
        self.assertEqual(period_bounds("half_year", 2026, 2), (date(2026, 7, 1), date(2026, 12, 31)))
        self.assertEqual(period_bounds("year", 2026), (date(2026, 1, 1), date(2026, 12, 31)))
        with self.assertRaises(ValueError):
            period_bounds("quarter", 2026, 5)
        with self.assertRaises(ValueError):
            period_bounds("week", 2026, 1)

    def test_wizard_dates(self):
        wizard = self.env["ctxh.report.wizard"].create(
            {"period_kind": "half_year", "year": 2025, "period_number": 2}
        )
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2025, 7, 1), date(2025, 12, 31)))
        wizard.write({"period_kind": "month", "year": 2025, "period_number": 2})
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2025, 2, 1), date(2025, 2, 28)))
        wizard.write({"period_kind": "custom", "date_from": date(2025, 3, 3), "date_to": date(2025, 3, 9)})
        self.assertEqual((wizard.date_from, wizard.date_to), (date(2025, 3, 3), date(2025, 3, 9)))

    def test_bad_period_refused(self):
        Wizard = self.env["ctxh.report.wizard"]
        for vals in (
            {"period_kind": "quarter", "year": 2026, "period_number": 5},
            {"period_kind": "month", "year": 2026, "period_number": 0},
            {"period_kind": "year", "year": 0},
            {"period_kind": "custom", "date_from": date(2026, 3, 1), "date_to": date(2026, 2, 1)},
        ):
            wizard = Wizard.create(vals)
            for action in ("action_print_xlsx", "action_export_dataset", "action_print_volunteer_hours"):
                with self.assertRaises(UserError, msg=f"{action} {vals}"):
                    getattr(wizard, action)()
