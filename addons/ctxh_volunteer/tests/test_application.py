from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.addons.mail.models.mail_mail import MailMail

from .common import CtxhVolunteerCommon

NOW = "2026-03-02 01:00:00"


@tagged("post_install", "-at_install")
class TestApplication(CtxhVolunteerCommon):
    """The public application form's model side and the coordinator's acceptance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Volunteer = cls.env["ctxh.volunteer"]

    def form(self, **values):
        data = {
            "name": "Võ Thị Mai",
            "email": "mai.vo@example.vn",
            "phone": "0912 345 678",
            "birthdate": "2004-05-06",
            "organisation": "Đoàn Thanh niên Trường Đại học Y Dược",
            "note": "Em muốn giúp người bệnh.",
            "skill_ids": [str(self.skill_guidance.id)],
            "language_ids": [str(self.lang_en.id)],
            "availability": ["0-morning", "0-afternoon", "5-evening", "6-night"],
            "pledge": True,
        }
        data.update(values)
        return data

    @contextmanager
    def capture_mails(self):
        """The outgoing mails created inside the block (kept: sent mails are deleted otherwise)."""
        mails = self.env["mail.mail"]
        create_origin = MailMail.create

        def create(model, vals_list):
            nonlocal mails
            created = create_origin(model, vals_list)
            mails |= created.sudo()
            return created

        captured = type("Captured", (), {})()
        with (
            patch.object(MailMail, "create", autospec=True, side_effect=create),
            patch.object(MailMail, "unlink", autospec=True, return_value=True),
        ):
            yield captured
        captured.mails = mails

    def apply(self, ip="203.0.113.5", **values):
        # as the controller does: the public user cannot create volunteers
        return (
            self.Volunteer.with_user(self.env.ref("base.public_user"))
            .sudo()
            ._create_application(self.form(**values), ip)
        )

    @freeze_time(NOW)
    def test_application_creates_an_applicant(self):
        applicant = self.apply()
        self.assertEqual(applicant.state, "applicant")
        self.assertEqual(applicant.name, "Võ Thị Mai")
        self.assertEqual(applicant.email, "mai.vo@example.vn")
        self.assertEqual(applicant.birthdate, date(2004, 5, 6))
        self.assertEqual(applicant.kind, "partner_org")
        self.assertEqual(applicant.organisation_name, "Đoàn Thanh niên Trường Đại học Y Dược")
        self.assertEqual(applicant.skill_ids, self.skill_guidance)
        self.assertEqual(applicant.language_ids, self.lang_en)
        slots = sorted(applicant.availability_ids.mapped(lambda a: (a.dayofweek, a.hour_from, a.hour_to)))
        self.assertEqual(slots, [("0", 6.0, 12.0), ("0", 12.0, 18.0), ("5", 18.0, 24.0), ("6", 0.0, 6.0)])
        # the signed pledge: date, time, address and the text accepted
        self.assertEqual(applicant.pledge_date, date(2026, 3, 2))
        self.assertEqual(str(applicant.pledge_signed_at), NOW)
        self.assertEqual(applicant.pledge_ip, "203.0.113.5")
        self.assertIn("confidential", applicant.pledge_text)
        self.assertTrue(applicant.applied_online)
        self.assertFalse(applicant.user_id)
        # a coordinator is told
        self.assertEqual(len(applicant.activity_ids), 1)
        self.assertTrue(
            applicant.activity_ids.user_id.has_group("ctxh_volunteer.group_ctxh_volunteer_coordinator")
        )

    @freeze_time(NOW)
    def test_bad_inputs_are_refused(self):
        cases = [
            ({"name": " "}, "full name"),
            ({"email": "", "phone": ""}, "e-mail address or a phone number"),
            ({"email": "not-an-email"}, "e-mail address is not valid"),
            ({"phone": "12345"}, "phone number is not valid"),
            ({"phone": "0912<script>"}, "phone number is not valid"),
            ({"birthdate": "2030-01-01"}, "date of birth"),
            ({"birthdate": "06/05/2004"}, "date of birth"),
            ({"pledge": False}, "confidentiality pledge"),
            ({"name": "x" * 101}, "too long"),
            ({"note": "x" * 1001}, "too long"),
            ({"skill_ids": ["999999"]}, "skill or language is not valid"),
            (
                {"skill_ids": [str(self.lang_en.id)]},
                "skill or language is not valid",
            ),  # a language as a skill
            ({"skill_ids": ["1 OR 1=1"]}, "skill or language is not valid"),
            ({"skill_ids": [str(n) for n in range(21)]}, "Too many skills"),
            ({"availability": ["7-morning"]}, "availability is not valid"),
            ({"availability": ["0-lunch"]}, "availability is not valid"),
        ]
        for values, message in cases:
            with self.subTest(values=values), self.assertRaisesRegex(UserError, message):
                self.apply(**values)
        self.assertFalse(self.Volunteer.search([("applied_online", "=", True)]))

    @freeze_time(NOW)
    def test_duplicates_are_refused(self):
        self.apply()
        for values in (
            {"email": "MAI.VO@example.vn", "phone": ""},  # same e-mail, other case
            {"email": "", "phone": "+84 912 345 678"},  # same phone, international form
            {"email": "other@example.vn", "phone": "0912.345.678"},
        ):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "already exists"):
                self.apply(ip="198.51.100.7", **values)
        # an existing (archived) volunteer counts too
        self.volunteer3.write({"phone": "0987 654 321"})
        self.volunteer3.action_set_archived()
        with self.assertRaisesRegex(UserError, "already exists"):
            self.apply(email="", phone="0987654321", ip="198.51.100.8")
        self.assertEqual(self.Volunteer.search_count([("applied_online", "=", True)]), 1)

    @freeze_time(NOW)
    def test_applications_per_address_are_limited(self):
        for n in range(5):
            self.apply(email=f"a{n}@example.vn", phone=f"09000000{n:02d}")
        with self.assertRaisesRegex(UserError, "Too many applications"):
            self.apply(email="a9@example.vn", phone="0900000099")
        self.apply(ip="198.51.100.9", email="a9@example.vn", phone="0900000099")  # another address
        with freeze_time("2026-03-02 02:01:00"):  # an hour later
            self.apply(email="a10@example.vn", phone="0900000010")

    @freeze_time(NOW)
    def test_accept_with_email_invites_to_the_portal(self):
        applicant = self.apply()
        with self.assertRaises(AccessError):
            applicant.with_user(self.volunteer_user).action_accept()
        with self.capture_mails() as captured:
            applicant.with_user(self.coordinator).action_accept()
        self.assertEqual(applicant.state, "active")
        user = applicant.user_id
        self.assertTrue(user)
        self.assertTrue(user._is_portal())
        self.assertEqual(user.partner_id, applicant.partner_id)
        self.assertEqual(user.login, "mai.vo@example.vn")
        self.assertEqual(applicant.organisation_id.name, "Đoàn Thanh niên Trường Đại học Y Dược")
        self.assertTrue(applicant.organisation_id.is_company)
        self.assertFalse(applicant.activity_ids)
        # the invitation (Odoo's portal welcome) goes to the volunteer with their link to choose a password
        invitation = captured.mails.filtered(lambda mail: "mai.vo@example.vn" in (mail.email_to or ""))
        self.assertEqual(len(invitation), 1)
        self.assertIn("/web/signup", invitation.body_html)
        # the volunteer now sees their own profile, nothing else
        env = self.env(user=user)
        self.assertEqual(env["ctxh.volunteer"].search([]), applicant)
        with self.assertRaisesRegex(UserError, "Only applicants"):
            applicant.with_user(self.coordinator).action_accept()

    @freeze_time(NOW)
    def test_accept_without_mail_server(self):
        """No outgoing mail server (the connection fails): the volunteer is accepted all the same and
        the invitation waits in the outgoing queue, in exception."""
        applicant = self.apply()
        with (
            self.capture_mails() as captured,
            patch.object(IrMailServer, "connect", side_effect=ConnectionRefusedError("no mail server")),
        ):
            applicant.with_user(self.coordinator).action_accept()
        self.assertEqual(applicant.state, "active")
        self.assertTrue(applicant.user_id._is_portal())
        invitation = captured.mails.filtered(lambda mail: "mai.vo@example.vn" in (mail.email_to or ""))
        self.assertEqual(invitation.state, "exception")

    @freeze_time(NOW)
    def test_accept_without_email_gives_a_phone_login(self):
        applicant = self.apply(email="")
        action = applicant.with_user(self.coordinator).action_accept()
        user = applicant.user_id
        self.assertEqual(user.login, "0912345678")
        self.assertTrue(user._is_portal())
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("0912345678", action["params"]["message"])
        self.assertIn("/web/signup?", action["params"]["message"])
        # the link is in the notification only, never in the chatter
        self.assertNotIn("signup", " ".join(applicant.message_ids.mapped("body")))

    @freeze_time(NOW)
    def test_accept_existing_login_is_refused(self):
        new_test_user(self.env, login="mai.vo@example.vn", email="mai.vo@example.vn")
        applicant = self.apply()
        with self.assertRaisesRegex(UserError, "same email as an existing user"):
            applicant.with_user(self.coordinator).action_accept()
        self.assertEqual(applicant.state, "applicant")

    def test_internal_volunteer_lands_on_own_shifts(self):
        user = new_test_user(self.env, login="ctxh_app_staff", groups="ctxh_case.group_ctxh_collaborator")
        officer = new_test_user(self.env, login="ctxh_app_officer", groups="ctxh_case.group_ctxh_officer")
        self.Volunteer.with_user(self.coordinator).create(
            {"name": "Staff A", "user_id": user.id, "kind": "staff"}
        )
        self.Volunteer.with_user(self.coordinator).create(
            {"name": "Staff B", "user_id": officer.id, "kind": "staff"}
        )
        self.assertEqual(user.action_id.id, self.env.ref("ctxh_volunteer.ctxh_shift_assignment_action_my").id)
        self.assertFalse(officer.action_id)  # a social worker keeps their own home
