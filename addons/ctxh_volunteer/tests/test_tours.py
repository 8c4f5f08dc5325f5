from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import CtxhVolunteerHttpCommon

PHONE = "375x667"
DESKTOP = "1366x768"


@tagged("post_install", "-at_install")
class TestVolunteerTours(CtxhVolunteerHttpCommon):
    """Browser tours in Chromium, in Vietnamese: volunteers on a phone-sized touch screen, the
    coordinator at a desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vietnamese = cls.env.ref("base.lang_vi_VN")
        vietnamese.active = True
        cls.coordinator.lang = "vi_VN"
        cls.coordinator.tz = "Asia/Ho_Chi_Minh"
        cls.company.ctxh_volunteer_deadline_hours = 24
        Skill = cls.env["ctxh.volunteer.skill"]
        cls.tour_skill = Skill.create({"name": "Tour guidance", "code": "tour_guidance"})
        cls.other_skill = Skill.create({"name": "Tour hygiene", "code": "tour_hygiene"})
        Post = cls.env["ctxh.shift.post"]
        cls.tour_post = Post.create(
            {"name": "Tour post", "self_signup": True, "required_skill_ids": [(6, 0, cls.tour_skill.ids)]}
        )
        cls.hygiene_post = Post.create(
            {"name": "Tour kitchen", "self_signup": True, "required_skill_ids": [(6, 0, cls.other_skill.ids)]}
        )

    def _set_phone(self, phone):
        self.browser_size = PHONE if phone else DESKTOP
        self.touch_enabled = phone

    def _next_tuesday_morning(self, extra_days=0):
        """The next Tuesday at least two days ahead, 08:00-11:00 local (the applicant is available
        on Tuesday mornings), in UTC; ``extra_days`` later."""
        today = fields.Date.context_today(self.env["ctxh.shift"].with_context(tz="Asia/Ho_Chi_Minh"))
        days = (1 - today.weekday()) % 7
        if days < 2:
            days += 7
        day = today + timedelta(days=days + extra_days)
        start = fields.Datetime.to_datetime(f"{day} 01:00:00")  # 08:00 in Asia/Ho_Chi_Minh
        return start, start + timedelta(hours=3)

    def test_apply_accepted_sign_up_cancel_hours_certificate(self):
        # a stranger applies on their phone
        self._set_phone(True)
        self.start_tour("/volunteer/apply", "ctxh_volunteer_apply_tour")
        applicant = self.env["ctxh.volunteer"].search([("email", "=", "tour.applicant@example.vn")])
        self.assertEqual(applicant.state, "applicant")
        self.assertEqual(applicant.skill_ids, self.tour_skill)
        self.assertTrue(applicant.pledge_date)

        # the coordinator accepts them at the desk
        self._set_phone(False)
        self.start_tour(
            "/odoo/action-ctxh_volunteer.ctxh_volunteer_action_pending",
            "ctxh_volunteer_accept_tour",
            login=self.coordinator.login,
        )
        self.assertEqual(applicant.state, "active")
        user = applicant.user_id
        self.assertTrue(user._is_portal())
        user.write({"password": user.login, "lang": "vi_VN"})

        # shifts to choose from, and 3 hours they served (and the coordinator approved) last month
        Shift = self.env["ctxh.shift"]
        start, end = self._next_tuesday_morning()
        Shift.create({"post_id": self.tour_post.id, "start_datetime": start, "end_datetime": end})
        start, end = self._next_tuesday_morning(1)
        Shift.create({"post_id": self.hygiene_post.id, "start_datetime": start, "end_datetime": end})
        start, end = self._next_tuesday_morning(-35)  # a Tuesday morning four or five weeks ago
        served = Shift.create({"post_id": self.tour_post.id, "start_datetime": start, "end_datetime": end})
        applicant.pledge_date = served.date
        self.assign(served, applicant).write({"state": "attended", "hours_approved": True})

        # the volunteer signs up, cancels, sees their hours and their certificate, on their phone
        self._set_phone(True)
        self.start_tour("/my", "ctxh_volunteer_portal_tour", login=user.login)
        self.assertEqual(
            applicant.assignment_ids.filtered(lambda a: a.shift_id.post_id == self.tour_post).mapped("state"),
            ["cancelled", "attended"],
        )
        # the certificate link serves their own certificate (Odoo answers with the report's HTML in
        # test mode; TestCertificatePdf reads the PDF itself)
        self.authenticate(user.login, user.login)
        response = self.url_open("/my/volunteer/certificate.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Lưu Thị Tour", response.text)
        self.assertIn("3,0", response.text)

    def test_coordinator_builds_a_week_and_checks_a_volunteer_in(self):
        self._set_phone(False)
        self.start_tour(
            "/odoo/action-ctxh_volunteer.ctxh_shift_template_action",
            "ctxh_volunteer_week_tour",
            login=self.coordinator.login,
        )
        template = self.env["ctxh.shift.template"].search([("name", "=", "Tour post, weekday mornings")])
        self.assertEqual(template.post_id, self.tour_post)
        shifts = self.env["ctxh.shift"].search([("template_id", "=", template.id)])
        self.assertEqual(len(shifts), 5)
        self.assertEqual(sorted({shift.date.weekday() for shift in shifts}), [0, 1, 2, 3, 4])
        self.assertTrue(all(shift.name.endswith("07:00-11:30") for shift in shifts))

        # a volunteer on a shift that started an hour ago
        volunteer = self.env["ctxh.volunteer"].create(
            {
                "name": "Hùng Tour",
                "state": "active",
                "pledge_date": "2020-01-01",
                "skill_ids": [(6, 0, self.tour_skill.ids)],
            }
        )
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=1)
        ongoing = self.env["ctxh.shift"].create(
            {
                "post_id": self.tour_post.id,
                "start_datetime": start,
                "end_datetime": start + timedelta(hours=3),
            }
        )
        assignment = self.assign(ongoing, volunteer)
        self.start_tour(
            "/odoo/action-ctxh_volunteer.ctxh_shift_assignment_action",
            "ctxh_volunteer_check_in_tour",
            login=self.coordinator.login,
        )
        self.assertEqual(assignment.state, "attended")
        self.assertEqual(assignment.hours, 3.0)

    def test_internal_volunteer_lands_on_own_shifts(self):
        """A staff collaborator who volunteers opens Odoo on their own shifts, without 'New'."""
        user = new_test_user(self.env, login="ctxh_tour_staff", groups="ctxh_case.group_ctxh_collaborator")
        self.env["ctxh.volunteer"].create({"name": "Staff Tour", "kind": "staff", "user_id": user.id})
        action = self.env.ref("ctxh_volunteer.ctxh_shift_assignment_action_my")
        self.assertEqual(user.action_id.id, action.id)
        self.assertEqual(action.context, "{'search_default_filter_upcoming': 1, 'create': 0}")
