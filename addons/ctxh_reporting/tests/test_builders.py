from datetime import date

from odoo.tests import tagged

from ..builders import build_figures, case_figures
from .common import Q1, CtxhReportingCommon


@tagged("post_install", "-at_install")
class TestCaseBuilder(CtxhReportingCommon):
    def test_organisation(self):
        figures = case_figures.build(self.env, self.hospital, *Q1)
        self.assertEqual(figures["org_departments"], 1)
        self.assertEqual(figures["org_teams"], 1)
        # officer (both teams), supervisor (leader), manager: three distinct people.
        members = self.department.member_ids | self.team.member_ids
        self.assertEqual(len(members), 3)
        self.assertEqual(figures["org_team_members"], len(members))

    def test_case_figures_match_independent_count(self):
        for period in (Q1, (date(2026, 1, 1), date(2026, 12, 31)), (date(2025, 11, 1), date(2025, 11, 30))):
            figures = case_figures.build(self.env, self.hospital, *period)
            expected = self.expected_case_figures(*period)
            case_codes = [code for code in figures if code.startswith("cases_")]
            for code in case_codes:
                self.assertEqual(figures[code], expected.get(code, 0), f"{code} for {period}")
            # Nothing expected is missing from the builder.
            self.assertFalse(set(expected) - set(case_codes))

    def test_known_values_q1(self):
        figures = case_figures.build(self.env, self.hospital, *Q1)
        self.assertEqual(figures["cases_opened"], 5)
        self.assertEqual(figures["cases_closed"], 2)  # the cancelled one does not count
        self.assertEqual(figures["cases_active"], 4)
        self.assertEqual(figures["cases_opened.type.financial"], 2)
        self.assertEqual(figures["cases_opened.group.poor"], 3)
        self.assertEqual(figures["cases_active.group.elderly_alone"], 1)
        self.assertEqual(figures["cases_opened.type.violence"], 0)

    def test_other_company_empty(self):
        figures = build_figures(self.env, self.other_hospital, *Q1)
        self.assertEqual(figures["cases_opened"], 1)
        self.assertEqual(figures["org_teams"], 1)
        self.assertEqual(figures["org_departments"], 0)

    def test_builder_ignores_user_rights(self):
        """A supervisor who sees none of the cases still gets the hospital's figures."""
        env = self.env(user=self.supervisor)
        self.assertFalse(env["ctxh.case"].search_count([("id", "in", self.cases.ids)]))
        self.assertEqual(
            case_figures.build(env, self.hospital, *Q1), case_figures.build(self.env, self.hospital, *Q1)
        )

    def test_query_count_does_not_grow_with_cases(self):
        build_figures(self.env, self.hospital, *Q1)
        self.env.invalidate_all()
        with self.assertQueryCount(44):
            build_figures(self.env, self.hospital, *Q1)
