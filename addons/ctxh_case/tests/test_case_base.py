from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestCaseBase(CtxhCaseCommon):
    @freeze_time("2026-03-25")
    def test_sequence(self):
        case = self.env["ctxh.case"].create(
            {"partner_id": self.patient.id, "case_type_id": self.case_type.id}
        )
        self.assertRegex(case.name, r"^CTXH-2026-\d{5}$")
        self.assertNotEqual(case.name, self.case.name)
        self.assertEqual(case.stage_id.phase, "intake")

    def test_team_leader_is_member(self):
        self.assertIn(self.supervisor, self.team.member_ids)
        self.team.leader_id = self.manager
        self.assertIn(self.manager, self.team.member_ids)
        self.assertEqual(self.team.case_count, 1)

    @freeze_time("2026-05-02")
    def test_close_date_follows_stage(self):
        closed = self.env.ref("ctxh_case.stage_closed")
        self.case.write(
            {
                "closure_reason_id": self.env.ref("ctxh_case.closure_reason_goals_met").id,
                "closure_outcome": "Hỗ trợ xong",
                "stage_id": closed.id,
            }
        )
        self.assertEqual(self.case.close_date, date(2026, 5, 2))
        self.assertFalse(self.case.is_open)
        self.case.stage_id = self.env.ref("ctxh_case.stage_screening")
        self.assertFalse(self.case.close_date)
        self.assertTrue(self.case.is_open)

    def test_only_intake_cases_can_be_deleted(self):
        self.case.stage_id = self.env.ref("ctxh_case.stage_assessment")
        with self.assertRaises(UserError):
            self.case.with_user(self.manager).unlink()
        self.case_other.with_user(self.manager).unlink()
        self.assertFalse(self.case_other.exists())
