"""Query budgets of the manager dashboard and of the periodic report (issue #14).

Each operation runs in the same number of queries with the small hospital of
CtxhReportingCommon (plus one of every kind of activity) and with the same hospital holding
GROWTH times more of everything a figure counts: cases (open, urgent, overdue, closed), their
vulnerable groups, interventions, referrals, people served, volunteers' shifts, donations and
paid support. A query per record or per group found fails here, and so does any new query: the
budgets are exact. The figures themselves are compared with independent counts in the other
tests; here only their growth is checked, to be sure the larger dataset is counted.
"""

import io
from datetime import date, datetime, time, timedelta

import openpyxl

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from ..builders import build_figures
from ..report.ctxh_period_report_xlsx import template_layout
from .common import CtxhReportingCommon
from .test_xlsx import render_xlsx

# What the dashboard's kanban reads of each tile (views/ctxh_dashboard_views.xml).
KANBAN_SPEC = {
    "kpi": {},
    "value": {},
    "currency_id": {"fields": {}},
    "company_id": {"fields": {"display_name": {}}},
}
# The budgets: every tile of the dashboard (one SQL view, JIT turned off first); every figure of a
# year; the workbook of the periodic report (its figures included).
DASHBOARD_QUERIES = 2
FIGURES_QUERIES = 48
WORKBOOK_QUERIES = 55
# The larger dataset: GROWTH more units of activity beside the first one.
GROWTH = 5


@tagged("post_install", "-at_install", "is_query_count")
class TestQueryBudget(CtxhReportingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.hospital.id]))
        cls.env_h = env
        # the dashboard's SQL counts by the database's date; nothing may be dated after the user's
        cls.cr.execute("SELECT CURRENT_DATE")
        cls.today = min(cls.cr.fetchone()[0], fields.Date.context_today(env["ctxh.case"]))
        cls.year = (date(cls.today.year, 1, 1), date(cls.today.year, 12, 31))
        cls.units = 0
        cls.finance = new_test_user(
            env,
            login="h5_budget_finance",
            groups="ctxh_donation.group_ctxh_finance_officer",
            company_id=cls.hospital.id,
            company_ids=[Command.set(cls.hospital.ids)],
        )
        cls.fund = cls._create_fund(env)
        cls.agency = env["res.partner"].create(
            {
                "name": "Công an phường Ngân sách",
                "is_company": True,
                "ctxh_agency_kind_id": cls.env.ref("ctxh_case.agency_kind_police").id,
            }
        )
        cls.post = env["ctxh.shift.post"].create({"name": "Bàn đón tiếp Ngân sách"})
        cls.grow(1)

    @classmethod
    def _create_fund(cls, env):
        Account = env["account.account"]

        def account(code, kind):
            return Account.create(
                {
                    "name": code,
                    "code": code,
                    "account_type": kind,
                    "company_ids": [Command.set(cls.hospital.ids)],
                }
            )

        journal = env["account.journal"].create(
            {
                "name": "Ngân hàng quỹ ngân sách",
                "code": "H5NS",
                "type": "bank",
                "default_account_id": account("H6112", "asset_cash").id,
                "suspense_account_id": account("H6113", "asset_current").id,
                "company_id": cls.hospital.id,
                "restrict_mode_hash_table": True,
            }
        )
        return env["ctxh.fund"].create(
            {
                "name": "Quỹ ngân sách truy vấn",
                "code": "H5QB",
                "journal_id": journal.id,
                "income_account_id": account("H6711", "income_other").id,
                "expense_account_id": account("H6811", "expense").id,
                "in_kind_account_id": account("H6156", "asset_current").id,
                "company_id": cls.hospital.id,
            }
        )

    @classmethod
    def grow(cls, units):
        """``units`` more of every kind of activity in the hospital, during this year (up to today):
        per unit four cases (one urgent opened today, one closed today, one overdue for review,
        one opened recently) with their groups, two interventions each, two referrals, ten entries
        of the service log, a volunteer with an attended shift whose hours are approved, an
        understaffed shift this week, a confirmed donation and support paid to one of the cases."""
        if not units:
            return
        env = cls.env_h
        today, start = cls.today, cls.year[0]
        first = cls.units
        cls.units += units

        def day(i):
            return start + timedelta(days=(i * 37) % ((today - start).days + 1))

        recent = max(start, today - timedelta(days=10))
        ref = cls.env.ref
        stage_closed = ref("ctxh_case.stage_closed")
        types = cls.type_financial | cls.type_illness
        partners = env["res.partner"].create(
            [{"name": f"Người bệnh ngân sách {i}"} for i in range(4 * first, 4 * cls.units)]
        )
        cases = env["ctxh.case"].create(
            [
                {
                    "partner_id": partner.id,
                    "case_type_id": types[i % 2].id,
                    "vulnerable_group_ids": [
                        Command.set((cls.group_poor | cls.group_elderly)[: 1 + i % 2].ids)
                    ],
                    "company_id": cls.hospital.id,
                    "team_id": cls.team.id,
                    # urgent today, closed today, overdue for review (opened long ago), recent
                    "open_date": (today, today, start - timedelta(days=90), recent)[i % 4],
                    "priority": "3" if i % 4 == 0 else "1",
                }
                for i, partner in enumerate(partners)
            ]
        )
        cases[1::4].write(
            {"stage_id": stage_closed.id, "close_date": today, **cls.closing_vals(stage_closed)}
        )
        counselling = ref("ctxh_case.intervention_type_counselling")
        env["ctxh.case.intervention"].create(
            [
                {
                    "case_id": case.id,
                    "date": max(case.open_date, day(k)),
                    "intervention_type_id": counselling.id,
                }
                for case in cases
                for k in range(2)
            ]
        )
        env["ctxh.case.referral"].create(
            [
                {"case_id": case.id, "agency_id": cls.agency.id, "date_sent": today, "legal_obligation": True}
                for case in cases[::2]
            ]
        )
        kinds = ("reception", "guidance", "escort", "admission_handover", "consultation")
        env["ctxh.service.log"].create(
            [
                {"date": day(i), "kind": kinds[i % 5], "count": 2, "company_id": cls.hospital.id}
                for i in range(10 * first, 10 * cls.units)
            ]
        )
        week_start = today - timedelta(days=today.weekday())
        for i in range(first, cls.units):
            volunteer = env["ctxh.volunteer"].create(
                {
                    "name": f"Tình nguyện viên ngân sách {i}",
                    "state": "active",
                    "pledge_date": start,
                    "date_activated": start,
                }
            )
            served = datetime.combine(max(start, today - timedelta(days=1)), time(1, 0))
            shift = cls._shift(env, served, 1)
            assignment = env["ctxh.shift.assignment"].create(
                {"shift_id": shift.id, "volunteer_id": volunteer.id}
            )
            assignment.action_attend()
            assignment.action_approve_hours()
            cls._shift(env, datetime.combine(week_start + timedelta(days=i % 7), time(2, 0)), 2)
            donation = env["ctxh.donation"].create(
                {
                    "partner_id": cls.agency.id,
                    "date": day(i),
                    "channel": ("bank", "cash")[i % 2],
                    "amount_currency": 1_000_000 * (i + 1),
                    "fund_id": cls.fund.id,
                    "company_id": cls.hospital.id,
                }
            )
            donation.with_user(cls.finance).action_confirm()
            allocation = env["ctxh.allocation"].create(
                {
                    "case_id": cases[4 * (i - first) + 3].id,
                    "fund_id": cls.fund.id,
                    "support_type_id": ref("ctxh_case.support_type_hospital_fees").id,
                    "method": "bank",
                    "amount": 100_000,
                    "company_id": cls.hospital.id,
                }
            )
            allocation.action_submit()
            allocation.with_user(cls.manager).action_approve()
            allocation.with_user(cls.finance).action_pay()

    @classmethod
    def _shift(cls, env, start, min_volunteers):
        return env["ctxh.shift"].create(
            {
                "post_id": cls.post.id,
                "start_datetime": start,
                "end_datetime": start + timedelta(hours=3),
                "min_volunteers": min_volunteers,
                "max_volunteers": 4,
            }
        )

    def count_queries(self, budget, operation):
        """The queries of ``operation`` once the registry's caches are warm (access rights, rules,
        translations) and the records' cache is empty; fails beyond ``budget``."""
        operation()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(budget):
            start = self.cr.sql_log_count
            result = operation()
            self.env.flush_all()
            count = self.cr.sql_log_count - start
        return count, result

    def assertSameBudget(self, operations):
        """Each of ``operations`` ({label: (budget, function)}) runs in exactly its budget of
        queries with the small dataset and with the one GROWTH times larger; returns the results
        of both ({label: [small, large]})."""
        counts, results = {}, {}
        for units in (0, GROWTH):
            self.grow(units)
            for label, (budget, operation) in operations.items():
                count, result = self.count_queries(budget, operation)
                counts.setdefault(label, []).append(count)
                results.setdefault(label, []).append(result)
        self.assertEqual(counts, {label: [budget, budget] for label, (budget, _op) in operations.items()})
        return results

    def test_dashboard(self):
        """Every tile, as the dashboard's kanban reads them, for its lowest reader (a supervisor)
        and for a manager."""

        def tiles(user):
            def read():
                records = self.env(user=user)["ctxh.dashboard.kpi"].web_search_read([], KANBAN_SPEC)[
                    "records"
                ]
                return {
                    row["kpi"]: row["value"] for row in records if row["company_id"]["id"] == self.hospital.id
                }

            return read

        results = self.assertSameBudget(
            {
                "supervisor": (DASHBOARD_QUERIES, tiles(self.supervisor)),
                "manager": (DASHBOARD_QUERIES, tiles(self.manager)),
            }
        )
        small, large = results["supervisor"]
        self.assertEqual(results["manager"], results["supervisor"])
        self.assertEqual(len(small), 7)
        # the larger dataset is what the tiles count
        for kpi, per_unit in (
            ("active_cases", 3),
            ("urgent_cases", 1),
            ("closed_this_month", 1),
            ("overdue_reviews", 1),
            ("staffing_gaps_week", 1),
        ):
            self.assertEqual(large[kpi] - small[kpi], GROWTH * per_unit, kpi)
        self.assertGreater(large["funds_available"], small["funds_available"])

    def test_periodic_report(self):
        """Every figure of this year, and the workbook of the periodic report, as a supervisor."""
        wizard = (
            self.env["ctxh.report.wizard"]
            .with_user(self.supervisor)
            .create({"company_id": self.hospital.id, "period_kind": "year", "year": self.today.year})
        )

        def figures():
            return build_figures(self.env(user=self.supervisor), self.hospital, *self.year)

        def workbook():
            return render_xlsx(wizard.env, "ctxh_reporting.ctxh_period_report_xlsx", wizard.ids)

        results = self.assertSameBudget(
            {"figures": (FIGURES_QUERIES, figures), "workbook": (WORKBOOK_QUERIES, workbook)}
        )
        small, large = results["figures"]
        for code, per_unit in (
            ("cases_opened", 3),
            ("interventions", 8),
            ("interventions_patients", 4),
            ("referrals", 2),
            ("service_total", 20),
            ("volunteers_serving", 1),
            ("donations", 1),
            ("support_cases", 1),
            ("support_patients", 1),
        ):
            self.assertEqual(large[code] - small[code], GROWTH * per_unit, code)
        # the workbook is the year's report, with the figures of the larger dataset
        sheet = openpyxl.load_workbook(io.BytesIO(results["workbook"][1])).active
        written = {
            line.figure_code: sheet.cell(row + 1, col + 1).value
            for line, row, col in template_layout(wizard._get_template())
            if line.display_type == "figure"
        }
        self.assertEqual(written["cases_opened"], large["cases_opened"])
        self.assertEqual(written["service_total"], large["service_total"])
