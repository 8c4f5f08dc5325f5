from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestCaseForms(CtxhCaseCommon):
    """The forms work for the lowest group that uses them, and child records respect companies."""

    def test_officer_uses_case_form(self):
        # An officer who registers patients also manages contacts (as in the UI tour).
        self.officer.groups_id = [(4, self.env.ref("base.group_partner_manager").id)]
        Case = self.env["ctxh.case"].with_user(self.officer)
        with Form(Case) as form:
            form.partner_id = self.patient
            form.case_type_id = self.case_type
            form.team_id = self.team
            form.poverty_status = "poor"
            form.poverty_expiry_date = date(2099, 1, 1)
            with form.member_ids.new() as member:
                member.name = "Nguyễn Thị Mẹ"
                member.relationship = "parent"
                member.is_caregiver = True
        case = form.record
        self.assertTrue(case.name.startswith("CTXH-"))
        self.assertTrue(case.poverty_status_valid)
        self.assertEqual(case.member_ids.relationship, "parent")
        with Form(self.env["ctxh.case.assessment"].with_user(self.officer)) as assessment_form:
            assessment_form.case_id = case
            assessment_form.score_finances = "4"
            assessment_form.need_finances = True
        assessment = assessment_form.record
        assessment.with_user(self.officer).action_done()
        self.assertEqual(assessment.total_score, 4)
        with Form(case) as form:
            form.stage_id = self.env.ref("ctxh_case.stage_care_plan")
        with Form(self.env["ctxh.case.plan"].with_user(self.officer)) as plan_form:
            plan_form.case_id = case
            plan_form.goal = "Ổn định"
            with plan_form.line_ids.new() as line:
                line.name = "Tư vấn"
        self.assertEqual(plan_form.record.version, 1)
        with Form(self.env["ctxh.case.note"].with_user(self.officer)) as note_form:
            note_form.case_id = case
            note_form.subject = "Gặp người nhà"
        self.assertEqual(note_form.record.author_id, self.officer)

    def test_poverty_status_expiry(self):
        self.case.write({"poverty_status": "near_poor", "poverty_expiry_date": date(2020, 1, 1)})
        self.assertFalse(self.case.poverty_status_valid)
        self.case.poverty_status = "none"
        self.assertFalse(self.case.poverty_status_valid)

    def test_child_records_follow_case_company(self):
        other_company = self.env["res.company"].create({"name": "Bệnh viện huyện"})
        self.manager.write({"company_ids": [(4, other_company.id)]})
        case = self.env["ctxh.case"].create(
            {
                "partner_id": self.patient.id,
                "case_type_id": self.case_type.id,
                "team_id": False,
                "company_id": other_company.id,
                "user_id": self.manager.id,
            }
        )
        note = self.env["ctxh.case.note"].create({"case_id": case.id, "subject": "Khác công ty"})
        self.assertEqual(note.company_id, other_company)
        Note = (
            self.env["ctxh.case.note"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id])
        )
        self.assertNotIn(note, Note.search([]))
        with self.assertRaises(AccessError):
            note.with_user(self.manager).with_context(allowed_company_ids=[self.company.id]).read(["subject"])
