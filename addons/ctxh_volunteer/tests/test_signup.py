from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CtxhVolunteerCommon, local_to_utc

NOW = "2026-03-02 01:00:00"  # Monday 2 March 2026, 08:00 local


@tagged("post_install", "-at_install")
class TestSelfSignup(CtxhVolunteerCommon):
    """A volunteer signs themselves up: every refusal reason, approval, cancel deadline and swaps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ctxh_volunteer_deadline_hours = 24
        cls.post.write({"self_signup": True, "coordinator_id": cls.coordinator.id})
        cls.post_free.write({"self_signup": True, "coordinator_id": cls.coordinator.id})
        cls.portal_volunteer = cls.make_portal_volunteer(
            "ctxh_su_portal", "Phạm Thu Hà", skill_ids=[(6, 0, cls.skill_guidance.ids)]
        )
        cls.portal_user = cls.portal_volunteer.user_id
        with freeze_time(NOW):
            cls.shift = cls.make_shift((2026, 3, 10), 7, 11)  # Tuesday
        cls.Assignment = cls.env["ctxh.shift.assignment"]

    def refusals(self, shift, volunteer=None):
        volunteer = volunteer or self.portal_volunteer
        reasons = self.Assignment._get_refusals([(volunteer, shift, self.Assignment)], self_signup=True)[0]
        return [code for code, _message in reasons]

    def signup(self, shift, volunteer=None):
        volunteer = volunteer or self.portal_volunteer
        assignment = (
            self.env["ctxh.shift.assignment"]
            .with_user(volunteer.user_id)
            .create({"shift_id": shift.id, "volunteer_id": volunteer.id})
        )
        return assignment.with_env(self.env)

    def assertRefused(self, shift, code, message):
        self.assertEqual(self.refusals(shift)[:1], [code])
        with self.assertRaisesRegex(ValidationError, message):
            self.signup(shift)

    @freeze_time(NOW)
    def test_eligible_signup_is_planned(self):
        self.assertEqual(self.refusals(self.shift), [])
        assignment = self.signup(self.shift)
        self.assertEqual(assignment.state, "planned")
        self.assertEqual(assignment.user_id, self.portal_user)
        self.assertEqual(self.shift.volunteer_count, 1)
        # the same shift again: "already"
        self.assertRefused(self.shift, "already", "already on")

    @freeze_time(NOW)
    def test_refused_inactive(self):
        self.portal_volunteer.action_deactivate()
        self.assertRefused(self.shift, "inactive", "not an active volunteer")

    @freeze_time(NOW)
    def test_refused_pledge(self):
        self.portal_volunteer.pledge_date = False
        self.assertRefused(self.shift, "pledge", "confidentiality pledge")

    @freeze_time(NOW)
    def test_refused_skills(self):
        self.portal_volunteer.skill_ids = self.skill_hygiene
        self.assertRefused(
            self.shift, "skills", "lacks the skills required by Test reception desk: Test guidance"
        )
        # a language the post requires counts as a skill
        self.post.required_skill_ids = self.lang_en
        self.assertRefused(self.shift, "skills", "Test English")
        self.portal_volunteer.language_ids = self.lang_en
        self.assertEqual(self.refusals(self.shift), [])

    @freeze_time(NOW)
    def test_refused_availability(self):
        self.portal_volunteer.availability_ids = [
            (0, 0, {"dayofweek": "1", "hour_from": 13.0, "hour_to": 17.0})
        ]
        self.assertRefused(self.shift, "availability", "outside the weekly availability")
        self.company.ctxh_availability_policy = "warn"
        self.assertEqual(self.refusals(self.shift), [])
        self.assertTrue(self.signup(self.shift).outside_availability)

    @freeze_time(NOW)
    def test_refused_overlap(self):
        other = self.make_shift((2026, 3, 10), 10, 12, post=self.post_free)
        self.signup(other)
        self.assertRefused(self.shift, "overlap", "which overlaps")

    @freeze_time(NOW)
    def test_refused_full(self):
        self.shift.max_volunteers = 1
        self.assign(self.shift, self.volunteer)
        self.assertRefused(self.shift, "full", "is full: it takes at most 1 volunteers")

    def test_refused_started_and_deadline(self):
        with freeze_time(NOW):
            soon = self.make_shift((2026, 3, 3), 7, 11)  # Tuesday 07:00, 23 hours after NOW
        with freeze_time(NOW):
            self.assertRefused(soon, "deadline", "closed 24 hours before it starts")
        with freeze_time("2026-03-03 01:00:00"):  # 08:00 local, the shift has started
            self.assertRefused(soon, "started", "has already started")
        with freeze_time("2026-03-01 23:59:00"):  # 24 hours and one minute before: open
            self.assertEqual(self.refusals(soon), [])

    @freeze_time(NOW)
    def test_refused_closed_post(self):
        self.post.self_signup = False
        self.assertEqual(self.refusals(self.shift), ["closed"])
        with self.assertRaisesRegex(AccessError, "Self sign-up is not open"):
            self.signup(self.shift)
        # the company opens every post
        self.company.ctxh_volunteer_self_signup = True
        self.shift.invalidate_recordset(["self_signup"])
        self.assertEqual(self.signup(self.shift).state, "planned")

    @freeze_time(NOW)
    def test_forged_signups(self):
        Assignment = self.env["ctxh.shift.assignment"].with_user(self.portal_user)
        with self.assertRaisesRegex(AccessError, "only sign yourself up"):
            Assignment.create({"shift_id": self.shift.id, "volunteer_id": self.volunteer.id})
        with self.assertRaisesRegex(AccessError, "Self sign-up is not open"):
            Assignment.create(
                {"shift_id": self.shift.id, "volunteer_id": self.portal_volunteer.id, "state": "confirmed"}
            )
        # the context does not make a volunteer a coordinator
        with self.assertRaisesRegex(AccessError, "only sign yourself up"):
            Assignment.with_context(ctxh_coordinator=True, active_test=False).create(
                {"shift_id": self.shift.id, "volunteer_id": self.volunteer.id}
            )
        assignment = self.signup(self.shift)
        for vals in ({"state": "confirmed"}, {"swap_requested": True}, {"hours_approved": True}):
            with self.assertRaises(AccessError):
                assignment.with_user(self.portal_user).write(vals)
        with self.assertRaises(AccessError):
            assignment.with_user(self.portal_user).action_approve_hours()

    @freeze_time(NOW)
    def test_signup_needs_approval(self):
        self.post.signup_approval = True
        self.shift.max_volunteers = 1
        requested = self.signup(self.shift)
        self.assertEqual(requested.state, "requested")
        self.assertEqual(self.shift.requested_count, 1)
        self.assertEqual(self.shift.volunteer_count, 0)
        self.assertEqual(self.shift.staffing_status, "full")  # the request holds the only place
        activity = requested.activity_ids
        self.assertEqual(
            activity.activity_type_id, self.env.ref("ctxh_volunteer.mail_activity_type_signup_approval")
        )
        self.assertEqual(activity.user_id, self.coordinator)
        # nobody else gets the place meanwhile
        with self.assertRaisesRegex(ValidationError, "is full"):
            self.assign(self.shift, self.volunteer)
        # the volunteer cannot approve themselves
        with self.assertRaises(AccessError):
            requested.with_user(self.portal_user).action_approve_signup()
        requested.with_user(self.coordinator).action_approve_signup()
        self.assertEqual(requested.state, "confirmed")
        self.assertFalse(requested.activity_ids)
        self.assertEqual(self.shift.volunteer_count, 1)
        message = requested.message_ids.filtered(lambda m: self.portal_volunteer.partner_id in m.partner_ids)
        self.assertIn("is confirmed", message.body)
        with self.assertRaises(UserError):
            requested.with_user(self.coordinator).action_refuse_signup()

    @freeze_time(NOW)
    def test_refused_signup_frees_the_place(self):
        self.post.signup_approval = True
        self.shift.max_volunteers = 1
        requested = self.signup(self.shift)
        requested.with_user(self.coordinator).action_refuse_signup()
        self.assertEqual(requested.state, "refused")
        self.assertFalse(requested.activity_ids)
        self.assertEqual(self.shift.staffing_status, "under")
        self.assign(self.shift, self.volunteer)

    def test_cancel_until_deadline(self):
        with freeze_time(NOW):
            assignment = self.signup(self.shift)
        with freeze_time("2026-03-08 23:00:00"):  # 25 hours before 07:00 on the 10th: still open
            assignment.with_user(self.portal_user).action_cancel()
        self.assertEqual(assignment.state, "cancelled")
        with freeze_time(NOW):
            again = self.signup(self.shift)
        with freeze_time("2026-03-09 01:00:00"):  # 23 hours before: closed for the volunteer
            with self.assertRaisesRegex(UserError, "starts in less than 24 hours: cancelling is closed"):
                again.with_user(self.portal_user).action_cancel()
            self.assertEqual(again.state, "planned")
            again.with_user(self.coordinator).action_cancel()  # the coordinator still can
        self.assertEqual(again.state, "cancelled")

    @freeze_time(NOW)
    def test_cannot_cancel_someone_else(self):
        theirs = self.assign(self.shift, self.volunteer)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_user).action_cancel()
        self.assertEqual(theirs.state, "planned")

    def test_swap_request(self):
        with freeze_time(NOW):
            assignment = self.signup(self.shift)
        with freeze_time("2026-03-09 06:00:00"):  # after the cancel deadline
            assignment.with_user(self.portal_user).action_request_swap("Ốm")
            assignment.with_user(self.portal_user).action_request_swap("again")
            self.assertTrue(assignment.swap_requested)
            self.assertEqual(assignment.swap_reason, "Ốm")
            activity = assignment.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(
                activity.activity_type_id, self.env.ref("ctxh_volunteer.mail_activity_type_swap_request")
            )
            self.assertEqual(activity.user_id, self.coordinator)
            # someone else's shift: no
            theirs = self.assign(self.make_shift((2026, 3, 12), 7, 11), self.volunteer)
            with self.assertRaises(AccessError):
                theirs.with_user(self.portal_user).action_request_swap()
            # the coordinator replaces the volunteer: the request is done
            wizard = (
                self.env["ctxh.shift.swap.wizard"]
                .with_user(self.coordinator)
                .with_context(**assignment.action_open_swap_wizard()["context"])
                .create({"new_volunteer_id": self.volunteer.id})
            )
            self.assertEqual(wizard.reason, "Ốm")
            wizard.action_swap()
        self.assertEqual(assignment.state, "cancelled")
        self.assertFalse(assignment.activity_ids)
        self.assertEqual(assignment.replaced_by_id.volunteer_id, self.volunteer)

    @freeze_time(NOW)
    def test_status_changes_follow_the_workflow(self):
        assignment = self.assign(self.shift, self.volunteer)
        assignment.action_cancel()
        for state in ("planned", "confirmed", "attended"):
            with self.assertRaisesRegex(UserError, "cannot go from Cancelled"):
                assignment.write({"state": state})
        with self.assertRaisesRegex(UserError, "cannot go from Cancelled"):
            assignment.sudo().write({"state": "planned"})

    @freeze_time(NOW)
    def test_refusals_query_count_does_not_grow(self):
        shifts = self.env["ctxh.shift"].create(
            [
                {
                    "post_id": (self.post if n % 2 else self.post_free).id,
                    "start_datetime": local_to_utc(2026, 3, 10 + n % 15, 7 + n % 3),
                    "end_datetime": local_to_utc(2026, 3, 10 + n % 15, 11 + n % 3),
                }
                for n in range(40)
            ]
        )
        self.signup(shifts[0])
        self.portal_volunteer.availability_ids = [
            (0, 0, {"dayofweek": "1", "hour_from": 6.0, "hour_to": 14.0})
        ]

        def count(subset):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Assignment._get_refusals([(self.portal_volunteer, s, self.Assignment) for s in subset], True)
            return self.cr.sql_log_count - before

        few, many = count(shifts[:5]), count(shifts)
        self.assertEqual(few, many)
        self.assertLess(many, 20)

    def test_upcoming_means_not_ended(self):
        """A shift that already ended today is not under "Upcoming" (Sắp tới); one under way is."""
        with freeze_time(NOW):
            ended = self.make_shift((2026, 3, 2), 6, 7)  # 06:00-07:00 local, ended an hour ago
            running = self.make_shift((2026, 3, 2), 7, 11)
            Shift = self.env["ctxh.shift"]
            ours = [("id", "in", (ended | running | self.shift).ids)]
            self.assertEqual(Shift.search(ours + [("is_upcoming", "=", True)]), running | self.shift)
            self.assertEqual(Shift.search(ours + [("is_upcoming", "=", False)]), ended)
            self.assign(ended, self.volunteer)
            upcoming_assignments = self.env["ctxh.shift.assignment"].search(
                [("shift_id.is_upcoming", "=", True), ("volunteer_id", "=", self.volunteer.id)]
            )
            self.assertFalse(upcoming_assignments)
