from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CtxhVolunteerCommon, local_to_utc

NOW = "2026-03-02 01:00:00"  # Monday 2 March 2026, 08:00 local


@tagged("post_install", "-at_install")
class TestAssignmentRules(CtxhVolunteerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shift = cls.make_shift((2026, 3, 10), 7, 11)  # Tuesday
        cls.shift_overlap = cls.make_shift((2026, 3, 10), 10, 12, post=cls.post_free)
        cls.shift_after = cls.make_shift((2026, 3, 10), 11, 13, post=cls.post_free)

    @freeze_time(NOW)
    def test_assignment_ok(self):
        assignment = self.assign(self.shift, self.volunteer)
        self.assertEqual(assignment.state, "planned")
        self.assertEqual(assignment.date, self.shift.date)
        self.assertEqual(self.shift.volunteer_count, 1)
        self.assertEqual(self.shift.staffing_status, "ok")
        # back to back is not an overlap
        self.assign(self.shift_after, self.volunteer)

    @freeze_time(NOW)
    def test_refuse_overlap(self):
        self.assign(self.shift, self.volunteer)
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self.assign(self.shift_overlap, self.volunteer)
        # a cancelled assignment frees the volunteer
        self.volunteer.assignment_ids.action_cancel()
        self.assign(self.shift_overlap, self.volunteer)

    @freeze_time(NOW)
    def test_refuse_overlap_within_one_batch(self):
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self.env["ctxh.shift.assignment"].create(
                [
                    {"shift_id": self.shift.id, "volunteer_id": self.volunteer.id},
                    {"shift_id": self.shift_overlap.id, "volunteer_id": self.volunteer.id},
                ]
            )

    @freeze_time(NOW)
    def test_refuse_missing_skill(self):
        self.volunteer3.skill_ids = False
        with self.assertRaisesRegex(ValidationError, "lacks the skills"):
            self.assign(self.shift, self.volunteer3)
        # a language counts as a skill when the post requires it
        self.post.required_skill_ids = self.lang_en
        self.volunteer3.language_ids = self.lang_en
        self.assign(self.shift, self.volunteer3)

    @freeze_time(NOW)
    def test_refuse_unsigned_pledge(self):
        self.volunteer3.pledge_date = False
        with self.assertRaisesRegex(ValidationError, "confidentiality pledge"):
            self.assign(self.shift, self.volunteer3)
        # signed after the shift date is still too late
        self.volunteer3.pledge_date = "2026-03-01"
        late_shift = self.make_shift((2026, 2, 27), 7, 11)
        with self.assertRaisesRegex(ValidationError, "confidentiality pledge"):
            self.assign(late_shift, self.volunteer3)
        self.assign(self.shift, self.volunteer3)

    @freeze_time(NOW)
    def test_refuse_inactive_volunteer(self):
        for state in ("applicant", "inactive", "archived"):
            self.volunteer3.state = state
            with self.assertRaisesRegex(ValidationError, "not an active volunteer"):
                self.assign(self.shift, self.volunteer3)

    @freeze_time(NOW)
    def test_refuse_full_shift(self):
        self.shift.max_volunteers = 2
        self.assign(self.shift, self.volunteer)
        self.assign(self.shift, self.volunteer2)
        self.assertEqual(self.shift.staffing_status, "full")
        with self.assertRaisesRegex(ValidationError, "is full"):
            self.assign(self.shift, self.volunteer3)

    @freeze_time(NOW)
    def test_refuse_outside_availability_block(self):
        self.volunteer3.availability_ids = [(0, 0, {"dayofweek": "1", "hour_from": 8.0, "hour_to": 12.0})]
        with self.assertRaisesRegex(ValidationError, "outside the weekly availability"):
            self.assign(self.shift, self.volunteer3)  # 07:00-11:00 starts before 08:00
        self.volunteer3.availability_ids.hour_from = 7.0
        assignment = self.assign(self.shift, self.volunteer3)
        self.assertFalse(assignment.outside_availability)

    @freeze_time(NOW)
    def test_outside_availability_warn(self):
        self.company.ctxh_availability_policy = "warn"
        self.volunteer3.availability_ids = [(0, 0, {"dayofweek": "4", "hour_from": 7.0, "hour_to": 12.0})]
        assignment = self.assign(self.shift, self.volunteer3)
        self.assertTrue(assignment.outside_availability)
        result = assignment._onchange_availability_warning()
        self.assertIn("warning", result)

    @freeze_time(NOW)
    def test_no_final_state_on_future_shift(self):
        assignment = self.assign(self.shift, self.volunteer)
        assignment.action_confirm()
        for action in ("action_attend", "action_absent", "action_excuse"):
            with self.assertRaisesRegex(ValidationError, "not started yet"):
                getattr(assignment, action)()
        self.assertEqual(assignment.state, "confirmed")
        with self.assertRaisesRegex(ValidationError, "future"):
            assignment.check_in = datetime(2026, 3, 10, 0, 0)

    def test_state_flow_and_hours(self):
        with freeze_time(NOW):
            assignment = self.assign(self.shift, self.volunteer)
            assignment.action_confirm()
            self.assertEqual(assignment.state, "confirmed")
            with self.assertRaises(UserError):
                assignment.action_confirm()
            with self.assertRaises(UserError):
                assignment.action_approve_hours()  # not attended yet
        with freeze_time("2026-03-10 06:00:00"):
            assignment.write(
                {"check_in": local_to_utc(2026, 3, 10, 7, 15), "check_out": local_to_utc(2026, 3, 10, 10, 45)}
            )
            assignment.action_attend()
            self.assertEqual(assignment.state, "attended")
            self.assertAlmostEqual(assignment.hours, 3.5)
            with self.assertRaisesRegex(ValidationError, "check-out must be after"):
                assignment.check_out = local_to_utc(2026, 3, 10, 7, 0)
            with self.assertRaises(UserError):
                assignment.action_cancel()  # final
            assignment.with_user(self.coordinator).action_approve_hours()
            self.assertTrue(assignment.hours_approved)
            self.assertEqual(assignment.approved_by_id, self.coordinator)
            with self.assertRaisesRegex(UserError, "Approved hours cannot be changed"):
                assignment.hours = 8
            with self.assertRaisesRegex(UserError, "cannot be deleted"):
                assignment.unlink()
            assignment.action_reset_approval()
            assignment.hours = 4
            self.assertEqual(assignment.hours, 4)

    def test_attended_without_check_in_counts_shift_length(self):
        with freeze_time(NOW):
            assignment = self.assign(self.shift, self.volunteer)
        with freeze_time("2026-03-11 01:00:00"):
            assignment.action_attend()
        self.assertEqual(assignment.hours, 4.0)
        absent = self.assign(self.shift, self.volunteer2)
        with freeze_time("2026-03-11 01:00:00"):
            absent.action_absent()
        self.assertEqual(absent.hours, 0.0)

    @freeze_time(NOW)
    def test_swap_keeps_history(self):
        self.shift.max_volunteers = 1
        old = self.assign(self.shift, self.volunteer)
        old.action_confirm()
        wizard = self.env["ctxh.shift.swap.wizard"].create(
            {"assignment_id": old.id, "new_volunteer_id": self.volunteer2.id, "reason": "Ốm"}
        )
        action = wizard.action_swap()
        new = self.env["ctxh.shift.assignment"].browse(action["res_id"])
        self.assertEqual(old.state, "cancelled")
        self.assertEqual(old.replaced_by_id, new)
        self.assertEqual(new.replacement_of_id, old)
        self.assertEqual(new.volunteer_id, self.volunteer2)
        self.assertEqual(new.state, "confirmed")
        self.assertEqual(self.shift.volunteer_count, 1)
        # the replacement must be able to serve
        other = self.assign(self.shift_after, self.volunteer)
        self.volunteer3.pledge_date = False
        wizard = self.env["ctxh.shift.swap.wizard"].create(
            {"assignment_id": other.id, "new_volunteer_id": self.volunteer3.id}
        )
        with self.assertRaisesRegex(ValidationError, "confidentiality pledge"):
            wizard.action_swap()

    @freeze_time(NOW)
    def test_deactivating_cancels_future_assignments(self):
        assignment = self.assign(self.shift, self.volunteer3)
        self.volunteer3.action_deactivate()
        self.assertEqual(assignment.state, "cancelled")
        self.assertEqual(self.volunteer3.state, "inactive")
        with self.assertRaises(UserError):
            self.volunteer3.action_deactivate()
        self.volunteer3.action_activate()
        self.volunteer3.action_set_archived()
        self.assertFalse(self.volunteer3.active)
        self.volunteer3.action_reset_applicant()
        self.assertEqual(self.volunteer3.state, "applicant")

    @freeze_time(NOW)
    def test_self_signup(self):
        Assignment = self.env["ctxh.shift.assignment"].with_user(self.volunteer_user)
        shift_free = self.make_shift((2026, 3, 12), 7, 11, post=self.post_free)
        with self.assertRaises(AccessError):
            Assignment.create({"shift_id": shift_free.id, "volunteer_id": self.volunteer.id})
        self.post_free.self_signup = True
        with self.assertRaisesRegex(AccessError, "only sign yourself up"):
            Assignment.create({"shift_id": shift_free.id, "volunteer_id": self.volunteer2.id})
        shift_free.with_user(self.volunteer_user).action_self_signup()
        mine = Assignment.search([])
        self.assertEqual(mine.shift_id, shift_free)
        self.assertEqual(mine.state, "planned")
        with self.assertRaises(AccessError):
            mine.write({"state": "confirmed"})
        mine.action_cancel()
        self.assertEqual(mine.state, "cancelled")

    @freeze_time(NOW)
    def test_self_signup_company_setting(self):
        shift_free = self.make_shift((2026, 3, 12), 7, 11, post=self.post_free)
        self.assertFalse(shift_free.self_signup)
        self.company.ctxh_volunteer_self_signup = True
        shift_free.invalidate_recordset(["self_signup"])
        shift_free.with_user(self.volunteer_user).action_self_signup()
        self.assertEqual(shift_free.volunteer_count, 1)

    def test_reminder_mail_once(self):
        with freeze_time(NOW):
            assignments = self.assign(self.shift, self.volunteer) | self.assign(self.shift, self.volunteer2)
        Mail = self.env["mail.mail"]
        ours = [("model", "=", "ctxh.shift.assignment"), ("res_id", "in", assignments.ids)]
        with freeze_time("2026-03-08 02:00:00"):  # two days before: nothing
            self.env["ctxh.shift.assignment"]._cron_send_reminders()
        self.assertFalse(Mail.search(ours))
        with freeze_time("2026-03-09 02:00:00"):  # the day before
            self.env["ctxh.shift.assignment"]._cron_send_reminders()
            self.env["ctxh.shift.assignment"]._cron_send_reminders()
        mails = Mail.search(ours)
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.recipient_ids, self.volunteer.partner_id | self.volunteer2.partner_id)
        self.assertIn("Test reception desk", mails[0].subject)
