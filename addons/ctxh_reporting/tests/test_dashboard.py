from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestDashboard(CtxhReportingCommon):
    def kpis(self, env=None):
        env = env or self.env
        rows = env["ctxh.dashboard.kpi"].search([("company_id", "=", self.hospital.id)])
        return {row.kpi: row.value for row in rows}, rows

    def test_kpi_values(self):
        today = fields.Date.context_today(self.env["ctxh.case"])
        # One urgent case opened today, one closed today.
        self.cases[0].copy({"open_date": today, "priority": "3"})
        stage_closed = self.env.ref("ctxh_case.stage_closed")
        self.cases[2].write(
            {"stage_id": stage_closed.id, "close_date": today, **self.closing_vals(stage_closed)}
        )
        values, _rows = self.kpis()
        Case = self.env["ctxh.case"]
        domain = [("company_id", "=", self.hospital.id)]
        month_start = today.replace(day=1)
        self.assertEqual(values["active_cases"], Case.search_count(domain + [("is_open", "=", True)]))
        # The four open cases of case_specs, minus the one closed, plus the new one.
        self.assertEqual(values["active_cases"], 4)
        self.assertEqual(values["urgent_cases"], 1)
        self.assertEqual(values["opened_this_month"], 1)
        self.assertEqual(values["closed_this_month"], 1)
        self.assertEqual(Case.search_count(domain + [("open_date", ">=", month_start)]), 1)

    def test_tile_opens_cases(self):
        _values, rows = self.kpis()
        active = rows.filtered(lambda row: row.kpi == "active_cases")
        action = active.action_open()
        self.assertEqual(action["res_model"], "ctxh.case")
        self.assertEqual(self.env["ctxh.case"].search_count(action["domain"]), active.value)

    def test_access(self):
        values, _rows = self.kpis(self.env(user=self.supervisor))
        self.assertEqual(values["active_cases"], 4)
        with self.assertRaises(AccessError):
            self.env["ctxh.dashboard.kpi"].with_user(self.officer).search([])
        other = (
            self.env["ctxh.dashboard.kpi"]
            .with_user(self.supervisor)
            .search([("company_id", "=", self.other_hospital.id)])
        )
        self.assertFalse(other)

    def test_overdue_reviews_and_staffing_gaps(self):
        today = fields.Date.context_today(self.env["ctxh.case"])
        Case = self.env["ctxh.case"]
        overdue = Case.search([("company_id", "=", self.hospital.id), ("is_review_overdue", "=", True)])
        self.assertTrue(overdue)
        # A case reviewed today is no longer overdue.
        overdue[0].action_mark_reviewed()
        env = self.env(context=dict(self.env.context, allowed_company_ids=[self.hospital.id]))
        post = env["ctxh.shift.post"].create({"name": "Bàn hướng dẫn"})
        week_start = today - timedelta(days=today.weekday())

        def shift(day, min_volunteers):
            start = datetime.combine(day, time(2, 0))
            return env["ctxh.shift"].create(
                {
                    "post_id": post.id,
                    "start_datetime": start,
                    "end_datetime": start + timedelta(hours=3),
                    "min_volunteers": min_volunteers,
                    "max_volunteers": 4,
                }
            )

        gap = shift(week_start + timedelta(days=2), 2)
        shift(week_start + timedelta(days=8), 2)  # next week
        shift(week_start - timedelta(days=1), 2)  # last week
        values, rows = self.kpis()
        self.assertEqual(values["overdue_reviews"], len(overdue) - 1)
        self.assertEqual(
            values["overdue_reviews"],
            Case.search_count([("company_id", "=", self.hospital.id), ("is_review_overdue", "=", True)]),
        )
        self.assertEqual(values["staffing_gaps_week"], 1)
        action = rows.filtered(lambda row: row.kpi == "staffing_gaps_week").action_open()
        self.assertEqual(self.env["ctxh.shift"].search(action["domain"]), gap)
        action = rows.filtered(lambda row: row.kpi == "overdue_reviews").action_open()
        self.assertEqual(Case.search_count(action["domain"]), len(overdue) - 1)


@tagged("post_install", "-at_install")
class TestManagerTour(HttpCase):
    """In Chromium, in Vietnamese, a manager reads the dashboard and opens the report wizard."""

    @freeze_time("2026-11-20 03:00:00")
    def test_manager_reads_figures(self):
        self.assertEqual(self.env.company.currency_id.name, "VND", "the Vietnamese hospital of make test")
        self.env.ref("base.lang_vi_VN").active = True
        manager = new_test_user(
            self.env,
            login="ctxh_tour_reporting_manager",
            groups="ctxh_case.group_ctxh_manager",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        self.start_tour(
            "/odoo/action-ctxh_reporting.ctxh_dashboard_kpi_action",
            "ctxh_reporting_manager_tour",
            login=manager.login,
        )
