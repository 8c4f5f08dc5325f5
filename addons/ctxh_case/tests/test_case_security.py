from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CtxhCaseCommon


@tagged("post_install", "-at_install")
class TestCaseSecurity(CtxhCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sensitive_officer = new_test_user(
            cls.env, login="ctxh_sensitive", groups="ctxh_case.group_ctxh_sensitive"
        )
        cls.team.member_ids = [(4, cls.sensitive_officer.id)]
        cls.case.supervisor_id = cls.supervisor
        Note = cls.env["ctxh.case.note"]
        cls.note_open = Note.with_user(cls.officer_mate).create(
            {"case_id": cls.case.id, "subject": "Gặp gia đình", "note_type": "contact"}
        )
        cls.note_secret = Note.with_user(cls.officer_mate).create(
            {"case_id": cls.case.id, "subject": "Tiết lộ bạo lực", "is_confidential": True}
        )
        cls.note_other_team = Note.with_user(cls.officer_other).create(
            {"case_id": cls.case_other.id, "subject": "Ghi chú nhóm B"}
        )
        cls.assessment_other = cls.env["ctxh.case.assessment"].create({"case_id": cls.case_other.id})
        cls.sensitive_case = cls.env["ctxh.case"].create(
            {
                "partner_id": cls.patient.id,
                "case_type_id": cls.case_type.id,
                "team_id": cls.team.id,
                "user_id": cls.sensitive_officer.id,
                "medical_record_number": "MRN-SENS-1",
                "vulnerable_group_ids": [(6, 0, cls.env.ref("ctxh_case.vulnerable_group_violence").ids)],
            }
        )
        cls.sensitive_note = Note.with_user(cls.sensitive_officer).create(
            {"case_id": cls.sensitive_case.id, "subject": "Sàng lọc riêng tư"}
        )

    # ---------------------------------------------------------- confidential notes
    def test_confidential_note_hidden_from_teammate(self):
        Note = self.env["ctxh.case.note"].with_user(self.officer)
        all_notes = self.note_open | self.note_secret | self.note_other_team
        self.assertEqual(Note.search([("id", "in", all_notes.ids)]), self.note_open)
        self.assertEqual(Note.search_count([("subject", "=", "Tiết lộ bạo lực")]), 0)
        self.assertFalse(Note.name_search("Tiết lộ"))
        groups = Note.read_group([("id", "in", all_notes.ids)], ["is_confidential"], ["is_confidential"])
        self.assertEqual([(g["is_confidential"], g["is_confidential_count"]) for g in groups], [(False, 1)])
        with self.assertRaises(AccessError):
            self.note_secret.with_user(self.officer).read(["body"])
        with self.assertRaises(AccessError):
            self.note_other_team.with_user(self.officer).read(["subject"])
        self.assertEqual(self.case.with_user(self.officer).note_ids, self.note_open)

    def test_confidential_note_readable_by_author_supervisor_manager(self):
        self.assertIn(self.note_secret, self.env["ctxh.case.note"].with_user(self.officer_mate).search([]))
        self.assertIn(self.note_secret, self.env["ctxh.case.note"].with_user(self.supervisor).search([]))
        self.assertIn(self.note_secret, self.env["ctxh.case.note"].with_user(self.manager).search([]))
        self.note_secret.with_user(self.supervisor).read(["body"])
        self.case.supervisor_id = self.manager
        with self.assertRaises(AccessError):
            self.note_secret.with_user(self.supervisor).read(["body"])

    def test_officer_cannot_change_or_delete_notes_of_others(self):
        with self.assertRaises(AccessError):
            self.note_open.with_user(self.officer).unlink()
        with self.assertRaises(Exception):  # noqa: B017 - UserError from write()
            self.note_open.with_user(self.officer).write({"subject": "Đổi"})
        self.note_open.with_user(self.officer_mate).write({"subject": "Gặp gia đình (2)"})

    # ---------------------------------------------------------- records of other teams
    def test_officer_cannot_read_other_team_records(self):
        Assessment = self.env["ctxh.case.assessment"].with_user(self.officer)
        self.assertFalse(Assessment.search([("id", "=", self.assessment_other.id)]))
        with self.assertRaises(AccessError):
            self.assessment_other.with_user(self.officer).read(["total_score"])
        with self.assertRaises(AccessError):
            Assessment.create({"case_id": self.case_other.id})
        self.assertTrue(Assessment.create({"case_id": self.case.id}))

    def test_collaborator_reads_no_case_records(self):
        for model in (
            "ctxh.case.note",
            "ctxh.case.assessment",
            "ctxh.case.plan",
            "ctxh.case.intervention",
            "ctxh.case.referral",
            "ctxh.case.consent",
            "ctxh.case.member",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.collaborator).search([])
        with self.assertRaises(AccessError):
            self.note_open.with_user(self.collaborator).read(["subject"])

    def test_officer_cannot_delete_interventions_or_consents(self):
        intervention = self.env["ctxh.case.intervention"].create(
            {
                "case_id": self.case.id,
                "intervention_type_id": self.env.ref("ctxh_case.intervention_type_counselling").id,
            }
        )
        with self.assertRaises(AccessError):
            intervention.with_user(self.officer).unlink()
        consent = self.env["ctxh.case.consent"].create({"case_id": self.case.id, "consent_type": "services"})
        with self.assertRaises(AccessError):
            consent.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            self.case.with_user(self.supervisor).unlink()

    def test_officer_cannot_edit_master_data(self):
        with self.assertRaises(AccessError):
            self.env["ctxh.closure.reason"].with_user(self.supervisor).create({"name": "X", "code": "x"})
        with self.assertRaises(AccessError):
            self.env.ref("ctxh_case.intervention_type_counselling").with_user(self.officer).write(
                {"name": "X"}
            )
        with self.assertRaises(AccessError):
            self.env.ref("ctxh_case.agency_kind_police").with_user(self.officer).unlink()
        self.env["ctxh.agency.kind"].with_user(self.manager).create(
            {"name": "Bảo hiểm xã hội", "code": "insurance"}
        )

    # ---------------------------------------------------------- sensitive cases
    def test_sensitive_case_hidden_from_plain_officer(self):
        Case = self.env["ctxh.case"].with_user(self.officer)
        self.assertNotIn(self.sensitive_case, Case.search([]))
        self.assertEqual(Case.search_count([("medical_record_number", "=", "MRN-SENS-1")]), 0)
        self.assertFalse(Case.name_search(self.sensitive_case.name))
        with self.assertRaises(AccessError):
            self.sensitive_case.with_user(self.officer).read(["presenting_problem"])
        groups = Case.read_group([("team_id", "=", self.team.id)], ["is_sensitive"], ["is_sensitive"])
        self.assertEqual([g["is_sensitive"] for g in groups], [False])
        self.assertFalse(
            self.env["ctxh.case.note"].with_user(self.officer).search([("id", "=", self.sensitive_note.id)])
        )
        # even the supervisor, without the sensitive group
        self.sensitive_case.supervisor_id = self.supervisor
        self.assertNotIn(self.sensitive_case, self.env["ctxh.case"].with_user(self.supervisor).search([]))

    def test_sensitive_case_visible_to_sensitive_group_and_manager(self):
        self.assertIn(self.sensitive_case, self.env["ctxh.case"].with_user(self.sensitive_officer).search([]))
        self.assertIn(
            self.sensitive_note, self.env["ctxh.case.note"].with_user(self.sensitive_officer).search([])
        )
        self.assertIn(self.sensitive_case, self.env["ctxh.case"].with_user(self.manager).search([]))
        # the sensitive group still only sees its own teams
        self.assertNotIn(self.case_other, self.env["ctxh.case"].with_user(self.sensitive_officer).search([]))
        self.assertFalse(
            self.env["ctxh.case.note"]
            .with_user(self.sensitive_officer)
            .search([("id", "=", self.note_secret.id)])
        )

    def test_plain_officer_cannot_make_a_case_sensitive(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.officer).write(
                {
                    "vulnerable_group_ids": [
                        (4, self.env.ref("ctxh_case.vulnerable_group_child_protection").id)
                    ]
                }
            )

    def test_plain_officer_cannot_create_sensitive_case(self):
        vals = {
            "partner_id": self.patient.id,
            "case_type_id": self.case_type.id,
            "team_id": self.team.id,
            "vulnerable_group_ids": [(6, 0, self.env.ref("ctxh_case.vulnerable_group_violence").ids)],
        }
        with self.assertRaises(AccessError):
            self.env["ctxh.case"].with_user(self.officer).create(dict(vals))
        case = self.env["ctxh.case"].with_user(self.sensitive_officer).create(dict(vals))
        self.assertTrue(case.is_sensitive)

    def test_officer_cannot_see_other_team_referrals_or_plans(self):
        self.env["ctxh.case.consent"].create({"case_id": self.case_other.id, "consent_type": "sharing"})
        agency = self.env["res.partner"].create(
            {"name": "UBND xã", "ctxh_agency_kind_id": self.env.ref("ctxh_case.agency_kind_commune").id}
        )
        referral = self.env["ctxh.case.referral"].create(
            {"case_id": self.case_other.id, "agency_id": agency.id}
        )
        Referral = self.env["ctxh.case.referral"].with_user(self.officer)
        self.assertFalse(Referral.search([("id", "=", referral.id)]))
        self.assertFalse(Referral.name_search(referral.display_name))
        self.assertFalse(Referral.read_group([("id", "=", referral.id)], ["state"], ["state"]))
        with self.assertRaises(AccessError):
            referral.with_user(self.officer).write({"state": "completed"})
        self._complete_assessment(self.case_other)
        plan = self.env["ctxh.case.plan"].create(
            {"case_id": self.case_other.id, "line_ids": [(0, 0, {"name": "Kết nối"})]}
        )
        plan.action_submit()
        with self.assertRaises(AccessError):
            plan.with_user(self.supervisor).action_approve()
        self.assertEqual(plan.state, "to_approve")
