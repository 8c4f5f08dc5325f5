import base64

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CtxhPrivacyCommon

# Roles that must see no patient or relative at all.
OUTSIDERS = ("employee", "collaborator", "contact_manager", "dpo", "hr")


@tagged("post_install", "-at_install")
class TestPatientPrivacy(CtxhPrivacyCommon):
    """Patients and relatives are contacts visible only to those who can read one of their
    cases (issue #10, 'Every internal user reads every patient')."""

    def _partner(self, role):
        return self.env["res.partner"].with_user(self.roles[role])

    # ------------------------------------------------------------ outsiders
    def test_outsiders_find_no_patient(self):
        for role in OUTSIDERS:
            with self.subTest(role=role):
                Partner = self._partner(role)
                self.assertFalse(Partner.search([("id", "in", self.protected.ids)]))
                self.assertFalse(Partner.search([("name", "ilike", "Bệnh nhân")]) & self.protected)
                self.assertFalse(Partner.name_search("Nạn nhân"))
                self.assertFalse(Partner.name_search("Người nhà"))
                groups = Partner.read_group([("id", "in", self.protected.ids)], ["name"], ["name"])
                self.assertFalse(groups)
                found = Partner.search_read([("id", "in", (self.protected | self.ordinary).ids)], ["name"])
                self.assertEqual({r["id"] for r in found}, set(self.ordinary.ids))
                with self.assertRaises(AccessError):
                    self.victim.with_user(self.roles[role]).read(["name"])
                with self.assertRaises(AccessError):
                    self.relative.with_user(self.roles[role]).read(["phone"])

    def test_outsiders_cannot_search_identifiers(self):
        """The issue's attack: search_count([('ctxh_national_id', '!=', False)]) listed every patient."""
        for role in OUTSIDERS:
            with self.subTest(role=role):
                Partner = self._partner(role)
                with self.assertRaises(AccessError):
                    Partner.search_count([("ctxh_national_id", "!=", False)])
                with self.assertRaises(AccessError):
                    Partner.search([("ctxh_hospital_patient_id", "=", "BN-PRIV-1")])
                with self.assertRaises(AccessError):
                    self.donor.with_user(self.roles[role]).read(["ctxh_national_id"])

    def test_outsiders_export_no_patient(self):
        for role in OUTSIDERS:
            with self.subTest(role=role):
                Partner = self._partner(role)
                every = Partner.search([])
                rows = every.export_data(["name"])["datas"]
                names = {row[0] for row in rows}
                self.assertIn(self.donor.name, names)
                for patient in self.protected:
                    self.assertNotIn(patient.name, names)

    def test_outsiders_read_no_message_or_attachment_of_patient(self):
        self.victim.message_post(body="Địa chỉ nơi lánh nạn", message_type="comment")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "giay_to.txt",
                "datas": base64.b64encode(b"CCCD"),
                "res_model": "res.partner",
                "res_id": self.victim.id,
            }
        )
        for role in OUTSIDERS:
            with self.subTest(role=role):
                user = self.roles[role]
                messages = (
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", "res.partner"), ("res_id", "=", self.victim.id)])
                )
                self.assertFalse(messages)
                self.assertFalse(
                    self.env["ir.attachment"].with_user(user).search([("id", "=", attachment.id)])
                )
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["datas"])

    def test_contact_manager_cannot_edit_patients_but_manages_other_contacts(self):
        """A volunteer coordinator (Contact Creation) edits volunteers' contacts, not patients'."""
        coordinator = self.roles["contact_manager"]
        with self.assertRaises(AccessError):
            self.patient.with_user(coordinator).write({"phone": "0911111111"})
        with self.assertRaises(AccessError):
            self.relative.with_user(coordinator).unlink()
        volunteer = self.env["res.partner"].with_user(coordinator).create({"name": "Tình nguyện viên Mới"})
        volunteer.write({"phone": "0901234567"})
        self.assertEqual(volunteer.phone, "0901234567")

    # ------------------------------------------------------------ social workers
    def test_officer_sees_patients_of_readable_cases_only(self):
        Partner = self._partner("officer")
        visible = Partner.search([("id", "in", self.protected.ids)])
        self.assertEqual(visible, self.patient | self.relative)
        self.assertEqual(Partner.search_count([("ctxh_national_id", "!=", False)]), 1)
        with self.assertRaises(AccessError):
            self.victim.with_user(self.roles["officer"]).read(["name"])
        with self.assertRaises(AccessError):
            self.patient_other.with_user(self.roles["officer"]).read(["name"])
        # another team's officer sees only theirs
        other = (
            self.env["res.partner"].with_user(self.officer_other).search([("id", "in", self.protected.ids)])
        )
        self.assertEqual(other, self.patient_other)

    def test_sensitive_officer_and_manager(self):
        sensitive = self._partner("sensitive").search([("id", "in", self.protected.ids)])
        self.assertEqual(sensitive, self.patient | self.relative | self.victim)
        # a supervisor without the Sensitive Cases group does not see the victim
        self.sensitive_case.supervisor_id = self.roles["supervisor"]
        supervised = self._partner("supervisor").search([("id", "in", self.protected.ids)])
        self.assertNotIn(self.victim, supervised)
        manager = self._partner("manager").search([("id", "in", self.protected.ids)])
        self.assertEqual(manager, self.protected)

    def test_visibility_follows_the_case(self):
        officer = self.roles["officer"]
        Partner = self._partner("officer")
        self.assertNotIn(self.patient_other, Partner.search([]))
        self.case_other.team_id = self.team
        self.assertIn(self.patient_other, Partner.search([]))
        # an archived case still protects its patient, and still shows it to its team
        self.case_other.action_archive()
        self.assertTrue(self.patient_other.ctxh_is_patient)
        self.assertIn(self.patient_other, Partner.search([]))
        self.assertNotIn(self.patient_other, self._partner("employee").search([]))
        self.case_other.team_id = self.team_other
        self.assertNotIn(self.patient_other, self.env["res.partner"].with_user(officer).search([]))

    def test_flag_follows_case_and_member_links(self):
        self.assertTrue(all(self.protected.mapped("ctxh_is_patient")))
        self.assertFalse(any(self.ordinary.mapped("ctxh_is_patient")))
        member = self.case.member_ids.filtered(lambda m: m.partner_id == self.relative)
        member.partner_id = False
        self.assertFalse(self.relative.ctxh_is_patient)
        self.assertIn(self.relative, self._partner("employee").search([]))
        member.partner_id = self.relative
        self.assertTrue(self.relative.ctxh_is_patient)
        new_patient = self.env["res.partner"].create({"name": "Bệnh nhân Mới"})
        self.assertIn(new_patient, self._partner("employee").search([]))
        self.env["ctxh.case"].create({"partner_id": new_patient.id, "case_type_id": self.case_type.id})
        self.assertNotIn(new_patient, self._partner("employee").search([]))

    def test_duplicate_warning_does_not_name_hidden_patients(self):
        officer = self.roles["officer"]
        twin = (
            self.env["res.partner"]
            .with_user(officer)
            .create({"name": "Trùng số", "ctxh_national_id": self.patient_other.ctxh_national_id})
        )
        warning = twin.with_user(officer).ctxh_duplicate_warning
        self.assertTrue(warning)
        self.assertNotIn(self.patient_other.name, warning)
        mate = (
            self.env["res.partner"]
            .with_user(officer)
            .create({"name": "Trùng số 2", "ctxh_national_id": self.patient.ctxh_national_id})
        )
        self.assertIn(self.patient.name, mate.with_user(officer).ctxh_duplicate_warning)

    # ------------------------------------------------------------ Odoo's own flows
    def test_users_companies_and_portal_keep_working(self):
        employee = self.roles["employee"]
        # a staff member who becomes a patient stays visible as a user to colleagues
        staff = new_test_user(self.env, login="ctxh_staff_patient", groups="base.group_user")
        self.env["ctxh.case"].create({"partner_id": staff.partner_id.id, "case_type_id": self.case_type.id})
        self.assertTrue(staff.partner_id.ctxh_is_patient)
        self.assertEqual(staff.with_user(employee).read(["name"])[0]["name"], staff.name)
        self.assertIn(staff.partner_id, self.env["res.partner"].with_user(employee).search([]))
        # own partner, the company's partner
        employee.partner_id.with_user(employee).read(["name", "email"])
        self.company.partner_id.with_user(employee).read(["name"])
        # a portal user reads their own partner
        portal = new_test_user(self.env, login="ctxh_portal_priv", groups="base.group_portal")
        portal.partner_id.with_user(portal).read(["name"])

    def test_contacts_list_cost(self):
        """The contacts list of an officer: the patient rule adds no query (one subquery)."""
        Partner = self._partner("officer")
        Partner.search_read([], ["name", "email", "phone"], limit=80)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=2, ctxh_role_officer=2):
            self.env["res.partner"].with_user(self.roles["officer"]).search_read([], ["name"], limit=80)
