from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestCaseWorkflow(CtxhCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_care_plan = cls.env.ref("ctxh_case.stage_care_plan")
        cls.stage_services = cls.env.ref("ctxh_case.stage_services")
        cls.stage_closed = cls.env.ref("ctxh_case.stage_closed")
        cls.stage_cancelled = cls.env.ref("ctxh_case.stage_cancelled")
        cls.reason = cls.env.ref("ctxh_case.closure_reason_goals_met")
        # Demo cases must not disturb the reminder counts.
        cls.env["ctxh.case"].search([("id", "not in", (cls.case | cls.case_other).ids)]).action_archive()

    # ------------------------------------------------------------- gates
    def test_no_care_plan_phase_without_completed_assessment(self):
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_care_plan
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_services
        draft = self.env["ctxh.case.assessment"].create({"case_id": self.case.id})
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_care_plan
        draft.action_done()
        self.case.stage_id = self.stage_care_plan
        self.assertEqual(self.case.phase, "care_plan")

    def test_no_case_created_past_the_gate(self):
        with self.assertRaises(ValidationError):
            self.env["ctxh.case"].create(
                {
                    "partner_id": self.patient.id,
                    "case_type_id": self.case_type.id,
                    "stage_id": self.stage_services.id,
                }
            )

    def test_no_care_plan_record_without_assessment(self):
        with self.assertRaises(ValidationError):
            self.env["ctxh.case.plan"].create({"case_id": self.case.id})

    def test_no_closure_without_reason_and_outcome(self):
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_closed
        with self.assertRaises(ValidationError):
            self.case.write({"stage_id": self.stage_closed.id, "closure_reason_id": self.reason.id})
        with self.assertRaises(ValidationError):
            self.case.write({"stage_id": self.stage_closed.id, "closure_outcome": "Xong"})
        self.assertTrue(self.case.is_open)

    def test_no_cancel_without_reason(self):
        with self.assertRaises(ValidationError):
            self.case.stage_id = self.stage_cancelled
        with self.assertRaises(UserError):
            self._wizard("cancel", reason=" ").action_confirm()

    def _wizard(self, mode, **vals):
        return self.env["ctxh.case.stage.wizard"].create({"case_id": self.case.id, "mode": mode, **vals})

    @freeze_time("2026-06-10")
    def test_close_and_reopen_with_wizard(self):
        action = self.case.action_open_close_wizard()
        self.assertEqual(action["context"]["default_mode"], "close")
        with self.assertRaises(UserError):
            self._wizard("close", closure_reason_id=self.reason.id).action_confirm()
        with self.assertRaises(UserError):
            self._wizard("reopen").action_confirm()
        self._wizard(
            "close", closure_reason_id=self.reason.id, outcome="Đã xuất viện về nhà"
        ).action_confirm()
        self.assertEqual(self.case.phase, "closed")
        self.assertEqual(self.case.close_date, date(2026, 6, 10))
        self.assertFalse(self.case.next_review_date)
        with self.assertRaises(UserError):
            self._wizard("close", closure_reason_id=self.reason.id, outcome="x").action_confirm()
        self._complete_assessment(self.case)
        self._wizard("reopen", stage_id=self.stage_services.id, reason="Tái nhập viện").action_confirm()
        self.assertEqual(self.case.stage_id, self.stage_services)
        self.assertTrue(self.case.is_open)
        self.assertFalse(self.case.close_date)
        self.assertFalse(self.case.closure_reason_id)
        self.assertEqual(self.case.next_review_date, date(2026, 6, 24))

    def test_reopen_needs_assessment_when_reopened_past_gate(self):
        self.case.action_close(self.reason, "Xong")
        with self.assertRaises(ValidationError):
            self.case.action_reopen(self.stage_services)
        self.case.action_reopen()
        self.assertEqual(self.case.phase, "assessment")

    def test_cancel_with_wizard(self):
        self._wizard("cancel", reason="Trùng hồ sơ").action_confirm()
        self.assertEqual(self.case.phase, "cancelled")
        self.assertFalse(self.case.is_open)
        self.assertEqual(self.case.cancel_reason, "Trùng hồ sơ")

    def test_wizard_form(self):
        form = Form(
            self.env["ctxh.case.stage.wizard"].with_context(
                default_case_id=self.case.id, default_mode="close"
            )
        )
        form.closure_reason_id = self.reason
        form.outcome = "Đạt mục tiêu"
        form.save().action_confirm()
        self.assertEqual(self.case.closure_reason_id, self.reason)

    @freeze_time("2026-06-10")
    def test_master_data_validity_dates(self):
        expired = self.env["ctxh.closure.reason"].create(
            {"name": "Old reason", "code": "old_reason", "date_to": date(2025, 12, 31)}
        )
        with self.assertRaises(ValidationError):
            self.case.action_close(expired, "Xong")
        self.assertTrue(self.case.is_open)
        future_type = self.env["ctxh.intervention.type"].create(
            {"name": "Future", "code": "future_type", "date_from": date(2027, 1, 1)}
        )
        Intervention = self.env["ctxh.case.intervention"]
        with self.assertRaises(ValidationError):
            Intervention.create({"case_id": self.case.id, "intervention_type_id": future_type.id})
        ok = Intervention.create(
            {"case_id": self.case.id, "intervention_type_id": future_type.id, "date": date(2027, 2, 1)}
        )
        self.assertTrue(ok)
        with self.assertRaises(ValidationError):
            future_type.date_to = date(2026, 1, 1)
        kind = self.env.ref("ctxh_case.agency_kind_police")
        kind.date_to = date(2026, 1, 1)
        with self.assertRaises(ValidationError):
            self.env["ctxh.case.referral"].create(
                {"case_id": self.case.id, "agency_id": self._agency().id, "legal_obligation": True}
            )

    # ------------------------------------------------------------- review
    def test_next_review_date_from_case_type(self):
        self.case.open_date = date(2026, 3, 1)
        self.assertEqual(self.case.next_review_date, date(2026, 3, 15))
        self.case_type.review_interval_days = 30
        self.assertEqual(self.case.next_review_date, date(2026, 3, 31))
        with freeze_time("2026-04-05"):
            self.assertTrue(self.case.is_review_overdue)
            self.assertIn(self.case, self.env["ctxh.case"].search([("is_review_overdue", "=", True)]))
            self.case.action_mark_reviewed()
            self.assertEqual(self.case.next_review_date, date(2026, 5, 5))
            self.assertFalse(self.case.is_review_overdue)
            self.assertNotIn(self.case, self.env["ctxh.case"].search([("is_review_overdue", "=", True)]))

    def test_review_cron_creates_activities_once(self):
        (self.case | self.case_other).write({"open_date": date(2026, 3, 1)})
        closed = self.case_other.copy({"open_date": date(2026, 3, 1)})
        closed.action_close(self.reason, "Xong")
        activity_type = self.env.ref("ctxh_case.mail_activity_type_case_review")
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "ctxh.case"), ("activity_type_id", "=", activity_type.id)]
        with freeze_time("2026-03-10"):
            self.assertEqual(self.env["ctxh.case"]._cron_create_review_activities(), 0)
        with freeze_time("2026-03-20"):
            self.env["ctxh.case"]._cron_create_review_activities(batch_size=1)
            activities = Activity.search(
                domain + [("res_id", "in", (self.case | self.case_other | closed).ids)]
            )
            self.assertEqual(sorted(activities.mapped("res_id")), sorted((self.case | self.case_other).ids))
            self.assertEqual(
                activities.filtered(lambda a: a.res_id == self.case.id).user_id, self.officer_mate
            )
            self.assertEqual(self.env["ctxh.case"]._cron_create_review_activities(), 0, "no duplicates")
            self.case.action_mark_reviewed()
            self.assertFalse(Activity.search(domain + [("res_id", "=", self.case.id)]))

    def test_review_cron_query_count_is_batched(self):
        cases = self.env["ctxh.case"].create(
            [
                {
                    "partner_id": self.patient.id,
                    "case_type_id": self.case_type.id,
                    "open_date": date(2026, 1, 1),
                }
                for _i in range(20)
            ]
        )
        with freeze_time("2026-03-20"):
            self.env["ctxh.case"].flush_model()
            with self.assertQueryCount(__system__=30):
                created = self.env["ctxh.case"]._cron_create_review_activities()
        self.assertGreaterEqual(created, len(cases))

    # ------------------------------------------------------------- assessment
    def test_assessment_scores_and_priority(self):
        assessment = self.env["ctxh.case.assessment"].create(
            {
                "case_id": self.case.id,
                "score_finances": "4",
                "score_family_support": "3",
                "score_psychological": "3",
                "score_treatment_access": "2",
                "score_protection_risk": "3",
            }
        )
        self.assertEqual(assessment.total_score, 15)
        self.assertEqual(assessment.suggested_priority, "3")
        assessment.score_finances = "0"
        self.assertEqual(assessment.suggested_priority, "2")
        assessment.action_done()
        self.assertEqual(self.case.priority, "2")
        self.assertTrue(self.case.has_done_assessment)
        with self.assertRaises(UserError):
            assessment.score_finances = "4"
        with self.assertRaises(UserError):
            assessment.unlink()
        with self.assertRaises(UserError):
            assessment.action_done()
        low = self._complete_assessment(self.case)
        self.assertEqual(low.suggested_priority, "0")
        self.assertEqual(self.case.priority, "0")
        self.assertEqual(len(self.case.assessment_ids), 2, "history is kept")

    # ------------------------------------------------------------- care plan
    def test_care_plan_versions_and_supervisor_approval(self):
        self._complete_assessment(self.case)
        Plan = self.env["ctxh.case.plan"]
        plan = Plan.with_user(self.officer).create({"case_id": self.case.id, "goal": "Ổn định tài chính"})
        self.assertEqual(plan.version, 1)
        with self.assertRaises(UserError):
            plan.action_submit()
        plan.write({"line_ids": [(0, 0, {"name": "Vận động quỹ hỗ trợ viện phí", "kind": "action"})]})
        plan.with_user(self.officer).action_submit()
        with self.assertRaises(UserError):
            plan.with_user(self.officer).action_approve()
        plan.with_user(self.supervisor).action_approve()
        self.assertTrue(plan.is_current)
        self.assertEqual(plan.approved_by_id, self.supervisor)
        self.assertEqual(self.case.current_plan_id, plan)
        with self.assertRaises(UserError):
            plan.goal = "Khác"
        action = plan.with_user(self.officer).action_new_version()
        plan2 = Plan.browse(action["res_id"])
        self.assertEqual(plan2.version, 2)
        self.assertEqual(plan2.state, "draft")
        self.assertEqual(len(plan2.line_ids), 1)
        self.assertEqual(self.case.current_plan_id, plan, "the draft version is not current")
        plan2.action_submit()
        plan2.with_user(self.supervisor).action_approve()
        self.assertEqual(plan.state, "superseded")
        self.assertEqual(self.case.plan_ids.filtered("is_current"), plan2)
        with self.assertRaises(UserError):
            plan.unlink()

    # ------------------------------------------------------------- consent, referral
    def test_consent_given_and_revoked(self):
        Consent = self.env["ctxh.case.consent"]
        self.assertFalse(self.case.consent_sharing)
        consent = Consent.with_user(self.officer).create(
            {"case_id": self.case.id, "consent_type": "sharing", "date": date(2026, 3, 1)}
        )
        self.assertTrue(self.case._ctxh_has_consent("sharing"))
        self.assertFalse(self.case._ctxh_has_consent("fundraising"))
        Consent.create(
            {
                "case_id": self.case.id,
                "consent_type": "fundraising",
                "state": "refused",
                "date": date(2026, 3, 1),
            }
        )
        self.assertEqual(self.case.consent_fundraising, "refused")
        with freeze_time("2026-04-01"):
            consent.with_user(self.officer).action_revoke()
        self.assertEqual(consent.revoked_date, date(2026, 4, 1))
        self.assertEqual(self.case.consent_sharing, "revoked")
        self.assertFalse(self.case._ctxh_has_consent("sharing"))
        with self.assertRaises(UserError):
            consent.action_revoke()
        with self.assertRaises(ValidationError):
            Consent.create({"case_id": self.case.id, "consent_type": "services", "state": "revoked"})

    def _agency(self):
        return self.env["res.partner"].create(
            {
                "name": "Công an phường Hưng Bình",
                "is_company": True,
                "ctxh_agency_kind_id": self.env.ref("ctxh_case.agency_kind_police").id,
            }
        )

    def test_referral_needs_sharing_consent_or_legal_obligation(self):
        agency = self._agency()
        Referral = self.env["ctxh.case.referral"]
        with self.assertRaises(ValidationError):
            Referral.create({"case_id": self.case.id, "agency_id": agency.id})
        mandatory = Referral.create(
            {"case_id": self.case.id, "agency_id": agency.id, "legal_obligation": True}
        )
        self.assertEqual(mandatory.agency_kind_id.code, "police")
        self.env["ctxh.case.consent"].create({"case_id": self.case.id, "consent_type": "sharing"})
        referral = Referral.with_user(self.officer).create({"case_id": self.case.id, "agency_id": agency.id})
        self.assertEqual(referral.state, "pending")

    @freeze_time("2026-05-20")
    def test_referral_overdue_flag_and_states(self):
        referral = self.env["ctxh.case.referral"].create(
            {
                "case_id": self.case.id,
                "agency_id": self._agency().id,
                "legal_obligation": True,
                "date_sent": date(2026, 5, 1),
                "follow_up_date": date(2026, 5, 10),
            }
        )
        self.assertTrue(referral.is_overdue)
        Referral = self.env["ctxh.case.referral"]
        self.assertIn(referral, Referral.search([("is_overdue", "=", True)]))
        referral.action_accept()
        self.assertTrue(referral.is_overdue)
        with self.assertRaises(UserError):
            referral.action_reject()
        referral.action_complete()
        self.assertFalse(referral.is_overdue)
        self.assertNotIn(referral, Referral.search([("is_overdue", "=", True)]))
        self.assertIn(referral, Referral.search([("is_overdue", "=", False)]))
        with self.assertRaises(ValidationError):
            referral.follow_up_date = date(2026, 4, 1)

    # ------------------------------------------------------------- misc
    def test_duplicate_patient_warning(self):
        self.patient.write({"ctxh_hospital_patient_id": "BN-001", "ctxh_national_id": "040123456789"})
        other = self.env["res.partner"].create(
            {"name": "Nguyễn Văn Trùng", "ctxh_national_id": "040123456789"}
        )
        self.assertIn(self.patient.name, other.ctxh_duplicate_warning)
        third = self.env["res.partner"].create({"name": "Khác", "ctxh_hospital_patient_id": "BN-001"})
        self.assertIn(self.patient.name, third.ctxh_duplicate_warning)
        unique = self.env["res.partner"].create({"name": "Duy nhất", "ctxh_national_id": "001199000777"})
        self.assertFalse(unique.ctxh_duplicate_warning)
        self.assertTrue(self.case.duplicate_warning)

    def test_sensitive_flag(self):
        self.assertFalse(self.case.is_sensitive)
        self.case.vulnerable_group_ids = self.env.ref("ctxh_case.vulnerable_group_violence")
        self.assertTrue(self.case.is_sensitive)
        self.case.vulnerable_group_ids = False
        self.assertFalse(self.case.is_sensitive)
        self.case_type.sensitive = True
        self.assertTrue(self.case.is_sensitive)

    def test_intervention_duration(self):
        Intervention = self.env["ctxh.case.intervention"]
        counselling = self.env.ref("ctxh_case.intervention_type_counselling")
        intervention = Intervention.with_user(self.officer).create(
            {"case_id": self.case.id, "intervention_type_id": counselling.id, "duration": 1.5}
        )
        self.assertEqual(intervention.task_group_id.code, "psychosocial")
        with self.assertRaises(ValidationError):
            intervention.duration = -1
