from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form
from odoo.tests.common import TransactionCase, tagged

from ..builders.period import last_complete_period, period_bounds


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

    def test_last_complete_period(self):
        self.assertEqual(last_complete_period("quarter", date(2026, 11, 20)), (2026, 3))
        self.assertEqual(last_complete_period("quarter", date(2026, 1, 2)), (2025, 4))
        self.assertEqual(last_complete_period("month", date(2026, 11, 1)), (2026, 10))
        self.assertEqual(last_complete_period("month", date(2027, 1, 31)), (2026, 12))
        self.assertEqual(last_complete_period("half_year", date(2026, 11, 20)), (2026, 1))
        self.assertEqual(last_complete_period("half_year", date(2026, 6, 30)), (2025, 2))
        self.assertEqual(last_complete_period("year", date(2026, 11, 20)), (2025, 1))

    def test_wizard_proposes_the_last_complete_period(self):
        """In November the report wizard proposes the third quarter (the report of a period is
        made once it is over), not the first; changing the kind proposes that kind's last one."""
        with freeze_time("2026-11-20 03:00:00"):
            with Form(self.env["ctxh.report.wizard"]) as form:
                self.assertEqual(form.period_kind, "quarter")
                self.assertEqual((form.year, form.period_number), (2026, 3))
                self.assertEqual((form.date_from, form.date_to), (date(2026, 7, 1), date(2026, 9, 30)))
                form.period_kind = "month"
                self.assertEqual((form.date_from, form.date_to), (date(2026, 10, 1), date(2026, 10, 31)))
                form.period_kind = "year"
                self.assertEqual((form.date_from, form.date_to), (date(2025, 1, 1), date(2025, 12, 31)))
                form.year = 2026  # the user's choice stands
                self.assertEqual(form.date_to, date(2026, 12, 31))
        with freeze_time("2027-01-05 03:00:00"):
            wizard = self.env["ctxh.report.wizard"].create({})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 10, 1), date(2026, 12, 31)))
            # given values are kept
            wizard = self.env["ctxh.report.wizard"].create(
                {"period_kind": "month", "year": 2026, "period_number": 2}
            )
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 2, 1), date(2026, 2, 28)))
            # a year alone (a yearly report made by code or over the API) is that year's report
            wizard = self.env["ctxh.report.wizard"].create({"period_kind": "year", "year": 2024})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2024, 1, 1), date(2024, 12, 31)))

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
